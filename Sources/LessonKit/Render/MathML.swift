/// A formula the site cannot typeset, located in the lesson file.
struct MathError: Error, Hashable, Sendable {
    /// 1-based line in the lesson file.
    var line: Int
    /// What is wrong, naming the offending TeX.
    var message: String
}

/// Converts the TeX subset the course uses into MathML Core, at build time.
///
/// Fractions, sub/superscripts, Greek letters, `\mathbb`, `\mathbf`, `\mathrm`,
/// `\operatorname`, `\text`, `\sum`/`\prod` with limits, relations (`\le`, `\ge`, `\approx`,
/// `\neq`, `\sim`, `\in`, `\mid`), `\cdot`, `\times`, `\ldots`, `\quad`, `\sqrt`,
/// `\left…\right` and `aligned`. Anything else is an error rather than a wrong picture.
enum MathML {
    /// The `<math>` element for `tex`; `line` is the lesson line the TeX starts on.
    static func convert(_ tex: String, display: Bool, line: Int) throws(MathError) -> String {
        var parser = TeXParser(tex, line: line)
        let body = try parser.parseFormula()
        let open = display ? "<math display=\"block\">" : "<math>"
        return open + body + "</math>"
    }
}

/// A recursive-descent reader of TeX that writes MathML as it goes.
private struct TeXParser {
    private enum Token: Equatable {
        case command(String)  // `\frac` → "frac", `\\` → "\\", `\,` → ","
        case character(Character)
        case open, close, upper, lower, ampersand  // { } ^ _ &
        case space  // only `\text{…}` and friends see it
    }

    private var tokens: [(token: Token, line: Int)] = []
    private var position = 0
    /// How many atoms are being read inside one another; bounded so that no formula, however
    /// deep, can exhaust the stack.
    private var depth = 0
    private static let maximumDepth = 100
    private let lastLine: Int

    init(_ tex: String, line: Int) {
        var current = line
        var characters = tex[...]
        while let c = characters.popFirst() {
            switch c {
            case "\n": current += 1
            case " ", "\t": tokens.append((.space, current))
            case "{": tokens.append((.open, current))
            case "}": tokens.append((.close, current))
            case "^": tokens.append((.upper, current))
            case "_": tokens.append((.lower, current))
            case "&": tokens.append((.ampersand, current))
            case "\\":
                let name = characters.prefix { $0.isASCII && $0.isLetter }
                if name.isEmpty, let symbol = characters.popFirst() {
                    tokens.append((.command(String(symbol)), current))
                } else {
                    characters = characters.dropFirst(name.count)
                    tokens.append((.command(String(name)), current))
                }
            default: tokens.append((.character(c), current))
            }
        }
        lastLine = current
    }

    mutating func parseFormula() throws(MathError) -> String {
        let body = try parseSequence()
        if let token = peek() { throw error("unexpected \(describe(token))") }
        return body
    }

    // MARK: - Sequences and atoms

    /// Atoms up to a `}`, `&`, `\\`, `\right` or `\end` (left for the caller) or the end.
    private mutating func parseSequence() throws(MathError) -> String {
        var items: [String] = []
        while let token = peek() {
            switch token {
            case .close, .ampersand, .command("\\"), .command("right"), .command("end"): return row(items)
            default: items.append(try parseScripted())
            }
        }
        return row(items)
    }

    /// An atom with its subscript and superscript, if any.
    private mutating func parseScripted() throws(MathError) -> String {
        let (base, isLargeOperator) = try parseAtom()
        var sub: String?, sup: String?
        while let token = peek(), token == .lower || token == .upper {
            position += 1
            let argument = try parseArgument()
            if token == .lower {
                if sub != nil { throw error("double subscript") }
                sub = argument
            } else {
                if sup != nil { throw error("double superscript") }
                sup = argument
            }
        }
        // Limits go under and over big operators; MathML Core moves them aside in inline math.
        let (under, over, both) = isLargeOperator ? ("munder", "mover", "munderover") : ("msub", "msup", "msubsup")
        switch (sub, sup) {
        case let (sub?, sup?): return "<\(both)>\(base)\(sub)\(sup)</\(both)>"
        case let (sub?, nil): return "<\(under)>\(base)\(sub)</\(under)>"
        case let (nil, sup?): return "<\(over)>\(base)\(sup)</\(over)>"
        case (nil, nil): return base
        }
    }

    /// A `{group}` or a single atom, as taken by `^`, `_` and `\frac`.
    private mutating func parseArgument() throws(MathError) -> String {
        if peek() == .open { return try parseGroup() }
        guard peek() != nil else { throw error("missing argument at the end of the formula") }
        return try parseAtom().mathML
    }

    private mutating func parseGroup() throws(MathError) -> String {
        try enter()
        defer { depth -= 1 }
        try expect(.open, "{")
        let body = try parseSequence()
        try expect(.close, "}")
        return body.hasPrefix("<mrow>") ? body : "<mrow>\(body)</mrow>"
    }

    private mutating func parseAtom() throws(MathError) -> (mathML: String, isLargeOperator: Bool) {
        try enter()
        defer { depth -= 1 }
        guard let token = next() else { throw error("missing argument at the end of the formula") }
        switch token {
        case .open:
            position -= 1
            return (try parseGroup(), false)
        case .character(let c):
            return (character(c), false)
        case .command(let name):
            if name == "sum" || name == "prod" { return ("<mo>\(name == "sum" ? "∑" : "∏")</mo>", true) }
            return (try command(name), false)
        case .upper, .lower:
            position -= 1
            return ("<mrow></mrow>", false)  // `^2` with nothing before it
        case .close, .ampersand, .space:
            throw error("unexpected \(describe(token))")
        }
    }

    private mutating func character(_ c: Character) -> String {
        if c.isNumber || c == "." {
            var number = String(c)
            while case .character(let d)? = peek(), d.isNumber || d == "." {
                number.append(d)
                position += 1
            }
            return "<mn>\(number)</mn>"
        }
        if c.isLetter { return "<mi>\(c)</mi>" }
        switch c {
        case "-": return "<mo>−</mo>"
        case "*": return "<mo>∗</mo>"
        case "'": return "<mo>′</mo>"
        case "<": return "<mo>&lt;</mo>"
        case ">": return "<mo>&gt;</mo>"
        case "&": return "<mo>&amp;</mo>"
        default: return "<mo>\(c)</mo>"
        }
    }

    // MARK: - Commands

    private mutating func command(_ name: String) throws(MathError) -> String {
        if let letter = Self.greek[name] {
            // Capital Greek is upright, as in TeX.
            return letter.first!.isUppercase ? "<mi mathvariant=\"normal\">\(letter)</mi>" : "<mi>\(letter)</mi>"
        }
        if let symbol = Self.operators[name] { return "<mo>\(symbol)</mo>" }
        if let width = Self.spaces[name] { return "<mspace width=\"\(width)\"></mspace>" }
        switch name {
        case "infty": return "<mi>∞</mi>"
        case "frac":
            let numerator = try parseArgument()
            return "<mfrac>\(numerator)\(try parseArgument())</mfrac>"
        case "sqrt":
            guard peek() == .character("[") else { return "<msqrt>\(try parseArgument())</msqrt>" }
            position += 1
            var index: [String] = []
            while let token = peek(), token != .character("]") { index.append(try parseScripted()) }
            try expect(.character("]"), "]")
            return "<mroot>\(try parseArgument())\(rowOrEmpty(index))</mroot>"
        case "mathbb", "mathbf":
            let text = try rawGroup(after: name)
            let styled = String(text.compactMap { name == "mathbb" ? Self.doubleStruck($0) : Self.bold($0) })
            guard styled.count == text.count else { throw error("\\\(name){\(text)}: only letters and digits") }
            return "<mi>\(styled)</mi>"
        case "mathrm", "operatorname":
            return "<mi mathvariant=\"normal\">\(HTML.escape(try rawGroup(after: name)))</mi>"
        case "text":
            // HTML would collapse the spaces at the ends, which TeX keeps (`\text{if } x`).
            var text = try rawGroup(after: name)[...]
            var leading = "", trailing = ""
            while text.hasPrefix(" ") { text.removeFirst(); leading += "\u{A0}" }
            while text.hasSuffix(" ") { text.removeLast(); trailing += "\u{A0}" }
            return "<mtext>\(leading)\(HTML.escape(String(text)))\(trailing)</mtext>"
        case "left": return try parseFenced()
        case "begin": return try parseAligned()
        default: throw error("unsupported TeX command \\\(name)")
        }
    }

    /// `\left( … \right)`: delimiters that grow with their content.
    private mutating func parseFenced() throws(MathError) -> String {
        let open = try delimiter(after: "\\left")
        let body = try parseSequence()
        guard next() == .command("right") else { throw error("\\left without a matching \\right") }
        let close = try delimiter(after: "\\right")
        return "<mrow>\(open)\(body)\(close)</mrow>"
    }

    private mutating func delimiter(after command: String) throws(MathError) -> String {
        let symbol: String
        switch next() {
        case .character("."): return ""
        case .character(let c) where "()[]|".contains(c): symbol = String(c)
        case .command("{"): symbol = "{"
        case .command("}"): symbol = "}"
        case .command("|"): symbol = "‖"
        case .command("langle"): symbol = "⟨"
        case .command("rangle"): symbol = "⟩"
        default: throw error("\(command) needs a delimiter such as ( [ | . \\{")
        }
        return "<mo stretchy=\"true\">\(symbol)</mo>"
    }

    /// `\begin{aligned} a &= b \\ &= c \end{aligned}`: rows of right/left aligned cells.
    private mutating func parseAligned() throws(MathError) -> String {
        let environment = try rawGroup(after: "\\begin")
        guard environment == "aligned" else { throw error("unsupported environment \(environment) (only aligned)") }
        var rows: [[String]] = [[]]
        while true {
            rows[rows.count - 1].append(try parseSequence())
            switch next() {
            case .ampersand: continue
            case .command("\\"): rows.append([])
            case .command("end"):
                let closing = try rawGroup(after: "\\end")
                guard closing == "aligned" else { throw error("\\begin{aligned} ended by \\end{\(closing)}") }
                let table = rows.map { cells in
                    "<mtr>" + cells.map { "<mtd>\($0)</mtd>" }.joined() + "</mtr>"
                }
                return "<mtable class=\"aligned\" displaystyle=\"true\">" + table.joined() + "</mtable>"
            default: throw error("\\begin{aligned} without \\end{aligned}")
            }
        }
    }

    /// The text of a `{…}` group, taken literally (for `\text`, `\mathrm`, environments).
    private mutating func rawGroup(after command: String) throws(MathError) -> String {
        guard next() == .open else { throw error("\(command) needs a {…} argument") }
        var text = "", depth = 0
        while let token = nextRaw() {
            switch token {
            case .open: depth += 1; text += "{"
            case .close where depth == 0: return text
            case .close: depth -= 1; text += "}"
            case .character(let c): text.append(c)
            case .command(let name) where name.count == 1 && !name.first!.isLetter: text += name
            case .command(let name): throw error("\\\(name) inside \(command){…} is not supported")
            case .upper: text += "^"
            case .lower: text += "_"
            case .ampersand: text += "&"
            case .space: text += " "
            }
        }
        throw error("\(command){ without a closing }")
    }

    // MARK: - Helpers

    /// One level deeper; every cycle of the descent passes through here.
    private mutating func enter() throws(MathError) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw error("nested more than \(Self.maximumDepth) levels deep") }
    }

    /// The next token that is not a space (spaces mean nothing in math mode).
    private mutating func peek() -> Token? {
        while position < tokens.count, tokens[position].token == .space { position += 1 }
        return position < tokens.count ? tokens[position].token : nil
    }

    private mutating func next() -> Token? {
        defer { position += 1 }
        return peek()
    }

    private mutating func nextRaw() -> Token? {
        defer { position += 1 }
        return position < tokens.count ? tokens[position].token : nil
    }

    private mutating func expect(_ token: Token, _ text: String) throws(MathError) {
        guard next() == token else { throw error("missing \(text)") }
    }

    private func error(_ message: String) -> MathError {
        // The token just read is the one to blame; past the end, the last one.
        let line = tokens.isEmpty ? lastLine : tokens[min(max(position - 1, 0), tokens.count - 1)].line
        return MathError(line: line, message: "math: \(message)")
    }

    private func describe(_ token: Token) -> String {
        switch token {
        case .command(let name): "\\\(name)"
        case .character(let c): "'\(c)'"
        case .open: "{"
        case .close: "}"
        case .upper: "^"
        case .lower: "_"
        case .ampersand: "& outside aligned"
        case .space: "space"
        }
    }

    private func row(_ items: [String]) -> String { items.count == 1 ? items[0] : rowOrEmpty(items) }
    private func rowOrEmpty(_ items: [String]) -> String { "<mrow>" + items.joined() + "</mrow>" }

    // MARK: - Tables

    private static let greek: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε",
        "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
        "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ",
        "tau": "τ", "upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
        "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    ]

    private static let operators: [String: String] = [
        "cdot": "⋅", "times": "×", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "approx": "≈",
        "neq": "≠", "ne": "≠", "sim": "∼", "in": "∈", "mid": "∣", "ldots": "…", "cdots": "⋯",
        "odot": "⊙", "pm": "±", "to": "→", "{": "{", "}": "}", "|": "‖", "$": "$", "%": "%",
    ]

    private static let spaces: [String: String] = [
        ",": "0.167em", ";": "0.278em", "quad": "1em", "qquad": "2em",
    ]

    /// 𝔸…ℤ, 𝕒…𝕫, 𝟘…𝟡; the letters Unicode encoded before the math block keep their old homes.
    private static func doubleStruck(_ c: Character) -> Character? {
        let legacy: [Character: Character] = ["C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ"]
        if let old = legacy[c] { return old }
        return offset(c, upper: 0x1D538, lower: 0x1D552, digit: 0x1D7D8)
    }

    /// 𝐀…𝐙, 𝐚…𝐳, 𝟎…𝟗.
    private static func bold(_ c: Character) -> Character? {
        offset(c, upper: 0x1D400, lower: 0x1D41A, digit: 0x1D7CE)
    }

    private static func offset(_ c: Character, upper: UInt32, lower: UInt32, digit: UInt32) -> Character? {
        guard let ascii = c.asciiValue else { return nil }
        let base: UInt32
        switch ascii {
        case 65...90: base = upper + UInt32(ascii - 65)
        case 97...122: base = lower + UInt32(ascii - 97)
        case 48...57: base = digit + UInt32(ascii - 48)
        default: return nil
        }
        return Unicode.Scalar(base).map(Character.init)
    }
}
