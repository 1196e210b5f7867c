import SwiftParser
import SwiftSyntax

/// Finds what a run block leaves open (a `"""` string, a `/*` comment, a `{`, `(`, `[` or
/// `#if`): in the lesson's program the code after the block would be swallowed by it, and the
/// compiler would blame the wrong block, or none.
enum OpenConstructs {
    /// Each construct `code` leaves open: the 1-based line in `code` where it opens, and what it is.
    static func find(in code: String) -> [(line: Int, what: String)] {
        memo.value(for: code, scan).map { ($0.line, $0.what) }
    }
    private static let memo = Memo<String, [Found]>(limit: 4096)  // the preview re-parses on every save
    private struct Found: Sendable { var line: Int, what: String }

    private static func scan(_ code: String) -> [Found] {
        let tree = Parser.parse(source: code)
        let converter = SourceLocationConverter(fileName: "", tree: tree)
        func line(_ position: AbsolutePosition) -> Int { converter.location(for: position).line }
        var found: [(line: Int, what: String)] = []
        for token in tree.tokens(viewMode: .all) {
            if let diagnostic = token.tokenDiagnostic, diagnostic.kind == .unterminatedBlockComment {
                found.append((line(token.position.advanced(by: Int(diagnostic.byteOffset))), "a /* comment"))
            }
            guard token.presence == .missing, let opened = token.parent else { continue }
            let what: String
            switch token.tokenKind {
            case .rightBrace: what = "a {"
            case .rightParen: what = "a ("
            case .rightSquare: what = "a ["
            case .poundEndif: what = "an #if"
            case .multilineStringQuote: what = "a \"\"\" string"
            case .regexSlash where opened.as(RegexLiteralExprSyntax.self)?.openingPounds != nil: what = "a #/ regex"
            default: continue
            }
            found.append((line(opened.positionAfterSkippingLeadingTrivia), what))
        }
        return found.map { Found(line: $0.line, what: $0.what) }
    }
}
