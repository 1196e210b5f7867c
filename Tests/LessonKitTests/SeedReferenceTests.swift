import Testing
@testable import LessonKit

/// A PyTorch twin names the seeds of run blocks; the page shows the seeds they really ran with.
@Suite struct SeedReferenceTests {
    let executed: ExecutedLesson = {
        let source = """
            ```swift run id=first
            print(1)
            ```

            ```swift run
            print(2)
            ```

            ```python
            torch.manual_seed({{seed}})
            torch.manual_seed({{seed:first}})
            x = a < b
            ```

            """
        let blocks = [
            RunBlock(index: 0, fenceLine: 1, codeLine: 2, code: "print(1)\n", options: RunOptions(id: "first")),
            RunBlock(index: 1, fenceLine: 5, codeLine: 6, code: "print(2)\n", options: RunOptions()),
        ]
        return ExecutedLesson(
            lesson: Lesson(path: "Lessons/t.md", name: "t.md", source: source, blocks: blocks),
            results: [BlockResult(seed: 11, items: []), BlockResult(seed: 22, items: [])])
    }()

    @Test func seedIsTheClosestRunBlockAboveAndSeedNameTheBlockWithThatId() throws {
        let code = Markdown.FencedCode(
            info: "python",
            literal: "torch.manual_seed({{seed}})\ntorch.manual_seed({{seed:first}})\nx = a < b\n", line: 9)
        let html = try #require(try SeedReference.html(code, in: executed))
        #expect(
            html == "<pre><code class=\"language-python\">torch.manual_seed(22)\ntorch.manual_seed(11)\n"
                + "x = a &lt; b\n</code></pre>\n")
    }

    @Test func aBlockWithoutReferencesIsLeftToCmark() throws {
        let code = Markdown.FencedCode(info: "python", literal: "print(1)\n", line: 9)
        #expect(try SeedReference.html(code, in: executed) == nil)
    }

    @Test func anUnclosedReferenceIsLeftAsWritten() throws {
        let code = Markdown.FencedCode(info: "python", literal: "a = 1\nb = \"{{seed\"\n", line: 9)
        #expect(try SeedReference.html(code, in: executed) == "<pre><code class=\"language-python\">a = 1\nb = &quot;{{seed&quot;\n</code></pre>\n")
    }

    @Test func anUnknownNameIsAnErrorAtItsLine() {
        let code = Markdown.FencedCode(info: "python", literal: "a\ntorch.manual_seed({{seed:nope}})\n", line: 9)
        #expect(throws: LessonError(stage: .render, path: "Lessons/t.md", line: 11, message: "no run block has id=nope")) {
            try SeedReference.html(code, in: executed)
        }
    }

    @Test func seedAboveEveryRunBlockIsAnError() {
        let code = Markdown.FencedCode(info: "python", literal: "{{seed}}\n", line: 1)
        #expect(throws: LessonError(stage: .render, path: "Lessons/t.md", line: 2, message: "{{seed}} has no run block above it")) {
            try SeedReference.html(code, in: executed)
        }
    }
}
