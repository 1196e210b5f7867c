import SwiftIDEUtils
import SwiftParser
import SwiftSyntax

/// Colours Swift code at build time with swift-syntax's classifier: the site needs no script.
enum Highlighter {
    /// A shown Swift code block: `code`, highlighted, in the page's `<pre class="code">`.
    static func codeBlock(_ code: String) -> String {
        memo.value(for: code) { code in
            let shown = code.hasSuffix("\n") ? String(code.dropLast()) : code
            return "<pre class=\"code\"><code class=\"language-swift\">" + highlight(shown) + "</code></pre>\n"
        }
    }
    private static let memo = Memo<String, String>(limit: 4096)  // the preview re-parses on every save

    /// `code` as HTML: escaped text with `<span class="…">` around every classified token.
    static func highlight(_ code: String) -> String {
        guard BracketRuns.firstTooLong(in: code) == nil else { return HTML.escape(code) }
        let tree = Parser.parse(source: code)
        let bytes = Array(code.utf8)
        var html = ""
        html.reserveCapacity(bytes.count * 2)
        var cursor = 0
        for classified in tree.classifications {
            let start = classified.range.lowerBound.utf8Offset
            let end = classified.range.upperBound.utf8Offset
            if cursor < start { html += HTML.escape(text(bytes[cursor..<start])) }
            let piece = text(bytes[start..<end])
            if let name = cssClass(classified.kind, piece) {
                html += "<span class=\"\(name)\">\(HTML.escape(piece))</span>"
            } else {
                html += HTML.escape(piece)
            }
            cursor = end
        }
        if cursor < bytes.count { html += HTML.escape(text(bytes[cursor...])) }
        return html
    }

    private static func text(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    /// Short class names keep pages small; `Stylesheet` gives them colours.
    private static func cssClass(_ kind: SyntaxClassification, _ text: String) -> String? {
        switch kind {
        case .keyword, .ifConfigDirective: "kw"
        case .type: "ty"
        // The classifier only knows a type in a type position; a capitalised call is one too.
        case .identifier where text.first?.isUppercase == true: "ty"
        case .stringLiteral, .regexLiteral: "str"
        case .integerLiteral, .floatLiteral: "num"
        case .lineComment, .blockComment, .docLineComment, .docBlockComment: "com"
        case .attribute: "attr"
        case .argumentLabel: "lbl"
        case .identifier, .dollarIdentifier, .editorPlaceholder, .operator, .none: nil
        }
    }
}
