import Foundation
import SwiftParser
import SwiftSyntax

/// Writes the one Swift program that runs all of a lesson's blocks in order, like notebook
/// cells sharing their state.
///
/// Each block is announced to LessonRuntime (output markers and reseeding) and wrapped in one
/// `#sourceLocation`, so that diagnostics and trap messages name the lesson file, its lines and
/// columns. The block's code is copied line for line, with nothing added between its
/// statements: a call per statement, to tell which one a trap inside Drop came from, doubled
/// the statements of the program and so its compile time (see `InstrumentationTests`); such a
/// trap is blamed on the block's line instead. A `should-fail` block runs in a forked child, so
/// its failure leaves the rest alone.
enum ProgramBuilder {
    /// The program's source. Blocks in `dropped` (should-fail blocks that already failed to
    /// compile) are announced but contribute no code.
    ///
    /// A block that leaves a string literal, a comment or a bracket open would swallow the code
    /// generated after it; it is an error at the block's line instead.
    ///
    /// A `standalone` program is the one a reader takes away (`Downloads`): each block starts
    /// with `manualSeed(seed)` instead of talking to the engine, figures are announced by a
    /// line instead of drawn, and should-fail blocks are left in as comments.
    static func source(
        for lesson: Lesson, seeds: [UInt64], dropping dropped: Set<Int> = [], standalone: Bool = false
    ) throws(LessonError) -> String {
        let file = stringLiteral(lesson.path)
        var imports = "import Drop\nimport LessonRuntime\n"
        if standalone { imports += standalonePrelude }
        // Where each declared data file is: LessonRuntime opens only these. A take-away program
        // names it relative to the working directory (the checkout its command is run from), so
        // that the site does not depend on where the checkout is.
        var body = lesson.dataFiles.map {
            let path = standalone ? Self.relativeToWorkingDirectory($0.path) : $0.path
            return "_lessonDeclareData(\(stringLiteral($0.name)), path: \(stringLiteral(path)))\n"
        }.joined()
        for (block, seed) in zip(lesson.blocks, seeds) {
            if standalone {
                body += "\n// MARK: - Block \(block.index + 1) (\(lesson.path):\(block.codeLine))\n"
                if block.options.shouldFail {
                    body += "// This block fails on purpose (should-fail); its error is on the page.\n"
                    body += block.code.split(separator: "\n", omittingEmptySubsequences: false)
                        .dropLast(block.code.hasSuffix("\n") ? 1 : 0).map { "// " + $0 + "\n" }.joined()
                    continue
                }
                body += "manualSeed(\(seed))\n" + block.code
                continue
            }
            body += "_lessonBeginBlock(\(block.index), seed: \(seed))\n"
            guard !dropped.contains(block.index) else { continue }
            let layout = Layout(of: block.code)
            guard layout.isClosed else {
                throw LessonError(
                    stage: .compile, path: lesson.path, line: block.codeLine, block: block.index,
                    message: "the block leaves a string literal, a comment or a bracket open, "
                        + "which would swallow the code run after it")
            }
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

    /// `path` relative to the working directory when it lies inside it, else as it is.
    private static func relativeToWorkingDirectory(_ path: String) -> String {
        let here = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(here) ? String(path.dropFirst(here.count)) : path
    }

    /// Shadows LessonRuntime's `show`, which talks to the engine: alone, a figure is a line.
    private static let standalonePrelude = """

        // Figures are drawn on the lesson's page; run alone, each one is announced by a line.
        func show(_ figure: some Figure) { show(svg: figure.svg) }
        func show(svg: String) { print("[figure: \\(svg.utf8.count) bytes of SVG]") }

        """

    /// What the builder needs to know of a block's code, found with SwiftParser.
    struct Layout {
        /// The 1-based lines holding exactly one top-level `import` declaration, alone.
        var importLines: Set<Int> = []
        /// Code written after the block is a statement of its own: nothing the block opened
        /// (a `"""` string, a `/*` comment, a `{`) is left open to swallow it.
        var isClosed = false

        /// A statement put after the block to see whether it stays one.
        private static let sentinel = "_lessonSentinel()"

        init(of code: String) {
            let tree = Parser.parse(source: code + "\n" + Self.sentinel + "\n")
            isClosed = tree.statements.last?.trimmedDescription == Self.sentinel
            let converter = SourceLocationConverter(fileName: "", tree: tree)
            let lines = code.split(separator: "\n", omittingEmptySubsequences: false)
            var previousEnd = 0  // line where the previous statement ended
            for item in tree.statements {
                let start = converter.location(for: item.positionAfterSkippingLeadingTrivia)
                let end = converter.location(for: item.endPositionBeforeTrailingTrivia).line
                defer { previousEnd = end }
                // Only a line that holds nothing else moves without cutting a comment or a statement.
                guard item.item.is(ImportDeclSyntax.self), start.line > previousEnd,
                    start.line <= lines.count, end == start.line,
                    lines[start.line - 1].utf8.prefix(start.column - 1).allSatisfy({ $0 == 32 || $0 == 9 })
                else { continue }
                importLines.insert(start.line)
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
