import Foundation
import Testing

@testable import LessonKit

/// A lesson's data files (`data: NAME` in its front matter, read from `data/NAME` beside it)
/// are part of its cache key, and reading one it did not declare, or declaring one that is not
/// there, is an error naming the lesson's line.
@Suite struct DataFileTests {
    /// A lessons folder holding `a.md` (declaring `data:` `declared`, reading `read`) and
    /// `data/x.txt` holding `contents`; returns the lesson's path.
    private func lessonFolder(declared: String = "x.txt", read: String = "x.txt", contents: String = "one\n")
        throws -> String
    {
        let folder = try EngineFixtures.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: folder + "/data", withIntermediateDirectories: true)
        try contents.write(toFile: folder + "/data/x.txt", atomically: true, encoding: .utf8)
        let lesson = "---\ntitle: Data\ndata: \(declared)\n---\n# Data\n\n```swift run\nprint(readDataFile(\"\(read)\"), terminator: \"\")\n```\n"
        try lesson.write(toFile: folder + "/a.md", atomically: true, encoding: .utf8)
        return folder + "/a.md"
    }

    private func parse(_ path: String) throws -> Lesson {
        try LessonParser.parse(path: path, source: try String(contentsOfFile: path, encoding: .utf8))
    }

    @Test func aDeclaredFileIsReadAndChangingOneByteRunsTheLessonAgain() async throws {
        let path = try lessonFolder(contents: "one\n")
        let executor = LessonExecutor(
            toolchain: try EngineFixtures.toolchain(), settings: ExecutionSettings(),
            cache: ResultCache(directory: try EngineFixtures.temporaryDirectory()))

        let first = await executor.execute(try parse(path))
        #expect(first.failure == nil && !first.cached)
        #expect(first.results.map(\.items) == [[.stdout("one\n")]])
        #expect(await executor.execute(try parse(path)).cached, "unchanged data: a cache hit")

        let data = (path as NSString).deletingLastPathComponent + "/data/x.txt"
        try "onf\n".write(toFile: data, atomically: true, encoding: .utf8)
        let edited = await executor.execute(try parse(path))
        #expect(!edited.cached, "one byte changed: the lesson runs again")
        #expect(edited.results.map(\.items) == [[.stdout("onf\n")]])
    }

    @Test func aMissingDeclaredFileIsAnAuthoringErrorAtItsFrontMatterLine() throws {
        let path = try lessonFolder(declared: "x.txt, missing.txt")
        let failures = #expect(throws: LessonFailures.self) { try parse(path) }
        let error = try #require(failures?.errors.first)
        #expect(failures?.errors.count == 1)
        #expect(error.stage == .parse && error.path == path && error.line == 3)
        #expect(error.message.contains("`missing.txt`") && error.message.contains("data/missing.txt"))
    }

    @Test func aNameOutsideTheDataFolderIsRefused() throws {
        let path = try lessonFolder(declared: "../a.md")
        let failures = #expect(throws: LessonFailures.self) { try parse(path) }
        #expect(failures?.errors.map(\.line) == [3])
        #expect(failures?.errors.first?.message.contains("plain file name") == true)
    }

    @Test func readingAnUndeclaredFileStopsTheLessonAtTheCallingLine() async throws {
        let path = try lessonFolder(read: "y.txt")
        let executor = LessonExecutor(
            toolchain: try EngineFixtures.toolchain(), settings: ExecutionSettings(), cache: nil)
        let run = await executor.execute(try parse(path))
        let failure = try #require(run.failure)
        #expect(failure.stage == .execute && failure.path == path && failure.line == 8)
        #expect(failure.message.contains("data file `y.txt` is not declared"))
    }
}
