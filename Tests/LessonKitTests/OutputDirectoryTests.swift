import Foundation
import Testing

@testable import LessonKit

/// `--out` is replaced as a whole, so only a directory that is absent, empty or a previous
/// Droplab site may be; everything else is refused and left exactly as it was.
@Suite struct OutputDirectoryTests {
    private let site = [SiteFile(path: "index.html", text: "new")]

    /// Replacing `directory` fails with a message containing `reason`.
    private func expectRefusal(
        _ directory: String, protecting protected: [String] = [], _ reason: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let error = #expect(throws: LessonError.self, sourceLocation: sourceLocation) {
            try SiteWriter.replace(directory, with: site, protecting: protected)
        }
        #expect(error?.stage == .write, sourceLocation: sourceLocation)
        #expect(error?.message.contains(reason) == true, "\(String(describing: error))", sourceLocation: sourceLocation)
    }

    @Test func theWorkingDirectoryAndItsAncestorsAreRefused() {
        for directory in [".", "./", "..", "/", FileManager.default.currentDirectoryPath] {
            expectRefusal(directory, "the working directory or one of its ancestors")
        }
    }

    @Test func aPathThatClimbsOutOfAMissingFolderIsRefused() {
        expectRefusal("no-such-folder/../..", "the working directory or one of its ancestors")
        #expect(!FileManager.default.fileExists(atPath: "no-such-folder"))
    }

    @Test func checkingATargetCreatesNothing() throws {
        let root = try EngineFixtures.temporaryDirectory()
        try SiteWriter.checkTarget(root + "/a/b/Site")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).isEmpty)
    }

    @Test func anEmptyNameIsRefused() {
        expectRefusal("", "name is empty")
    }

    @Test func theLessonsDirectoryAndItsParentAreRefused() throws {
        let lessons = try IOFixtures.lessons(["plain"])
        expectRefusal(lessons, protecting: [lessons], "it is the lessons directory")
        expectRefusal(lessons + "/..", protecting: [lessons], "it holds the lessons directory")
        #expect(FileManager.default.fileExists(atPath: lessons + "/plain.md"))
    }

    @Test func aFolderOfOtherFilesIsRefusedAndKept() throws {
        let root = try EngineFixtures.temporaryDirectory()
        let own = ["notes.txt": "mine", "index.html": "my page"]
        let build = ["build.db": "x", "debug/lessons": "binary"]  // what `.build` holds
        try IOFixtures.write(own, under: root + "/user")
        try IOFixtures.write(build, under: root + "/.build")
        expectRefusal(root + "/user", "not a Droplab site (index.html, notes.txt)")
        expectRefusal(root + "/.build", "not a Droplab site")
        #expect(try IOFixtures.contents(of: root + "/user") == own)
        #expect(try IOFixtures.contents(of: root + "/.build") == build)
    }

    @Test func aFileIsRefused() throws {
        let file = try EngineFixtures.temporaryDirectory() + "/Site"
        try Data("a file".utf8).write(to: URL(fileURLWithPath: file))
        expectRefusal(file, "it is a file, not a directory")
        #expect(FileManager.default.contents(atPath: file) == Data("a file".utf8))
    }

    @Test func aSymbolicLinkIsRefusedEvenToASite() throws {
        let root = try EngineFixtures.temporaryDirectory()
        try SiteWriter.replace(root + "/real", with: [SiteFile(path: "index.html", text: "old")])
        try FileManager.default.createSymbolicLink(atPath: root + "/Site", withDestinationPath: root + "/real")
        expectRefusal(root + "/Site", "it is a symbolic link (to \(root)/real)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: root + "/Site") == root + "/real")
        #expect(try IOFixtures.contents(of: root + "/real")["index.html"] == "old")
    }

    @Test func aPreviousSiteIsReplacedAndMarked() throws {
        let directory = try EngineFixtures.temporaryDirectory() + "/Site"
        try SiteWriter.replace(directory, with: [SiteFile(path: "old.html", text: "old")])
        try SiteWriter.replace(directory, with: site)
        #expect(try IOFixtures.contents(of: directory) == ["index.html": "new", SiteMarker.name: IOFixtures.marker])
    }

    @Test func aSiteFromBeforeTheMarkerIsReplaced() throws {
        let root = try EngineFixtures.temporaryDirectory()
        let footer = "<p>Regenerate them with <code>swift run lessons build --seed 0</code>.</p>"
        let unmarked = ["index.html": footer, "01-a.html": footer, "style.css": "body {}"]
        try IOFixtures.write(unmarked, under: root + "/Site")
        try SiteWriter.replace(root + "/Site", with: site)
        #expect(try IOFixtures.contents(of: root + "/Site")["index.html"] == "new")

        // Anything else beside the pages means it is not only a site.
        try IOFixtures.write(unmarked.merging(["notes.txt": "mine"]) { $1 }, under: root + "/Mixed")
        expectRefusal(root + "/Mixed", "not a Droplab site")
    }

    @Test func anEmptyOrMissingFolderIsUsed() throws {
        let root = try EngineFixtures.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: root + "/empty", withIntermediateDirectories: false)
        for directory in [root + "/empty", root + "/new/nested/Site"] {
            try SiteWriter.replace(directory, with: site)
            #expect(try IOFixtures.contents(of: directory)["index.html"] == "new")
        }
    }

    @Test func aRefusedOutputRunsNoLesson() async throws {
        let lessons = try IOFixtures.lessons(["answer"])
        let outcome = try await IOFixtures.builder(lessons).build(into: lessons) { _ in }
        #expect(outcome.runs.isEmpty, "refused before anything is compiled")
        #expect(outcome.failures.map(\.stage) == [.write])
    }
}
