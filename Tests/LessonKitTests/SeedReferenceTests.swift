import Testing

@testable import LessonKit

/// A PyTorch twin names the seeds of run blocks; the page shows the seeds they really ran with.
@Suite struct SeedReferenceTests {
    static let source = """
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

    /// `source` followed by `twin`, rendered with seeds 11 and 22.
    func page(_ twin: String = "") throws -> String {
        let lesson = try LessonParser.parse(path: "Lessons/t.md", source: Self.source + twin)
        let executed = ExecutedLesson(
            lesson: lesson, results: [BlockResult(seed: 11, items: []), BlockResult(seed: 22, items: [])])
        return try LessonRenderer.render(executed).bodyHTML
    }

    func errors(_ twin: String) -> [String] {
        do {
            _ = try LessonParser.parse(path: "Lessons/t.md", source: Self.source + twin)
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test func seedIsTheClosestRunBlockAboveAndSeedNameTheBlockWithThatId() throws {
        #expect(
            try page().contains(
                "<pre><code class=\"language-python\">torch.manual_seed(22)\ntorch.manual_seed(11)\n"
                    + "x = a &lt; b\n</code></pre>\n"))
    }

    @Test func aBlockWithoutReferencesIsLeftToCmark() throws {
        #expect(try page("```python\nprint(1)\n```\n").contains("<pre><code class=\"language-python\">print(1)\n</code></pre>"))
    }

    @Test func anUnclosedReferenceIsLeftAsWritten() throws {
        #expect(
            try page("```python\na = 1\nb = \"{{seed\"\n```\n").contains(
                "<pre><code class=\"language-python\">a = 1\nb = &quot;{{seed&quot;\n</code></pre>\n"))
    }

    @Test func anInfoStringCannotLeaveItsAttribute() throws {
        let html = try page("```py\"><img/src/onerror=alert(1)>\nseed = {{seed}}\n```\n")
        #expect(html.contains("<code class=\"language-py&quot;&gt;&lt;img/src/onerror=alert(1)&gt;\">seed = 22\n"))
    }

    @Test func everyBadReferenceIsAnErrorAtItsLine() {
        #expect(
            errors("```python\na\ntorch.manual_seed({{seed:nope}})\n{{seedling}}\n```\n") == [
                "Lessons/t.md:16: error: [parse] no run block has id=nope",
                "Lessons/t.md:17: error: [parse] write {{seed}} or {{seed:NAME}}, not {{seedling}}",
            ])
    }

    @Test func seedAboveEveryRunBlockIsAnError() {
        #expect(throws: LessonFailures([LessonError(stage: .parse, path: "a.md", line: 2, message: "{{seed}} has no run block above it")])) {
            try LessonParser.parse(path: "a.md", source: "```python\n{{seed}}\n```\n\n```swift run\n```\n")
        }
    }
}
