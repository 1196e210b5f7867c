import Testing

@testable import LessonKit

/// What `ProgramBuilder` adds to a lesson's code: one announcement and one `#sourceLocation`
/// per block, never a call per statement (which doubled a program's statements and so its
/// compile time: 2,000 lines, 22.8 s of CPU against 50.2 s, see the report of issue 10).
@Suite struct InstrumentationTests {
    private func lesson(_ codes: [String], shouldFail: Bool = false) -> Lesson {
        var line = 2
        let blocks = codes.enumerated().map { index, code in
            defer { line += code.split(separator: "\n", omittingEmptySubsequences: false).count + 2 }
            return RunBlock(
                index: index, fenceLine: line, codeLine: line + 1, code: code,
                options: RunOptions(shouldFail: shouldFail))
        }
        return Lesson(path: "Lessons/x.md", name: "x.md", source: "", blocks: blocks)
    }

    @Test func aBlockOfManyStatementsGetsNoCodeBetweenThem() throws {
        let code = (0..<2_000).map { "print(\($0))\n" }.joined()
        let source = try ProgramBuilder.source(for: lesson([code, "print(1)\n"]), seeds: [1, 2])
        let generated = source.split(separator: "\n").filter { !$0.hasPrefix("print(") }
        #expect(
            generated == [
                "import Drop", "import LessonRuntime",
                "_lessonBeginBlock(0, seed: 1)", "#sourceLocation(file: \"Lessons/x.md\", line: 3)",
                "#sourceLocation()",
                "_lessonBeginBlock(1, seed: 2)", "#sourceLocation(file: \"Lessons/x.md\", line: 2006)",
                "#sourceLocation()",
            ])
    }

    @Test func aBlockThatLeavesAStringACommentOrABraceOpenIsAnErrorAtItsLine() {
        for code in ["let s = \"\"\"\nopen\n", "/* never closed\nprint(1)\n", "if true {\n", "let x = 1 +\n"] {
            let lesson = lesson(["print(0)\n", code], shouldFail: true)
            #expect(throws: LessonError.self) { try ProgramBuilder.source(for: lesson, seeds: [1, 2]) }
            do {
                _ = try ProgramBuilder.source(for: lesson, seeds: [1, 2])
            } catch {
                #expect(error.line == lesson.blocks[1].codeLine && error.block == 1 && error.stage == .compile)
            }
        }
    }

    @Test func closedCodeIsLeftAsItIs() throws {
        let code = "let s = \"\"\"\nclosed\n\"\"\"\n/* closed */ print(s) // done\n"
        let source = try ProgramBuilder.source(for: lesson([code]), seeds: [1])
        #expect(source.contains(code))
    }
}
