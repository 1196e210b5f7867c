import Drop
import Foundation
import LessonRuntime
import Testing

@testable import LessonKit

/// The "everything" lesson rendered into a whole site, compared byte for byte with
/// `Golden/Site/`. Re-record with `DROPLAB_RECORD=1 swift test --filter SiteRendererTests`;
/// `DROPLAB_SITE_OUT=DIR` also writes the site there (for `Tests/SiteCheck/check_site.sh`).
@Suite struct SiteRendererTests {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let context = SiteContext(seed: 1_234_567, dropVersion: "0.1.0")

    @Test func everythingLessonMatchesTheGoldenSite() throws {
        let files = try SiteRenderer.render(Self.course(), context: Self.context)
        #expect(files.map(\.path) == [
            "index.html", "style.css", "search.html", "search-index.js", "search.js",
            "fonts/DroplabMath.woff2", "fonts/OFL.txt", "01-everything.html", "02-next.html",
            "downloads/01-everything.swift", "downloads/01-everything.py", "downloads/01-everything.ipynb",
        ])
        let golden = Self.testsDirectory.appendingPathComponent("Golden/Site")
        let environment = ProcessInfo.processInfo.environment
        if let out = environment["DROPLAB_SITE_OUT"] {
            try Self.write(files, to: URL(fileURLWithPath: out))
        }
        if environment["DROPLAB_RECORD"] == "1" {
            // The font is binary and lives once in the repo, beside the script that makes it.
            try Self.write(files.filter { $0.path != MathFont.path }, to: golden)
            return
        }
        for file in files where file.path != MathFont.path {
            let expected = try String(contentsOf: golden.appendingPathComponent(file.path), encoding: .utf8)
            let actual = String(decoding: file.contents, as: UTF8.self)
            #expect(actual == expected, "\(file.path) differs from Golden/Site; re-record with DROPLAB_RECORD=1")
        }
    }

    @Test func theSiteCarriesTheMathFontItsStylesheetNames() throws {
        let files = try SiteRenderer.render(Self.course(), context: Self.context)
        let font = try #require(files.first { $0.path == MathFont.path })
        let source = Self.testsDirectory.appendingPathComponent(
            "../../Sources/LessonKit/Render/Fonts/DroplabMath.woff2")
        #expect(font.contents == Array(try Data(contentsOf: source)))
        #expect(Array(font.contents.prefix(4)) == Array("wOF2".utf8))
        let css = try #require(files.first { $0.path == "style.css" })
        #expect(String(decoding: css.contents, as: UTF8.self).contains("url(\"\(MathFont.path)\")"))
        let page = try Self.page("01-everything.html")
        #expect(page.contains("href=\"\(MathFont.licencePath)\""), "the footer credits the font's licence")
    }

    @Test func renderingIsDeterministic() throws {
        let course = try Self.course()
        #expect(try SiteRenderer.render(course, context: Self.context) == SiteRenderer.render(course, context: Self.context))
    }

    @Test func capturedOutputIsEscapedAndFiguresAreEmbedded() throws {
        let page = try Self.page("01-everything.html")
        #expect(page.contains("only the output: &lt;b&gt; &amp; ünïcödé"))
        #expect(page.contains("<pre class=\"stderr\">to stderr</pre>"))
        #expect(page.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"figure-svg heatmap\""))
        #expect(page.contains("seed 1234567 · <code>torch.manual_seed(1234567)</code>"))
    }

    @Test func runBlockOptionsShapeWhatIsShown() throws {
        let page = try Self.page("01-everything.html")
        #expect(!page.contains("print(&quot;only the output"), "hide drops the code")
        #expect(!page.contains("print(\"only the output"), "hide drops the code")
        #expect(page.contains("nothing shown"), "silent keeps the code")
        #expect(page.contains("<p class=\"label\">Expected error</p>"))
        #expect(page.contains("cannot convert value of type 'String'"))
    }

    @Test func markdownFeaturesAreOn() throws {
        let page = try Self.page("01-everything.html")
        #expect(page.contains("<del>strikethrough</del>"))
        #expect(page.contains("<table>"))
        #expect(page.contains("type=\"checkbox\""))
        #expect(page.contains("class=\"footnotes\""))
        #expect(page.contains("<a href=\"https://pytorch.org/docs\">"))
        #expect(page.contains("<div class=\"note\"><strong>Raw HTML</strong>"))
        #expect(page.contains("<details><summary>Allowed raw HTML</summary>"), "the allow-list keeps harmless HTML")
        #expect(page.contains("<code class=\"language-python\">"))
        #expect(page.contains("$not math$"), "no math in code")
        #expect(page.contains("A literal $5 price"))
    }

    @Test func pagesLinkEachOtherRelatively() throws {
        let page = try Self.page("01-everything.html")
        #expect(page.contains("<a class=\"next\" rel=\"next\" href=\"02-next.html\">"))
        #expect(page.contains("<a class=\"previous\" rel=\"prev\" href=\"index.html\">"))
        #expect(page.contains("<li><a href=\"01-everything.html\" aria-current=\"page\">Everything: the fixture lesson</a></li>"))
        #expect(page.contains("<a href=\"#run-blocks-1\">Run blocks</a>"), "duplicate headings get distinct anchors")
        #expect(page.contains("swift run lessons build --seed 1234567"))
        for loaded in ["src=\"http", "src=\"//", "<link rel=\"stylesheet\" href=\"http"] {
            #expect(!page.contains(loaded), "nothing loaded from the network")
        }
        let index = try Self.page("index.html")
        #expect(index.contains("<a href=\"01-everything.html\">Everything: the fixture lesson</a>"))
        #expect(index.contains("A summary sentence with math"))
    }

    @Test func fileNamesWithURLCharactersLinkToThemselves() throws {
        var course = try Self.course()
        course[1].lesson.name = "02-a\"b#c?d%e f.md"
        let files = try SiteRenderer.render(course, context: Self.context)
        #expect(files.map(\.path).contains("02-a\"b#c?d%e f.html"))
        let index = String(decoding: try #require(files.first { $0.path == "index.html" }).contents, as: UTF8.self)
        #expect(index.contains("<li><a href=\"02-a%22b%23c%3Fd%25e%20f.html\">The next lesson</a>"))
    }

    // MARK: - The fixture course

    static func page(_ path: String) throws -> String {
        let files = try SiteRenderer.render(course(), context: context)
        return String(decoding: try #require(files.first { $0.path == path }).contents, as: UTF8.self)
    }

    /// The everything lesson with hand-made results, and a small second lesson; `endings`
    /// may rewrite the fixture's line endings.
    static func course(endings: (String) -> String = { $0 }) throws -> [ExecutedLesson] {
        let url = testsDirectory.appendingPathComponent("Fixtures/Site/everything.md")
        let source = endings(try String(contentsOf: url, encoding: .utf8))
        let lesson = try LessonParser.parse(path: "Lessons/01-everything.md", source: source)
        // Sample 1 dropped whole (DropPath); single units dropped elsewhere (Dropout).
        let maskValues: [Float] = (0..<96).map { (i: Int) -> Float in
            i / 48 == 1 || i % 5 == 0 ? 0 : Float(i % 7) * 0.25 + 0.5
        }
        let mask = Tensor(maskValues, shape: [2, 3, 4, 4])
        let running: [Float] = (1...40).map { (n: Int) -> Float in
            let sign: Float = n % 2 == 0 ? 1 : -1
            return 1 + 0.8 / Float(n) * sign
        }
        let results = [
            BlockResult(seed: 1_234_567, items: [.stdout("tensor([1., 2., 3.])\n")]),
            BlockResult(seed: 1_234_568, items: [.stdout("only the output: <b> & ünïcödé\n")]),
            BlockResult(seed: 1_234_569, items: [.stdout("ignored because silent\n")]),
            BlockResult(
                seed: 99, items: [.stdout("to stdout\n"), .stderr("to stderr\n"), .stdout("stdout again\n")]),
            BlockResult(
                seed: 1_234_571, items: [],
                expectedFailure: """
                    error: cannot convert value of type 'String' to specified type 'Int'
                    let y: Int = "not a number"
                                 ^~~~~~~~~~~~~~
                    """),
            BlockResult(
                seed: 7, items: [
                    .svg(Heatmap(mask, title: "DropPath mask").svg),
                    .svg(LinePlot([.init("running mean", running)], reference: .init(1, label: "E[y] = 1"),
                        title: "Running mean", xLabel: "samples", yLabel: "mean").svg),
                ]),
        ]
        let everything = ExecutedLesson(lesson: lesson, results: results)
        let next = ExecutedLesson(
            lesson: try LessonParser.parse(
                path: "Lessons/02-next.md",
                source: "# The next lesson\n\nIts summary, $p = 0.1$, after @fig:masks.\n\n## Only section\n\nText.\n\n"
                    + "| a |\n| - |\n| 1 |\n\n{#tbl:next} A table of another lesson.\n"),
            results: [])
        return [everything, next]
    }

    static func write(_ files: [SiteFile], to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for file in files {
            let url = directory.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents).write(to: url)
        }
    }
}
