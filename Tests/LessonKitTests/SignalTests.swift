import Foundation
import Testing

@testable import LessonKit

/// Stopping `lessons run` with Ctrl-C or `SIGTERM` while a lesson loops stops the lesson's
/// program too (it runs in a process group of its own, which the terminal's signal misses).
@Suite struct SignalTests {
    /// Runs `loop.md` under `lessons run`, sends `signal` to the command's process group once
    /// the program is looping, and checks what is left.
    private func stopLoopingLesson(with signal: Int32) async throws -> (code: Int32, report: String) {
        let directory = try EngineFixtures.temporaryDirectory()
        let temporary = directory + "/tmp"
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        let started = directory + "/started"
        let lessons = try ChannelFixtures.startLessons(
            ["run", ChannelFixtures.directory.appendingPathComponent("loop.md").path],
            environment: ["TMPDIR": temporary, "DROPLAB_TEST_STARTED": started],
            directory: directory)
        let program = try #require(await ChannelFixtures.number(in: started), "the lesson started")
        #expect(!ChannelFixtures.isGone(program), "\(ChannelFixtures.report(directory, program: program))")
        kill(-lessons, signal)  // as a terminal does: to the whole foreground group
        let code = ChannelFixtures.exitCode(of: lessons)
        #expect(
            await ChannelFixtures.eventually { ChannelFixtures.isGone(program) },
            "no program left: \(ChannelFixtures.report(directory, program: program))")
        let left = try FileManager.default.contentsOfDirectory(atPath: temporary)
        #expect(!left.contains { $0.hasPrefix("droplab-lesson-") }, "no temporary folder left")
        return (code, ChannelFixtures.report(directory, program: program))
    }

    @Test func ctrlCStopsTheLessonProgramAndExits130() async throws {
        let (code, report) = try await stopLoopingLesson(with: SIGINT)
        #expect(code == 130, "\(report)")
    }

    @Test func sigtermStopsTheLessonProgramAndExits143() async throws {
        let (code, report) = try await stopLoopingLesson(with: SIGTERM)
        #expect(code == 143, "\(report)")
    }
}
