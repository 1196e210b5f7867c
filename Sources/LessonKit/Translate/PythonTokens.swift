/// A PyTorch twin as the drift guard compares it: a small lexer of Python's tokens (names,
/// numbers, operators, strings, and the indentation of each logical line), with comments
/// dropped and the text of string literals blanked. An f-string's `{…}` fields are code: their
/// tokens are kept.
enum PythonTokens {
    /// The tokens of `code`, each with its 1-based line; a string's text as `"…"`.
    static func tokens(of code: String) -> [SwiftTokens.Token] {
        var lexer = Lexer(Array(code.unicodeScalars))
        lexer.run()
        return lexer.tokens
    }

    private struct Lexer {
        let s: [Unicode.Scalar]
        var i = 0, line = 1, depth = 0, atLineStart = true
        var tokens: [SwiftTokens.Token] = []

        init(_ scalars: [Unicode.Scalar]) { s = scalars }

        func peek(_ offset: Int = 0) -> Unicode.Scalar? { i + offset < s.count ? s[i + offset] : nil }
        mutating func emit(_ text: String, line: Int? = nil) {
            tokens.append(.init(text: text, line: line ?? self.line))
        }
        static func isName(_ c: Unicode.Scalar) -> Bool {
            c == "_" || c.properties.isAlphabetic || ("0"..."9").contains(c)
        }

        mutating func run() {
            while i < s.count {
                let c = s[i]
                if atLineStart && depth == 0 {
                    // Indentation counts only on a line holding code.
                    var width = 0, j = i
                    while j < s.count, s[j] == " " || s[j] == "\t" { width += s[j] == "\t" ? 8 : 1; j += 1 }
                    if j < s.count, s[j] != "\n", s[j] != "#", s[j] != "\r" { emit("⇥\(width)") }
                    i = j
                    atLineStart = false
                    continue
                }
                switch c {
                case "\n":
                    if depth == 0, tokens.last?.text != "⏎", !tokens.isEmpty { emit("⏎") }
                    line += 1; i += 1; atLineStart = true
                case " ", "\t", "\r": i += 1
                case "\\" where peek(1) == "\n": line += 1; i += 2
                case "#": while i < s.count, s[i] != "\n" { i += 1 }
                case "\"", "'": string(prefix: "")
                case _ where Self.isName(c) && !("0"..."9").contains(c):
                    var name = ""
                    while let d = peek(), Self.isName(d) { name.unicodeScalars.append(d); i += 1 }
                    if let q = peek(), q == "\"" || q == "'", name.count <= 2,
                        name.lowercased().allSatisfy({ "rbfu".contains($0) })
                    {
                        string(prefix: name.lowercased())
                    } else {
                        emit(name)
                    }
                case _ where ("0"..."9").contains(c) || (c == "." && peek(1).map { ("0"..."9").contains($0) } == true):
                    var number = ""
                    while let d = peek(), Self.isName(d) || d == "." || ((d == "+" || d == "-") && "eE".unicodeScalars.contains(number.unicodeScalars.last ?? " ")) {
                        number.unicodeScalars.append(d); i += 1
                    }
                    emit(number)
                default:
                    // Operators: the longest of the three-, two- and one-character ones.
                    let three = ["**=", "//=", ">>=", "<<=", "..."], two = ["**", "//", "==", "!=", "<=", ">=", "->", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", ":=", "<<", ">>"]
                    let text = String(String.UnicodeScalarView(s[i..<min(i + 3, s.count)]))
                    let op = three.first { text.hasPrefix($0) } ?? two.first { text.hasPrefix($0) } ?? String(c)
                    if "([{".contains(op) { depth += 1 }
                    if ")]}".contains(op) { depth = max(0, depth - 1) }
                    emit(op)
                    i += op.unicodeScalars.count
                }
            }
        }

        /// A string literal from its opening quote; an f-string's fields lexed as code.
        mutating func string(prefix: String) {
            let quote = s[i], start = line
            let triple = peek(1) == quote && peek(2) == quote
            i += triple ? 3 : 1
            emit(prefix + "\"…\"", line: start)
            let raw = prefix.contains("r"), formatted = prefix.contains("f")
            while i < s.count {
                let c = s[i]
                if c == "\\" && !raw || c == "\\" && raw && peek(1) == quote {
                    if peek(1) == "\n" { line += 1 }
                    i += 2; continue
                }
                if c == "\n" { line += 1; if !triple { i += 1; return } }
                if c == quote && (!triple || (peek(1) == quote && peek(2) == quote)) {
                    i += triple ? 3 : 1
                    return
                }
                if formatted && c == "{" {
                    if peek(1) == "{" { i += 2; continue }
                    field()
                    continue
                }
                i += 1
            }
        }

        /// An f-string's `{…}` field: its expression's tokens, up to the matching `}`.
        mutating func field() {
            i += 1
            var nested = 0, text = ""
            let start = line
            while i < s.count {
                let c = s[i]
                if c == "{" { nested += 1 }
                if c == "}" { if nested == 0 { break }; nested -= 1 }
                if c == "\n" { line += 1 }
                text.unicodeScalars.append(c)
                i += 1
            }
            i += 1
            emit("{", line: start)
            for token in PythonTokens.tokens(of: text) where token.text != "⏎" && !token.text.hasPrefix("⇥") {
                emit(token.text, line: start + token.line - 1)
            }
            emit("}", line: line)
        }
    }
}
