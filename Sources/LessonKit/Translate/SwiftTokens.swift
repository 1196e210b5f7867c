import SwiftParser
import SwiftSyntax

/// A run block's program as the drift guard compares it: swift-syntax's tokens in order, without
/// trivia (spaces and comments) and with the text of string literals blanked, so that comments
/// and strings may be translated and nothing else. An interpolation's contents are tokens of
/// their own: code.
enum SwiftTokens {
    /// One token: what the comparison sees, and its 1-based line in the block's code.
    struct Token: Sendable, Hashable {
        var text: String
        var line: Int
    }

    /// The tokens of `code`, a string literal's text segments as `"…"`.
    static func tokens(of code: String) -> [Token] {
        let tree = Parser.parse(source: code)
        let converter = SourceLocationConverter(fileName: "", tree: tree)
        var tokens: [Token] = []
        for token in tree.tokens(viewMode: .sourceAccurate) {
            let text: String
            switch token.tokenKind {
            case .stringSegment: text = "\"…\""
            case .endOfFile: continue
            default: text = token.text
            }
            // A translated segment may be split differently by escapes (`\n`): one placeholder.
            if text == "\"…\"", tokens.last?.text == text { continue }
            tokens.append(Token(text: text, line: converter.location(for: token.positionAfterSkippingLeadingTrivia).line))
        }
        return tokens
    }
}
