import SwiftParser
import SwiftSyntax

/// Writes the one Swift program that runs all of a lesson's blocks in order, like notebook
/// cells sharing their state.
///
/// Each block is announced to LessonRuntime (output markers and reseeding) and wrapped in
/// `#sourceLocation`, so that diagnostics and trap messages name the lesson file, its lines and
/// columns. Each top-level statement that starts a line is announced too, so a trap deep inside
/// Drop is still blamed on the lesson line that called it. A `should-fail` block runs in a
/// forked child, so its failure leaves the rest alone.
enum ProgramBuilder {
    /// The program's source. Blocks in `dropped` (should-fail blocks that already failed to
    /// compile) are announced but contribute no code.
    static func source(
        for lesson: Lesson, seeds: [UInt64], dropping dropped: Set<Int> = []
    ) -> String {
        let file = stringLiteral(lesson.path)
        var imports = "import Drop\nimport LessonRuntime\n"
        var body = ""
        for (block, seed) in zip(lesson.blocks, seeds) {
            body += "_lessonBeginBlock(\(block.index), seed: \(seed))\n"
            guard !dropped.contains(block.index) else { continue }
            let layout = Layout(of: block.code)
            // A should-fail block runs inside an `if`, where `import` is not allowed; imports
            // are file-wide anyway, so they move to the top (their lines stay, empty).
            let lifted = block.options.shouldFail ? layout.importLines : []
            var located = "#sourceLocation(file: \(file), line: \(block.codeLine))\n"
            for (offset, line) in block.code.split(separator: "\n", omittingEmptySubsequences: false)
                .dropLast(block.code.hasSuffix("\n") ? 1 : 0).enumerated()
            {
                let lessonLine = block.codeLine + offset
                if lifted.contains(offset + 1) {
                    imports += "#sourceLocation(file: \(file), line: \(lessonLine))\n\(line)\n"
                    imports += "#sourceLocation()\n"
                    located += "\n"
                    continue
                }
                if let column = layout.statementStarts[offset + 1] {
                    located += "_lessonAt(\(lessonLine), \(column + block.indent))\n"
                    located += "#sourceLocation(file: \(file), line: \(lessonLine))\n"
                }
                located += line + "\n"
            }
            located += "#sourceLocation()\n"
            if block.options.shouldFail {
                body += "if _lessonForkShouldFail() {\n" + located + "_lessonSurvived()\n}\n"
            } else {
                body += located
            }
        }
        return imports + body
    }

    /// Where a block's top-level statements and imports are, found with SwiftParser.
    struct Layout {
        /// The column of each top-level statement that begins its line, by 1-based line.
        /// Type and function declarations run nothing and are left out.
        var statementStarts: [Int: Int] = [:]
        /// The 1-based lines holding exactly one `import` declaration.
        var importLines: Set<Int> = []

        init(of code: String) {
            let tree = Parser.parse(source: code)
            let converter = SourceLocationConverter(fileName: "", tree: tree)
            let lines = code.split(separator: "\n", omittingEmptySubsequences: false)
            var previousEnd = 0  // line where the previous statement ended
            for item in tree.statements {
                let start = converter.location(for: item.positionAfterSkippingLeadingTrivia)
                let end = converter.location(for: item.endPositionBeforeTrailingTrivia).line
                defer { previousEnd = end }
                // Only where a new line can go in front without cutting a comment or a statement.
                guard start.line > previousEnd, start.line <= lines.count,
                    lines[start.line - 1].utf8.prefix(start.column - 1).allSatisfy({ $0 == 32 || $0 == 9 })
                else { continue }
                if item.item.is(ImportDeclSyntax.self) {
                    if end == start.line { importLines.insert(start.line) }
                } else if let decl = item.item.as(DeclSyntax.self), !decl.is(VariableDeclSyntax.self) {
                    continue
                } else {
                    statementStarts[start.line] = start.column
                }
            }
        }
    }

    private static func stringLiteral(_ text: String) -> String {
        var literal = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": literal += "\\\""
            case "\\": literal += "\\\\"
            default: literal.unicodeScalars.append(scalar)
            }
        }
        return literal + "\""
    }
}
