import Testing

@testable import LessonKit

/// Nothing a lesson says or a program prints is taken for the renderer's own markers: the
/// private-use characters the old renderer used, and the holes the new one leaves, are text.
@Suite struct OutputIsDataTests {
    static let lookalikes = "\u{E000}0\u{E001} \u{E010}0\u{E011} \u{E002} <!--droplab-hole 0-->"

    @Test func markerLookalikesInProseAreText() throws {
        let html = try ParsedPage.body("# T\n\nProse \(Self.lookalikes) and $x$.\n")
        #expect(html.contains("<p>Prose \u{E000}0\u{E001} \u{E010}0\u{E011} \u{E002}  and <math><mi>x</mi></math>.</p>\n"))
        #expect(try ParsedPage.body("`\(Self.lookalikes)`\n").contains("&lt;!--droplab-hole 0--&gt;"))
    }

    @Test func markerLookalikesInOutputAreText() throws {
        let lesson = try LessonParser.parse(path: "a.md", source: "# T\n\n$y$\n\n```swift run\nprint(s)\n```\n\n$z$\n")
        let printed = Self.lookalikes + " \u{E000}1\u{E001}"
        let executed = ExecutedLesson(lesson: lesson, results: [BlockResult(seed: 3, items: [.stdout(printed), .stderr(printed)])])
        let html = try LessonRenderer.render(executed).bodyHTML
        let escaped = HTML.escape(printed)
        #expect(html.contains("<pre class=\"stdout\">\(escaped)</pre>"))
        #expect(html.contains("<pre class=\"stderr\">\(escaped)</pre>"))
        #expect(html.contains("<p><math><mi>y</mi></math></p>") && html.contains("<p><math><mi>z</mi></math></p>"))
    }
}
