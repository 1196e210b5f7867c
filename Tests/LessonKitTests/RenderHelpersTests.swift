import Testing

@testable import LessonKit

@Suite struct RenderHelpersTests {
    @Test func escapingCoversTheFiveDangerousPlaces() {
        #expect(HTML.escape("a < b && c > \"d\"") == "a &lt; b &amp;&amp; c &gt; &quot;d&quot;")
        #expect(HTML.escape("ünïcödé ✓") == "ünïcödé ✓")
    }

    @Test func highlightingClassifiesTokensAndEscapesText() {
        #expect(Highlighter.highlight("let s = \"<&>\" // hi")
            == "<span class=\"kw\">let</span> s = <span class=\"str\">&quot;&lt;&amp;&gt;&quot;</span> <span class=\"com\">// hi</span>")
        #expect(Highlighter.highlight("f(x: Tensor, 2.5)")
            == "f(<span class=\"lbl\">x</span>: <span class=\"ty\">Tensor</span>, <span class=\"num\">2.5</span>)")
    }

    @Test func highlightingKeepsEveryCharacter() {
        let code = "import Drop\n\n@MainActor func f() {\n  /* ünï */ print(\"é\")\n}\n"
        let html = Highlighter.highlight(code)
        let text = html.replacing(/<[^>]+>/, with: "").replacing("&quot;", with: "\"")
        #expect(text == code)
    }

    @Test func slugsAreStableReadableAndUnique() {
        var slugger = Slugger(reserving: ["run-1"])
        #expect(slugger.slug(for: "Why scale by 1/(1-p)?") == "why-scale-by-11-p")
        #expect(slugger.slug(for: "Dropout vs DropPath") == "dropout-vs-droppath")
        #expect(slugger.slug(for: "Dropout vs DropPath") == "dropout-vs-droppath-1")
        #expect(slugger.slug(for: "Run 1") == "run-1-1")
        #expect(slugger.slug(for: "Ünïcödé ✓") == "ünïcödé")
        #expect(slugger.slug(for: "?!") == "section")
    }
}
