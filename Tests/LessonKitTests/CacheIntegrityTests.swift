import Foundation
import Testing

@testable import LessonKit

/// A cache entry carries a digest of its results: an edited or damaged entry is executed again
/// and rewritten, never rendered (nor trusted by `check`), and `--no-cache` refreshes entries.
@Suite struct CacheIntegrityTests {
    private let lesson: Lesson
    init() throws {
        lesson = try LessonParser.parse(path: "IO/answer.md", source: LessonFiles.read(IOFixtures.path("answer.md")))
    }

    /// The only entry in `cache`'s directory.
    private func entry(_ cache: ResultCache) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: cache.directory).filter { $0.hasSuffix(".json") }
        try #require(names.count == 1)
        return cache.directory + "/" + names[0]
    }

    /// Rewrites the entry's printed answer: still valid JSON, but no longer what ran.
    private func tamper(_ path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try #require(text.contains("42"))
        try text.replacingOccurrences(of: "42", with: "666").write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func anEditedEntryIsAMiss() throws {
        let cache = ResultCache(directory: try EngineFixtures.temporaryDirectory())
        let results = [BlockResult(seed: 1, items: [.stdout("the answer is 42\n")])]
        cache.store(results, of: lesson, key: "k")
        #expect(cache.results(of: lesson, key: "k") == results)
        try tamper(entry(cache))
        #expect(cache.results(of: lesson, key: "k") == nil)
    }

    @Test func aCacheThatDoesNotReadStillStores() throws {
        let directory = try EngineFixtures.temporaryDirectory()
        let results = [BlockResult(seed: 1, items: [.stdout("the answer is 42\n")])]
        ResultCache(directory: directory).store(results, of: lesson, key: "k")
        #expect(ResultCache(directory: directory, reads: false).results(of: lesson, key: "k") == nil)
    }

    @Test func aTamperedEntryIsRebuiltNeverRenderedAndNoCacheRewritesIt() async throws {
        let lessons = try IOFixtures.lessons(["answer"])
        let cache = ResultCache(directory: try EngineFixtures.temporaryDirectory())
        let first = try await IOFixtures.builder(lessons, cache: cache).render { _ in }
        try #require(first.failures.isEmpty)
        let page = try #require(first.files.first { $0.path == "answer.html" })
        #expect(String(decoding: page.contents, as: UTF8.self).contains("the answer is 42"))

        // What `check` renders: the tampered entry is executed again, so the site is the true one.
        try tamper(entry(cache))
        let again = try await IOFixtures.builder(lessons, cache: cache).render { _ in }
        #expect(again.runs.map(\.cached) == [false])
        #expect(again.files == first.files)
        #expect(try await IOFixtures.builder(lessons, cache: cache).render { _ in }.runs.map(\.cached) == [true])

        // `--no-cache` executes and rewrites the entry it ran.
        try tamper(entry(cache))
        var refresh = cache
        refresh.reads = false
        #expect(try await IOFixtures.builder(lessons, cache: refresh).render { _ in }.runs.map(\.cached) == [false])
        let reread = try await IOFixtures.builder(lessons, cache: cache).render { _ in }
        #expect(reread.runs.map(\.cached) == [true] && reread.files == first.files)
    }

    @Test func theCacheLivesBesideTheBuildProducts() throws {
        let toolchain = try EngineFixtures.toolchain()
        #expect(toolchain.cacheDirectory == toolchain.products + "/lessons-cache")
    }
}
