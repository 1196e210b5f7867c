import Foundation
import Testing

@testable import LessonKit

/// No lesson program, nor anything it started, outlives its run or the `lessons` process.
@Suite struct LifetimeTests {
    @Test func sigkillOfLessonsTakesTheProgramWithIt() async throws {
        let directory = try EngineFixtures.temporaryDirectory()
        let started = directory + "/started"
        let lessons = try ChannelFixtures.startLessons(
            ["run", ChannelFixtures.directory.appendingPathComponent("loop.md").path],
            environment: ["DROPLAB_TEST_STARTED": started], directory: directory)
        let program = try #require(await ChannelFixtures.number(in: started), "the lesson started")
        kill(lessons, SIGKILL)  // nothing can catch this: the program's watchdog sees `lessons` go
        #expect(
            ChannelFixtures.exitCode(of: lessons) == 128 + SIGKILL,
            "\(ChannelFixtures.report(directory, program: program))")
        #expect(
            await ChannelFixtures.eventually { ChannelFixtures.isGone(program) },
            "no program left: \(ChannelFixtures.report(directory, program: program))")
    }

    @Test func aBackgroundProcessIsKilledWhenTheProgramExits() async throws {
        let file = try EngineFixtures.temporaryDirectory() + "/background"
        setenv("DROPLAB_TEST_BACKGROUND", file, 1)
        let run = try await ChannelFixtures.run("background")
        #expect(run.failure == nil)
        #expect(run.results.map(\.stdout) == ["started a shell loop\n"])
        let shell = try #require(await ChannelFixtures.number(in: file))
        #expect(shell > 0)
        #expect(await ChannelFixtures.eventually { ChannelFixtures.isGone(shell) }, "the shell loop is gone")
    }

    @Test func closingStandardOutputIsAnErrorAtTheBlockThatDidIt() async throws {
        let run = try await ChannelFixtures.run("close-stdout")
        let failure = try #require(run.failure)
        #expect(failure.block == 1 && failure.line == 8)
        #expect(
            failure.message
                == "the block closed or replaced its standard output (file descriptor 1), "
                + "so the output of the blocks after it would be lost")
        #expect(run.results.first?.stdout == "before\n")
    }

    @Test func anExitStatusIsNamedAfterWhatTheProgramPrinted() async throws {
        let run = try await ChannelFixtures.run("exit-status")
        let failure = try #require(run.failure)
        #expect(failure.block == 0 && failure.line == 4)
        #expect(failure.message == "giving up\nthe program exited with code 2")
    }

    @Test func aTrapMessagesOwnLineLocatesTheError() async throws {
        let run = try await ChannelFixtures.run("fatal-line")
        let failure = try #require(run.failure)
        #expect(failure.line == 6, "the precondition, named by Swift's own message")
        #expect(failure.message.hasPrefix("Lesson/fatal-line.md:6: Precondition failed: too few values"))
    }
}
