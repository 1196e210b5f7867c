import Foundation
import Testing

@testable import LessonKit

/// Labels `{#fig:NAME}`, `{#eq:NAME}`, `{#tbl:NAME}` are numbered per lesson in document order;
/// `@fig:NAME` becomes a link with the number, to another lesson too; every misuse is an error
/// naming the file and line.
@Suite struct CrossReferenceTests {
    static let lesson = """
        # Lesson

        ```swift run
        print(1)
        ```

        {#fig:first} The first figure.

        $$a = b$$ {#eq:one}

        | a |
        | - |
        | 1 |

        {#tbl:values} Values.

        ```math {#eq:two}
        c = d
        ```

        ```swift run
        print(2)
        ```

        {#fig:second} See @fig:first, @eq:two and @tbl:values.

        Prose: @fig:second, @eq:one; in the other lesson @fig:elsewhere. Not one: me@fig:first, @figure.
        """

    static let other = "# Other\n\n```swift run\nprint(3)\n```\n\n{#fig:elsewhere} Back to @fig:first.\n"

    static func course() throws -> [ExecutedLesson] {
        let first = try LessonParser.parse(path: "Lessons/01-a.md", source: lesson)
        let second = try LessonParser.parse(path: "Lessons/02-b.md", source: other)
        return [
            ExecutedLesson(lesson: first, results: [.init(seed: 1, items: [.stdout("1\n")]), .init(seed: 2, items: [.stdout("2\n")])]),
            ExecutedLesson(lesson: second, results: [.init(seed: 3, items: [.stdout("3\n")])]),
        ]
    }

    static func page(_ name: String) throws -> String {
        let files = try SiteRenderer.render(course(), context: .init(seed: 0, dropVersion: "test"))
        return String(decoding: try #require(files.first { $0.path == name }).contents, as: UTF8.self)
    }

    static func errors(_ source: String) -> [String] {
        do {
            _ = try LessonParser.parse(path: "Lessons/x.md", source: source)
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test func labelsAreNumberedPerLessonAndKindInDocumentOrder() throws {
        let lesson = try LessonParser.parse(path: "Lessons/01-a.md", source: Self.lesson)
        #expect(lesson.document.labels.map(\.key.reference) == ["@fig:first", "@eq:one", "@tbl:values", "@eq:two", "@fig:second"])
        let (references, errors) = CrossReferences.resolve(try Self.course().map(\.lesson))
        #expect(errors.isEmpty)
        #expect(references.number(.init(kind: .figure, name: "second"), withWord: true) == "Figure 1.2")
        #expect(references.number(.init(kind: .equation, name: "two"), withWord: false) == "1.2")
        #expect(references.number(.init(kind: .table, name: "values"), withWord: true) == "Table 1.1")
        #expect(references.number(.init(kind: .figure, name: "elsewhere"), withWord: true) == "Figure 2.1")
    }

    @Test func figuresTablesAndEquationsAreRenderedWithTheirNumbers() throws {
        let page = try Self.page("01-a.html")
        #expect(page.contains("<figure class=\"numbered\" id=\"fig-first\">\n<div class=\"run\" id=\"run-1\">"))
        #expect(page.contains("<figcaption><span class=\"caption-number\">Figure 1.1.</span> The first figure.</figcaption>\n</figure>"))
        #expect(page.contains("<figure class=\"numbered table\" id=\"tbl-values\">\n<figcaption><span class=\"caption-number\">Table 1.1.</span> Values.</figcaption>\n<table>"))
        #expect(page.contains("<span class=\"equation\" id=\"eq-one\"><math display=\"block\">"))
        #expect(page.contains("<span class=\"equation-number\">(1.1)</span></span>"))
        #expect(page.contains("<span class=\"equation\" id=\"eq-two\">"))
        #expect(!page.contains("{#"), "no label is left in the text")
    }

    @Test func referencesAreLinksWithTheNumberAlsoAcrossLessons() throws {
        let page = try Self.page("01-a.html")
        #expect(page.contains("See <a class=\"xref\" href=\"#fig-first\">Figure 1.1</a>, <a class=\"xref\" href=\"#eq-two\">Equation 1.2</a> and <a class=\"xref\" href=\"#tbl-values\">Table 1.1</a>."))
        #expect(page.contains("in the other lesson <a class=\"xref\" href=\"02-b.html#fig-elsewhere\">Figure 2.1</a>."))
        #expect(page.contains("Not one: me@fig:first, @figure."))
        #expect(try Self.page("02-b.html").contains("Back to <a class=\"xref\" href=\"01-a.html#fig-first\">Figure 1.1</a>."))
    }

    @Test func anUnknownReferenceIsAnErrorAtItsLine() throws {
        let lesson = try LessonParser.parse(path: "Lessons/01-a.md", source: "# A\n\nText.\n\nSee @fig:nowhere here.\n")
        let (_, errors) = CrossReferences.resolve([lesson])
        #expect(errors.map(\.description) == ["Lessons/01-a.md:5: error: [parse] @fig:nowhere names no label"])
        #expect(throws: LessonError.self) {
            try SiteRenderer.render([ExecutedLesson(lesson: lesson, results: [])], context: .init(seed: 0, dropVersion: "t"))
        }
    }

    @Test func aBuildReportsReferencesToNoLabelBeforeAnythingCompiles() async throws {
        let directory = try EngineFixtures.temporaryDirectory()
        try Self.other.write(toFile: directory + "/01-a.md", atomically: true, encoding: .utf8)
        try "# B\n\n```swift run\nprint(1)\n```\n\nAs @fig:elsewhere and @eq:missing say.\n"
            .write(toFile: directory + "/02-b.md", atomically: true, encoding: .utf8)
        let executor = LessonExecutor(toolchain: try EngineFixtures.toolchain(), settings: .init(), cache: nil)
        let builder = SiteBuilder(lessonsDirectory: directory, executor: executor, jobs: 1, context: SiteRendererTests.context)
        let outcome = await builder.render { _ in Issue.record("nothing runs") }
        #expect(outcome.runs.isEmpty)
        #expect(outcome.failures.map(\.description) == [
            "\(directory)/01-a.md:7: error: [parse] @fig:first names no label (known: @fig:elsewhere)",
            "\(directory)/02-b.md:7: error: [parse] @eq:missing names no label",
        ])
    }

    @Test func aLabelUsedTwiceIsAnErrorInALessonAndAcrossLessons() throws {
        let twice = "# A\n\n$$x$$ {#eq:same}\n\n$$y$$ {#eq:same}\n"
        #expect(Self.errors(twice) == ["Lessons/x.md:5: error: [parse] label {#eq:same} is already used at line 3"])
        let a = try LessonParser.parse(path: "Lessons/01-a.md", source: "# A\n\n$$x$$ {#eq:same}\n")
        let b = try LessonParser.parse(path: "Lessons/02-b.md", source: "# B\n\ntext\n\n$$y$$ {#eq:same}\n")
        #expect(CrossReferences.resolve([a, b]).1.map(\.description) == [
            "Lessons/02-b.md:5: error: [parse] label {#eq:same} is already used at Lessons/01-a.md:3"
        ])
    }

    @Test func aLabelInTheWrongPlaceOrMalformedIsAnErrorAtItsLine() {
        #expect(Self.errors("# A\n\n```swift\nlet a = 1\n```\n\n{#fig:shown} Not a run block.\n") == [
            "Lessons/x.md:7: error: [parse] {#fig:shown}: a figure's label opens the paragraph right after its run block: {#fig:NAME} Caption…"
        ])
        #expect(Self.errors("# A\n\nText.\n\n{#tbl:none} No table above.\n") == [
            "Lessons/x.md:5: error: [parse] {#tbl:none}: a table's label opens the paragraph right after the table: {#tbl:NAME} Caption…"
        ])
        #expect(Self.errors("# A\n\n$$x$$\n\n{#eq:apart} A paragraph of its own.\n") == [
            "Lessons/x.md:5: error: [parse] {#eq:apart}: an equation's label follows its formula: $$…$$ {#eq:NAME}, or ```math {#eq:NAME}"
        ])
        #expect(Self.errors("# A\n\n```swift run\nprint(1)\n```\n\n{#fig:} Empty.\n\n{#plot:x} Unknown kind.\n") == [
            "Lessons/x.md:7: error: [parse] {#fig:}: a label's name is letters, digits, '-' or '_'",
            "Lessons/x.md:9: error: [parse] {#plot:x}: a label is {#fig:NAME}, {#eq:NAME} or {#tbl:NAME}",
        ])
        #expect(Self.errors("# A\n\nInline $x$ {#eq:inline} is no display formula.\n") == [
            "Lessons/x.md:3: error: [parse] {#eq:inline}: an equation's label follows its formula: $$…$$ {#eq:NAME}, or ```math {#eq:NAME}"
        ])
        #expect(Self.errors("# A\n\n```math eq:x\nx\n```\n") == ["Lessons/x.md:3: error: [parse] ```math takes only a label: ```math {#eq:NAME}"])
    }

    @Test func aReferenceInAHeadingIsALinkThereAndTextInTheContents() throws {
        let source = "# A\n\n$$x$$ {#eq:x}\n\n## Reading @eq:x\n"
        let lesson = try LessonParser.parse(path: "Lessons/01-a.md", source: source)
        #expect(lesson.document.sections.map(\.text) == ["Reading @eq:x"])
        let (references, _) = CrossReferences.resolve([lesson])
        let page = try LessonRenderer.render(ExecutedLesson(lesson: lesson, results: []), references: references)
        #expect(page.bodyHTML.contains("<h2 id=\"reading-eqx\">Reading <a class=\"xref\" href=\"#eq-x\">Equation 1.1</a> <a class=\"anchor\""))
    }

    @Test func aLabelIdNeverCollidesWithAHeading() throws {
        let lesson = try LessonParser.parse(path: "Lessons/01-a.md", source: "# A\n\n$$y$$ {#eq:x}\n\n## Eq x\n")
        #expect(lesson.document.sections.map(\.id) == ["eq-x-1"])
    }
}
