import Testing

@testable import LessonKit

@Suite struct MathMLTests {
    func inline(_ tex: String) throws -> String { try MathML.convert(tex, display: false, line: 1) }

    @Test func lettersNumbersAndOperatorsGetTheirElements() throws {
        #expect(try inline("x + 1.5") == "<math><mrow><mi>x</mi><mo>+</mo><mn>1.5</mn></mrow></math>")
        #expect(try inline("a - b < c") == "<math><mrow><mi>a</mi><mo>−</mo><mi>b</mi><mo>&lt;</mo><mi>c</mi></mrow></math>")
    }

    @Test func fractionsAndScripts() throws {
        #expect(try inline("\\frac{1}{1-p}") == "<math><mfrac><mrow><mn>1</mn></mrow><mrow><mn>1</mn><mo>−</mo><mi>p</mi></mrow></mfrac></math>")
        #expect(try inline("x_i^2") == "<math><msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup></math>")
        #expect(try inline("x^{n}") == "<math><msup><mi>x</mi><mrow><mi>n</mi></mrow></msup></math>")
    }

    @Test func bigOperatorsTakeLimitsUnderAndOver() throws {
        #expect(try inline("\\sum_{i}^{n}") == "<math><munderover><mo>∑</mo><mrow><mi>i</mi></mrow><mrow><mi>n</mi></mrow></munderover></math>")
        #expect(try inline("\\prod_k") == "<math><munder><mo>∏</mo><mi>k</mi></munder></math>")
    }

    @Test func symbolsGreekAndAlphabets() throws {
        #expect(try inline("\\alpha\\Gamma") == "<math><mrow><mi>α</mi><mi mathvariant=\"normal\">Γ</mi></mrow></math>")
        #expect(try inline("\\mathbb{R}\\mathbb{E}\\mathbf{W}") == "<math><mrow><mi>ℝ</mi><mi>𝔼</mi><mi>𝐖</mi></mrow></math>")
        #expect(try inline("a \\le b \\ge c \\approx d \\neq e \\sim f \\in g \\mid h \\cdot i \\times j") == "<math><mrow>"
            + "<mi>a</mi><mo>≤</mo><mi>b</mi><mo>≥</mo><mi>c</mi><mo>≈</mo><mi>d</mi><mo>≠</mo><mi>e</mi><mo>∼</mo><mi>f</mi>"
            + "<mo>∈</mo><mi>g</mi><mo>∣</mo><mi>h</mi><mo>⋅</mo><mi>i</mi><mo>×</mo><mi>j</mi></mrow></math>")
        #expect(try inline("x_1, \\ldots\\quad") == "<math><mrow><msub><mi>x</mi><mn>1</mn></msub><mo>,</mo><mo>…</mo><mspace width=\"1em\"></mspace></mrow></math>")
    }

    @Test func textKeepsItsSpacesAndIsEscaped() throws {
        #expect(try inline("\\text{keep a & b}") == "<math><mtext>keep a &amp; b</mtext></math>")
        #expect(try inline("\\text{ if }") == "<math><mtext>\u{A0}if\u{A0}</mtext></math>")
        #expect(try inline("\\operatorname{Bernoulli}(p)") == "<math><mrow><mi mathvariant=\"normal\">Bernoulli</mi><mo>(</mo><mi>p</mi><mo>)</mo></mrow></math>")
        #expect(try inline("\\mathrm{d}x") == "<math><mrow><mi mathvariant=\"normal\">d</mi><mi>x</mi></mrow></math>")
    }

    @Test func rootsAndStretchyDelimiters() throws {
        #expect(try inline("\\sqrt{2}") == "<math><msqrt><mrow><mn>2</mn></mrow></msqrt></math>")
        #expect(try inline("\\left( x \\right.") == "<math><mrow><mo stretchy=\"true\">(</mo><mi>x</mi></mrow></math>")
    }

    @Test func alignedBecomesATable() throws {
        let math = try MathML.convert("\\begin{aligned} a &= b \\\\ &= c \\end{aligned}", display: true, line: 1)
        #expect(math == "<math display=\"block\"><mtable class=\"aligned\" displaystyle=\"true\">"
            + "<mtr><mtd><mi>a</mi></mtd><mtd><mrow><mo>=</mo><mi>b</mi></mrow></mtd></mtr>"
            + "<mtr><mtd><mrow></mrow></mtd><mtd><mrow><mo>=</mo><mi>c</mi></mrow></mtd></mtr></mtable></math>")
    }

    @Test func unsupportedTeXIsAnErrorAtItsLine() {
        #expect(throws: MathError(line: 12, message: "math: unsupported TeX command \\hat")) {
            try MathML.convert("a +\n\n b \\hat{x}", display: true, line: 10)
        }
        #expect(throws: MathError(line: 3, message: "math: missing }")) { try MathML.convert("\\frac{1}{2", display: false, line: 3) }
        #expect(throws: MathError(line: 1, message: "math: unexpected }")) { try MathML.convert("x}", display: false, line: 1) }
        #expect(throws: MathError(line: 1, message: "math: unexpected & outside aligned")) { try MathML.convert("a & b", display: false, line: 1) }
        #expect(throws: MathError(line: 1, message: "math: unsupported environment matrix (only aligned)")) {
            try MathML.convert("\\begin{matrix}1\\end{matrix}", display: true, line: 1)
        }
    }
}

/// Pandoc's rule for `$`: prices stay prices, formulas need a non-space inside each dollar.
@Suite struct DollarMathTests {
    @Test(arguments: [
        ("It costs $5.", "<p>It costs $5.</p>"),
        ("between $5 and $10, with $x$", "<p>between $5 and $10, with <math><mi>x</mi></math></p>"),
        ("$x$5 and $ x$ and $x $", "<p>$x$5 and $ x$ and $x $</p>"),
        ("\\$x$ and `$y$`", "<p>$x$ and <code>$y$</code></p>"),
        ("a $x_1*y_2$ b", "<p>a <math><mrow><msub><mi>x</mi><mn>1</mn></msub><mo>∗</mo><msub><mi>y</mi><mn>2</mn></msub></mrow></math> b</p>"),
        ("$$\nz\n$$", "<p><math display=\"block\"><mi>z</mi></math></p>"),
        ("lone $$ stays", "<p>lone $$ stays</p>"),
    ])
    func dollars(markdown: String, html: String) throws {
        #expect(try ParsedPage.body(markdown) == html + "\n")
    }

    @Test func aBadFormulaIsAnErrorAtItsOwnLine() {
        #expect(
            LessonParserTests.errors("# T\n\nfine $x$ and\n$$\na\n\\unknown\n$$\n")
                == ["a.md:6: error: [parse] math: unsupported TeX command \\unknown"])
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "{", count: 2000) + "x" + String(repeating: "}", count: 2000)
        #expect(LessonParserTests.errors("# T\n\n$\(deep)$\n") == ["a.md:3: error: [parse] math: nested more than 100 levels deep"])
    }
}
