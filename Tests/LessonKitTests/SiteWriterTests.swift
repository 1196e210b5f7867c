import Foundation
import Testing

@testable import LessonKit

@Suite struct SiteWriterTests {
    private func contents(of directory: String) throws -> [String: String] {
        var files: [String: String] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: directory) {
            if let data = FileManager.default.contents(atPath: directory + "/" + path) {
                files[path] = String(decoding: data, as: UTF8.self)
            }
        }
        return files
    }

    @Test func writingReplacesTheWholeDirectory() throws {
        let site = try EngineFixtures.temporaryDirectory() + "/Site"
        try SiteWriter.replace(site, with: [SiteFile(path: "old.html", text: "old")])
        try SiteWriter.replace(
            site, with: [SiteFile(path: "index.html", text: "new"), SiteFile(path: "a/b.css", text: "b")])
        #expect(
            try contents(of: site) == ["index.html": "new", "a/b.css": "b", SiteMarker.name: IOFixtures.marker])
        let siblings = try FileManager.default.contentsOfDirectory(atPath: site + "/..")
        #expect(siblings == ["Site"], "no staging directory is left behind")
    }

    @Test func aFailedWriteLeavesTheOldSiteUntouched() throws {
        let site = try EngineFixtures.temporaryDirectory() + "/Site"
        try SiteWriter.replace(site, with: [SiteFile(path: "index.html", text: "old")])
        // A file cannot also be a directory: the write fails halfway.
        let conflicting = [SiteFile(path: "x", text: "file"), SiteFile(path: "x/y.html", text: "in x")]
        #expect(throws: LessonError.self) { try SiteWriter.replace(site, with: conflicting) }
        #expect(try contents(of: site) == ["index.html": "old", SiteMarker.name: IOFixtures.marker])
    }

    @Test func aFailedLessonLeavesTheOldSiteUntouched() async throws {
        let root = try EngineFixtures.temporaryDirectory()
        let lessons = root + "/Lessons"
        try FileManager.default.createDirectory(atPath: lessons, withIntermediateDirectories: true)
        for name in ["shared-state", "trap"] {
            try FileManager.default.copyItem(
                atPath: EngineFixtures.directory.appendingPathComponent(name + ".md").path,
                toPath: lessons + "/" + name + ".md")
        }
        let site = root + "/Site"
        try SiteWriter.replace(site, with: [SiteFile(path: "index.html", text: "old")])
        let builder = SiteBuilder(
            lessonsDirectory: lessons,
            executor: LessonExecutor(
                toolchain: try EngineFixtures.toolchain(), settings: ExecutionSettings(), cache: nil),
            jobs: 2, context: SiteContext(seed: 0, dropVersion: "test"))

        let outcome = await builder.build(into: site) { _ in }
        #expect(outcome.runs.count == 2, "every lesson is attempted")
        #expect(outcome.failures.map(\.path) == [lessons + "/trap.md"])
        #expect(try contents(of: site) == ["index.html": "old", SiteMarker.name: IOFixtures.marker])
    }

    @Test func checkListsMissingDifferingAndExtraFiles() throws {
        let site = try EngineFixtures.temporaryDirectory() + "/Site"
        try SiteWriter.replace(
            site, with: [SiteFile(path: "same.html", text: "="), SiteFile(path: "changed.html", text: "1"),
                         SiteFile(path: "extra/old.html", text: "x")])
        let fresh = [
            SiteFile(path: "same.html", text: "="), SiteFile(path: "changed.html", text: "2"),
            SiteFile(path: "new.html", text: "n"),
        ]
        #expect(
            SiteComparer.staleFiles(fresh, comparedWith: site) == [
                "changed.html (differs)", "extra/old.html (extra)", "new.html (missing)",
            ])
    }
}
