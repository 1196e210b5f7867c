import Foundation
import Testing

@testable import LessonKit

/// The drift guard on fixture pairs (`Fixtures/Translation/`): a translation may change comments,
/// the text of strings and the prose, never a program; every failure names both files and lines.
/// Golden pages of the translated fixture: `Golden/Translation/`, re-recorded with
/// `DROPLAB_RECORD=1 swift test --filter TranslationTests`.
@Suite struct TranslationTests {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let sourcePath = "Lessons/01-demo.md", translationPath = "Lessons/zh/01-demo.md"

    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: testsDirectory.appendingPathComponent("Fixtures/Translation/\(name).md"), encoding: .utf8)
    }

    static func source() throws -> Lesson { try LessonParser.parse(path: sourcePath, source: fixture("source")) }

    static func translation(_ name: String) throws -> Lesson {
        try LessonParser.parse(path: translationPath, source: TranslationStamp.blanked(fixture(name)))
    }

    static func drift(_ name: String) throws -> [String] {
        DriftGuard.compare(try translation(name), with: try source()).map(\.description)
    }

    /// The repository's course configuration, English and Chinese.
    static func configuration() throws -> CourseConfiguration {
        try CourseConfiguration.load(lessonsDirectory: testsDirectory.appendingPathComponent("../../Lessons").path)
    }

    @Test func translatedCommentsStringsAndProsePass() throws {
        #expect(try Self.drift("translated") == [])
    }

    @Test func aChangedNumberFailsNamingBothLines() throws {
        #expect(try Self.drift("changed-number") == [
            "Lessons/zh/01-demo.md:10: error: [translate] block 1: `0.25` where the source has `0.5`: only comments "
                + "and the text of strings may be translated (source: Lessons/01-demo.md:9)"
        ])
    }

    @Test func anInterpolationIsCode() throws {
        let errors = try Self.drift("changed-interpolation")
        #expect(errors.count == 1)
        #expect(errors.first?.contains("Lessons/zh/01-demo.md:11:") == true)
        #expect(errors.first?.contains("`+` where the source has `-`") == true)
        #expect(errors.first?.contains("(source: Lessons/01-demo.md:10)") == true)
    }

    @Test func anAddedStatementFails() throws {
        let errors = try Self.drift("added-statement")
        #expect(errors == [
            "Lessons/zh/01-demo.md:12: error: [translate] block 1: `print` is not in the source: only comments and "
                + "the text of strings may be translated (source: Lessons/01-demo.md:10)"
        ])
    }

    @Test func aChangedOptionFails() throws {
        #expect(try Self.drift("changed-option") == [
            "Lessons/zh/01-demo.md:8: error: [translate] block 1: `swift run hide id=keep` where the source has "
                + "`swift run id=keep`: options and ids are the source's (source: Lessons/01-demo.md:7)"
        ])
    }

    @Test func aReorderedBlockFails() throws {
        let errors = try Self.drift("reordered")
        #expect(errors.first == "Lessons/zh/01-demo.md:8: error: [translate] block 1: this is the source's block 2; "
            + "run blocks must stay in the source's order (source: Lessons/01-demo.md:22)")
        #expect(errors.count == 2)
    }

    @Test func aChangedTwinFails() throws {
        #expect(try Self.drift("changed-twin") == [
            "Lessons/zh/01-demo.md:18: error: [translate] PyTorch twin: `0.25` where the source has `0.5`: only "
                + "comments and the text of strings may be translated (source: Lessons/01-demo.md:17)"
        ])
    }

    @Test func aMissingSectionFails() throws {
        let merged = try Self.fixture("translated").replacingOccurrences(of: "## 数一数样本\n", with: "")
        let errors = DriftGuard.compare(
            try LessonParser.parse(path: Self.translationPath, source: TranslationStamp.blanked(merged)), with: try Self.source())
        #expect(errors.map(\.description) == [
            "Lessons/zh/01-demo.md: error: [translate] heading 2 is `no heading` where the source's is `## Count the samples`: "
                + "a translation keeps the source's sections, one to one (source: Lessons/01-demo.md:20)"
        ])
    }

    @Test func pythonCommentsAndStringsAreFreeButNotFStringFields() {
        let a = PythonTokens.tokens(of: "x = f'a {y:.4f} b'  # one\nif x:\n    print('x')\n").map(\.text)
        let b = PythonTokens.tokens(of: "x = f\"甲 {y:.4f} 乙\"  # 一\nif x:\n    print(\"某\")\n").map(\.text)
        #expect(a == b)
        let c = PythonTokens.tokens(of: "x = f'a {z:.4f} b'\nif x:\n    print('x')\n").map(\.text)
        #expect(a != c)
        let indented = PythonTokens.tokens(of: "if x:\n  print('x')\n").map(\.text)
        #expect(indented != b, "indentation is part of a Python program")
    }

    @Test func everyPrintedNumberMustMatch() throws {
        let source = try Self.source(), translation = try Self.translation("translated")
        let english = ExecutedLesson(lesson: source, results: [
            BlockResult(seed: 7, items: [.stdout("keep probability: 0.5\n")]),
            BlockResult(seed: 8, items: [.stdout("samples: 3\n")]),
        ])
        let same = ExecutedLesson(lesson: translation, results: [
            BlockResult(seed: 7, items: [.stdout("保留概率：0.5\n")]),
            BlockResult(seed: 8, items: [.stdout("样本数： 3\n")]),
        ])
        #expect(DriftGuard.compareOutputs(same, with: english) == nil)
        let other = ExecutedLesson(lesson: translation, results: [
            BlockResult(seed: 7, items: [.stdout("保留概率：0.5\n")]),
            BlockResult(seed: 8, items: [.stdout("样本数： 4\n")]),
        ])
        #expect(DriftGuard.compareOutputs(other, with: english)?.description
            == "Lessons/zh/01-demo.md:23: error: [translate] block 2: printed 4 where the source's block printed 3 "
                + "(number 1 of its output) (source: Lessons/01-demo.md:22); a translation prints the source's numbers")
    }

    @Test func numbersAreSignedDecimalsWithExponents() {
        #expect(PrintedNumbers.numbers(in: "tensor([-0.5000, 1., 2.5e-06]) top-1 at 3.") == ["-0.5000", "1", "2.5e-06", "1", "3"])
    }

    @Test func aStaleOrMissingTranslationWarnsAndStampingClearsIt() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("translation-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("zh"), withIntermediateDirectories: true)
        let lessons = root.path
        try Self.fixture("source").write(toFile: lessons + "/01-demo.md", atomically: true, encoding: .utf8)
        try Self.fixture("source").write(toFile: lessons + "/02-more.md", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(
            atPath: Self.testsDirectory.appendingPathComponent("../../Lessons/course.json").path, toPath: lessons + "/course.json")
        let translation = lessons + "/zh/01-demo.md"
        try Self.fixture("translated").replacingOccurrences(of: "blocks: pending", with: "blocks: 0123456789abcdef")
            .write(toFile: translation, atomically: true, encoding: .utf8)
        func load() throws -> Translations.Loaded {
            let sources = try ["01-demo.md", "02-more.md"].map {
                try LessonParser.parse(path: lessons + "/" + $0, source: String(contentsOfFile: lessons + "/" + $0, encoding: .utf8))
            }
            return Translations.load(try CourseConfiguration.load(lessonsDirectory: lessons), lessonsDirectory: lessons, sources: sources)
        }
        let stale = try load()
        #expect(stale.errors == [])
        #expect(stale.languages.map { $0.lessons.map(\.name) } == [["01-demo.md"]])
        let messages = stale.warnings.map(\.description)
        #expect(messages.count == 2)
        #expect(messages[0].hasPrefix("\(translation):1: warning: [translate] stale: the blocks of \(lessons)/01-demo.md changed"))
        #expect(messages[1].hasPrefix("\(lessons)/02-more.md: warning: [translate] has no 中文 translation: write \(lessons)/zh/02-more.md"))

        let (stamped, failures) = Translations.stamp(lessonsDirectory: lessons)
        #expect(failures == [] && stamped == [translation])
        let text = try String(contentsOfFile: translation, encoding: .utf8)
        let hash = TranslationStamp.hash(of: try Self.source())
        #expect(text.hasPrefix("<!-- translation-of: 01-demo.md blocks: \(hash) -->\n# 保留单元\n"))
        #expect(try load().warnings.count == 1, "only the missing translation is left")

        // A translation that drifted is not stamped.
        try Self.fixture("changed-number").write(toFile: translation, atomically: true, encoding: .utf8)
        let refused = Translations.stamp(lessonsDirectory: lessons)
        #expect(refused.stamped == [] && refused.failures.count == 1)
        #expect(try String(contentsOfFile: translation, encoding: .utf8).hasPrefix("<!-- translation-of: 01-demo.md blocks: pending -->"))
    }

    @Test func aBrokenConfigurationIsNamedByFileAndLine() {
        #expect(throws: LessonError.self) { try CourseConfiguration.parse("{\"languages\": [", path: "Lessons/course.json") }
        do {
            _ = try CourseConfiguration.parse("{\"languages\": [\n  {\"code\": \"en\", \"lang\": \"en\",\n   \"name\": \"English\"}]}", path: "Lessons/course.json")
            Issue.record("a language without interface words was accepted")
        } catch {
            #expect(error.description == "Lessons/course.json:2: error: [parse] course configuration: \"languages\" [0] has no \"interface\"")
        }
        var json = try! String(contentsOf: Self.testsDirectory.appendingPathComponent("../../Lessons/course.json"), encoding: .utf8)
        json = json.replacingOccurrences(of: "        \"next\": \"下一课\",\n", with: "")
        do {
            _ = try CourseConfiguration.parse(json, path: "Lessons/course.json")
            Issue.record("a missing key was accepted")
        } catch {
            #expect(error.description.hasPrefix("Lessons/course.json:"))
            #expect(error.description.hasSuffix("\"languages\" [1] \"interface\" has no \"next\""))
        }
    }

    @Test func theRepositoryEnglishWordsAreTheBuiltInOnes() throws {
        #expect(try Self.configuration().source.interface == Interface.english)
    }

    @Test func chineseHeadingsKeepTheirCharacters() {
        var slugger = Slugger()
        #expect(slugger.slug(for: "为什么要除以（1-p）？") == "为什么要除以-1-p")
        #expect(slugger.slug(for: "为什么要除以（1-p）？") == "为什么要除以-1-p-1")
        #expect(slugger.slug(for: "Dropout：逐元素") == "dropout-逐元素")
    }

    @Test func theChinesePagesMatchTheGoldenOnes() throws {
        let configuration = try Self.configuration()
        let english = ExecutedLesson(lesson: try Self.source(), results: [
            BlockResult(seed: 7, items: [.stdout("keep probability: 0.5\n")]),
            BlockResult(seed: 8, items: [.stdout("samples: 3\n")]),
        ])
        let chinese = ExecutedLesson(lesson: try Self.translation("translated"), results: [
            BlockResult(seed: 7, items: [.stdout("保留概率：0.5\n")]),
            BlockResult(seed: 8, items: [.stdout("样本数： 3\n")]),
        ])
        let context = SiteContext(seed: 0, dropVersion: "0.1.0")
        let files = try SiteRenderer.render(
            [english], context: context, configuration: configuration,
            translations: [.init(language: configuration.languages[1], lessons: [chinese])])
        let paths = files.map(\.path)
        #expect(paths.contains("zh/01-demo.html") && paths.contains("zh/search-index.js") && paths.contains("zh/downloads/01-demo.py"))
        #expect(paths.filter { $0 == "style.css" || $0.hasSuffix("/style.css") } == ["style.css"], "one stylesheet")
        let golden = Self.testsDirectory.appendingPathComponent("Golden/Translation")
        let compared = ["01-demo.html", "zh/01-demo.html", "zh/index.html", "zh/search-index.js"]
        for path in compared {
            let actual = String(decoding: try #require(files.first { $0.path == path }).contents, as: UTF8.self)
            let url = golden.appendingPathComponent(path)
            if ProcessInfo.processInfo.environment["DROPLAB_RECORD"] == "1" {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try actual.write(to: url, atomically: true, encoding: .utf8)
                continue
            }
            #expect(actual == (try String(contentsOf: url, encoding: .utf8)), "\(path) differs from Golden/Translation")
        }
        let page = String(decoding: try #require(files.first { $0.path == "zh/01-demo.html" }).contents, as: UTF8.self)
        #expect(page.contains("<html lang=\"zh-Hans\">"))
        #expect(page.contains("<link rel=\"stylesheet\" href=\"../style.css\">"))
        #expect(page.contains("<a class=\"language\" href=\"../01-demo.html\" hreflang=\"en\" lang=\"en\">English</a>"))
        #expect(page.contains("id=\"保留一半\""))
        #expect(page.contains("种子 7 · <code>torch.manual_seed(7)</code>"))
        let english1 = String(decoding: try #require(files.first { $0.path == "01-demo.html" }).contents, as: UTF8.self)
        #expect(english1.contains("<a class=\"language\" href=\"zh/01-demo.html\" hreflang=\"zh-Hans\" lang=\"zh-Hans\">中文</a>"))
    }
}
