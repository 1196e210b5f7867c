import Foundation
import Testing

@testable import LessonKit

/// Concurrent builds into one `--out`, or sharing one cache, take turns (`flock`): each leaves
/// one complete site and no staging folder.
@Suite struct LockingTests {
    @Test func concurrentBuildsIntoOneDirectoryLeaveOneCompleteSite() throws {
        let root = try EngineFixtures.temporaryDirectory()
        let errors = IOFixtures.Collected<String>()
        // Many files, so that the writes overlap the other builds' renames.
        DispatchQueue.concurrentPerform(iterations: 8) { build in
            let files = (0..<40).map { SiteFile(path: "page-\($0).html", text: "build \(build)") }
            do { try SiteWriter.replace(root + "/Site", with: files) } catch { errors.append("\(error)") }
        }
        #expect(errors.values.isEmpty)
        var site = try IOFixtures.contents(of: root + "/Site")
        #expect(site.removeValue(forKey: SiteMarker.name) == IOFixtures.marker)
        #expect(site.count == 40 && Set(site.values).count == 1, "all pages come from one build")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["Site"], "no staging folder")
    }

    @Test func stagingFoldersOfAKilledBuildAreRemoved() throws {
        let root = try EngineFixtures.temporaryDirectory()
        try SiteWriter.replace(root + "/Site", with: [SiteFile(path: "index.html", text: "old")])
        for leftover in [".Site.4242-deadbeef.new", ".Site.4242-deadbeef.old"] {
            try IOFixtures.write(["index.html": "half"], under: root + "/" + leftover)
        }
        try IOFixtures.write(["keep.txt": "mine"], under: root + "/.Site-notes")
        try SiteWriter.replace(root + "/Site", with: [SiteFile(path: "index.html", text: "new")])
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted() == [".Site-notes", "Site"])
    }

    @Test func concurrentStoresIntoOneCacheLeaveOneIntactEntry() throws {
        let cache = ResultCache(directory: try EngineFixtures.temporaryDirectory())
        let lesson = try LessonParser.parse(path: "IO/answer.md", source: LessonFiles.read(IOFixtures.path("answer.md")))
        DispatchQueue.concurrentPerform(iterations: 8) { store in
            let results = [BlockResult(seed: UInt64(store), items: [.stdout("store \(store)\n")])]
            cache.store(results, of: lesson, key: "key\(store)")
        }
        let entries = try FileManager.default.contentsOfDirectory(atPath: cache.directory)
            .filter { $0.hasSuffix(".json") }
        #expect(entries.count == 1, "each store replaces the lesson's older entries: \(entries)")
        let key = try #require(entries.first?.split(separator: ".").dropLast().last.map(String.init))
        #expect(cache.results(of: lesson, key: key)?.first?.seed == UInt64(key.dropFirst(3)))
    }
}
