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
        var program = "import Drop\nimport LessonRuntime\n"
        for (block, seed) in zip(lesson.blocks, seeds) {
            program += "_lessonBeginBlock(\(block.index), seed: \(seed))\n"
            guard !dropped.contains(block.index) else { continue }
            var located = "#sourceLocation(file: \(file), line: \(block.codeLine))\n"
            let starts = statementStarts(in: block.code)
            for (offset, line) in block.code.split(separator: "\n", omittingEmptySubsequences: false)
                .dropLast(block.code.hasSuffix("\n") ? 1 : 0).enumerated()
            {
                if let column = starts[offset + 1] {
                    let lessonLine = block.codeLine + offset
                    located += "_lessonAt(\(lessonLine), \(column + block.indent))\n"
                    located += "#sourceLocation(file: \(file), line: \(lessonLine))\n"
                }
                located += line + "\n"
            }
            located += "#sourceLocation()\n"
            if block.options.shouldFail {
                program += "if _lessonForkShouldFail() {\n" + located + "_lessonSurvived()\n}\n"
            } else {
                program += located
            }
        }
        return program
    }

    /// The column of each top-level statement that begins its line, by 1-based line of `code`.
    /// Type and function declarations run nothing and are skipped.
    static func statementStarts(in code: String) -> [Int: Int] {
        let tree = Parser.parse(source: code)
        let converter = SourceLocationConverter(fileName: "", tree: tree)
        let lines = code.split(separator: "\n", omittingEmptySubsequences: false)
        var starts: [Int: Int] = [:]
        var previousEnd = 0  // line where the previous statement ended
        for item in tree.statements {
            let start = converter.location(for: item.positionAfterSkippingLeadingTrivia)
            defer { previousEnd = converter.location(for: item.endPositionBeforeTrailingTrivia).line }
            if let decl = item.item.as(DeclSyntax.self), !decl.is(VariableDeclSyntax.self) {
                continue
            }
            // Only where a new line can go in front without cutting a comment or a statement.
            guard start.line > previousEnd, start.line <= lines.count,
                lines[start.line - 1].utf8.prefix(start.column - 1).allSatisfy({ $0 == 32 || $0 == 9 })
            else { continue }
            starts[start.line] = start.column
        }
        return starts
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
