import Foundation
import Testing

@testable import LessonKit

/// A course with a Chinese translation, built for real: both languages' programs run, the pages
/// land in `zh/`, and a number printed differently stops the build naming both files and lines.
@Suite struct TranslationBuildTests {
    static let source = """
        # Depth

        ```swift run
        // The schedule's depth.
        let depth = 12
        print("depth \\(depth), rate", 0.1 * Double(depth))
        ```

        """

    static func course(translation: String) throws -> String {
        let lessons = try EngineFixtures.temporaryDirectory()
        try source.write(toFile: lessons + "/01-depth.md", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(
            atPath: TranslationTests.testsDirectory.appendingPathComponent("../../Lessons/course.json").path,
            toPath: lessons + "/course.json")
        try FileManager.default.createDirectory(atPath: lessons + "/zh", withIntermediateDirectories: true)
        try translation.write(toFile: lessons + "/zh/01-depth.md", atomically: true, encoding: .utf8)
        return lessons
    }

    static func build(_ lessons: String) async throws -> SiteBuilder.Outcome {
        let executor = LessonExecutor(toolchain: try EngineFixtures.toolchain(), settings: .init(), cache: nil)
        let builder = SiteBuilder(lessonsDirectory: lessons, executor: executor, jobs: 2, context: SiteRendererTests.context)
        return await builder.render { _ in }
    }

    static func translated(_ printed: String) -> String {
        "<!-- translation-of: 01-depth.md blocks: pending -->\n# 深度\n\n```swift run\n// 调度的深度。\nlet depth = 12\n"
            + "print(\"\(printed)\", 0.1 * Double(depth))\n```\n"
    }

    @Test func bothLanguagesRunAndBuild() async throws {
        let outcome = try await Self.build(try Self.course(translation: Self.translated("深度 \\(depth)，比率")))
        #expect(outcome.failures == [])
        #expect(outcome.runs.map(\.results.first?.stdout) == ["depth 12, rate 1.2000000000000002\n", "深度 12，比率 1.2000000000000002\n"])
        let paths = outcome.files.map(\.path)
        #expect(paths.contains("01-depth.html") && paths.contains("zh/01-depth.html") && paths.contains("zh/index.html"))
        #expect(outcome.warnings.map(\.message).first?.hasPrefix("not stamped yet (blocks: pending)") == true)
    }

    @Test func aDifferentPrintedNumberFailsNamingBothFiles() async throws {
        // The string is free, and its interpolation the same: only what it prints differs.
        let lessons = try Self.course(translation: Self.translated("第 1 层的深度 \\(depth)，比率"))
        let outcome = try await Self.build(lessons)
        #expect(outcome.files.isEmpty)
        #expect(outcome.failures.map(\.description) == [
            "\(lessons)/zh/01-depth.md:4: error: [translate] block 1: printed 1 where the source's block printed 12 "
                + "(number 1 of its output) (source: \(lessons)/01-depth.md:3); a translation prints the source's numbers"
        ])
    }

    @Test func aCourseWithoutTranslationsBuildsAsBefore() async throws {
        let lessons = try EngineFixtures.temporaryDirectory()
        try Self.source.write(toFile: lessons + "/01-depth.md", atomically: true, encoding: .utf8)
        let outcome = try await Self.build(lessons)
        #expect(outcome.failures == [] && outcome.warnings == [])
        #expect(!outcome.files.contains { $0.path.hasPrefix("zh/") })
        let page = String(decoding: try #require(outcome.files.first { $0.path == "01-depth.html" }).contents, as: UTF8.self)
        #expect(!page.contains("class=\"language\""))
    }
}
