/// A stand-in for HTML that must not pass through cmark: a private-use code point, a number,
/// filler that keeps the source's line breaks, and another private-use code point.
///
/// Private-use code points mean nothing to Markdown, so cmark carries tokens through untouched;
/// `LessonRenderer` rejects lessons that use them.
struct Placeholder: Sendable {
    /// Opens a token.
    let open: Unicode.Scalar
    /// Closes a token.
    let close: Unicode.Scalar

    /// Replaces code blocks and headings, from `Markdown`.
    static let block = Placeholder(open: "\u{E010}", close: "\u{E011}")
    /// Replaces `$…$` and `$$…$$`, from `MathExtractor`.
    static let math = Placeholder(open: "\u{E000}", close: "\u{E001}")

    /// The token for item `index`; `lineBreaks` line breaks, each followed by a non-blank
    /// filler so that no blank line (a paragraph break) appears.
    func token(_ index: Int, lineBreaks: Int = 0) -> String {
        var token = String(open) + String(index)
        for _ in 0..<lineBreaks { token += "\n\u{E002}" }
        return token + String(close)
    }

    /// Whether `text` contains a code point this placeholder uses.
    func occurs(in text: some StringProtocol) -> Bool {
        text.unicodeScalars.contains { $0 == open || $0 == close || $0 == "\u{E002}" }
    }

    /// `text` with every token replaced by `html(index)`.
    func substitute<E: Error>(in text: String, _ html: (Int) throws(E) -> String) throws(E) -> String {
        let scalars = text.unicodeScalars
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var copied = scalars.startIndex
        var i = copied
        while let start = scalars[i...].firstIndex(of: open) {
            result.unicodeScalars.append(contentsOf: scalars[copied..<start])
            var index = 0
            var j = scalars.index(after: start)
            while j < scalars.endIndex, ("0"..."9").contains(scalars[j]) {
                index = index * 10 + Int(scalars[j].value - 48)
                j = scalars.index(after: j)
            }
            guard let end = scalars[j...].firstIndex(of: close) else {
                preconditionFailure("unterminated placeholder")
            }
            result += try html(index)
            i = scalars.index(after: end)
            copied = i
        }
        result.unicodeScalars.append(contentsOf: scalars[copied...])
        return result
    }
}
