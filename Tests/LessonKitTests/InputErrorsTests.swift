import Foundation
import Testing

@testable import LessonKit

/// Input that cannot be read as a lesson is reported as `FILE[:LINE:COL]: error: …` in words,
/// and authoring errors in any lesson stop the build before anything is compiled.
@Suite struct InputErrorsTests {
    /// The error reading `path` gives.
    private func readError(_ path: String) -> LessonError? {
        #expect(throws: LessonError.self) { try LessonFiles.read(path) }
    }

    @Test func invalidUTF8NamesItsLineAndColumn() {
        let path = IOFixtures.path("latin1.md")
        #expect(
            readError(path)?.description
                == "\(path):4:4: error: [parse] it is not UTF-8 text: byte 0xE9 does not belong here "
                + "(save the lesson as UTF-8)")
    }

    @Test func missingFilesDirectoriesDevicesAndLinkLoopsAreNamedInWords() throws {
        let root = try EngineFixtures.temporaryDirectory()
        try FileManager.default.createSymbolicLink(atPath: root + "/loop.md", withDestinationPath: root + "/loop.md")
        let cases = [
            root + "/missing.md": "cannot open it: no such file or directory",
            root: "it is a directory, not a lesson file",
            "/dev/null": "it is not a regular file (a device, pipe or socket), not a lesson file",
            root + "/loop.md": "cannot open it: its path is a loop of symbolic links",
        ]
        for (path, message) in cases {
            #expect(readError(path)?.description == "\(path): error: [parse] \(message)")
        }
    }

    @Test func anEmptyOrMissingLessonsDirectoryIsAnError() async throws {
        let empty = try EngineFixtures.temporaryDirectory()
        for (directory, message) in [
            empty: "the lessons directory holds no lessons (no .md files)",
            empty + "/none": "cannot open the lessons directory: no such file or directory",
        ] {
            let outcome = try await IOFixtures.builder(directory).render { _ in }
            #expect(outcome.failures.map(\.description) == ["\(directory): error: [parse] \(message)"])
        }
    }

    @Test func everyAuthoringErrorIsReportedAndNothingIsExecuted() async throws {
        let lessons = try IOFixtures.lessons(["answer", "hide-and-silent", "latin1", "unknown-option"])
        let progress = IOFixtures.Collected<String>()
        let outcome = try await IOFixtures.builder(lessons).render { progress.append($0) }
        #expect(outcome.failures.map(\.path) == ["hide-and-silent", "latin1", "unknown-option"].map { "\(lessons)/\($0).md" })
        #expect(outcome.runs.isEmpty && progress.values.isEmpty, "answer.md is not compiled")
    }
}
