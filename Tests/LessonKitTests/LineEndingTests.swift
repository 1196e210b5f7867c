import Testing

@testable import LessonKit

/// A lesson saved on Windows (CRLF), on an old Mac (CR), or edited on both, is the same lesson.
@Suite struct LineEndingTests {
    static func rewrite(_ source: String, _ endings: [String]) -> String {
        var text = "", index = 0
        for line in source.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            text += line + endings[index % endings.count]
            index += 1
        }
        return text
    }

    @Test(arguments: [["\r\n"], ["\r"], ["\r\n", "\n", "\r"]])
    func everyLineEndingGivesTheSameSite(endings: [String]) throws {
        let lf = try SiteRenderer.render(SiteRendererTests.course(), context: SiteRendererTests.context)
        let other = try SiteRendererTests.course { Self.rewrite($0, endings) }
        #expect(other[0].lesson.source.contains(endings[0]), "the fixture really has those endings")
        #expect(other[0].lesson.blocks == (try SiteRendererTests.course())[0].lesson.blocks)
        #expect(try SiteRenderer.render(other, context: SiteRendererTests.context) == lf)
    }
}
