import Foundation
import Testing

@testable import LessonKit

/// Every authoring error of every lesson is found before anything compiles, all in one run,
/// each at its line.
@Suite struct AuthoringErrorTests {
    static let directory = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
        .appendingPathComponent("Parse")

    static func errors(_ name: String) throws -> [String] {
        let source = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        return LessonParserTests.errors(source, path: "Parse/\(name)")
    }

    @Test func blocksThatLeaveAStringCommentOrBraceOpenAreErrorsAtTheirLines() throws {
        #expect(try Self.errors("should-fail-unclosed.md") == [
            "Parse/should-fail-unclosed.md:4: error: [parse] block 1: the block leaves a \"\"\" string open, which would swallow the code after it",
            "Parse/should-fail-unclosed.md:11: error: [parse] block 2: the block leaves a /* comment open, which would swallow the code after it",
            "Parse/should-fail-unclosed.md:16: error: [parse] block 3: the block leaves a { open, which would swallow the code after it",
        ])
    }

    @Test func frontMatterGivesTheTitleAndKeepsLines() throws {
        let source = try String(contentsOf: Self.directory.appendingPathComponent("front-matter.md"), encoding: .utf8)
        let lesson = try LessonParser.parse(path: "a.md", source: source)
        #expect(lesson.blocks.map(\.fenceLine) == [7])
        let rendered = try LessonRenderer.render(ExecutedLesson(lesson: lesson, results: [BlockResult(seed: 0, items: [])]))
        #expect(rendered.title == "A title from front matter")
        #expect(!rendered.bodyHTML.contains("<hr"))
        #expect(rendered.bodyHTML.hasPrefix("<h1 id=\"the-heading-is-not-the-title\">"))
    }

    @Test func everyErrorOfEveryLessonComesInOneBuildBeforeAnythingCompiles() async throws {
        let executor = LessonExecutor(toolchain: try EngineFixtures.toolchain(), settings: .init(), cache: nil)
        let builder = SiteBuilder(
            lessonsDirectory: Self.directory.appendingPathComponent("broken").path, executor: executor, jobs: 1,
            context: SiteRendererTests.context)
        let outcome = await builder.render { _ in Issue.record("nothing runs") }
        #expect(outcome.runs.isEmpty)
        let prefix = Self.directory.appendingPathComponent("broken").path + "/"
        #expect(outcome.failures.map { $0.description.replacingOccurrences(of: prefix, with: "") } == [
            "01-first.md:3: error: [parse] math: unsupported TeX command \\nosuch",
            "01-first.md:5: error: [parse] unknown option 'colour=red' (expected hide, silent, should-fail, id=NAME, timeout=SECONDS)",
            "01-first.md:9: error: [parse] raw HTML: <img src>: only files of the site load (no scheme, no //host)",
            "02-second.md:3: error: [parse] front matter: only `title: …` and `data: …` are supported, not `author: someone`",
            "02-second.md:8: error: [parse] timeout=1e300: at most 86400 seconds (a day)",
            "02-second.md:13: error: [parse] no run block has id=missing",
            "02-second.md:17: error: [parse] block 2: the block leaves a \"\"\" string open, which would swallow the code after it",
        ])
    }
}
