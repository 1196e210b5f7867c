import Testing

@testable import LessonKit

/// Each block runs under a time limit: its own `timeout=`, else the lesson default of
/// `ExecutionSettings.timeout` (set by `--timeout`).
@Suite struct TimeoutTests {
    @Test func aBlocksTimeoutLowersItsLimitAndTheMessageNamesItsLine() async throws {
        // The default stays 60 s: only the block's timeout=2 can end this run soon.
        let run = try await ChannelFixtures.run("block-timeout")
        let failure = try #require(run.failure)
        #expect(failure.block == 1 && failure.line == 8, "the looping block's first line")
        #expect(failure.message.hasPrefix("timed out after 2 s"))
        #expect(run.results.first?.stdout == "quick\n")
    }

    @Test func theLessonDefaultLimitsEveryOtherBlock() async throws {
        let run = try await EngineFixtures.run("timeout", settings: ExecutionSettings(timeout: 1))
        #expect(run.failure?.message.hasPrefix("timed out after 1 s") == true)
    }

    @Test func anEnormousTimeoutIsNoCrash() async throws {
        // The parser refuses `timeout=` above a day; a huge lesson default still reaches the runner.
        let run = try await ChannelFixtures.run("huge-timeout", settings: ExecutionSettings(timeout: 1e300))
        #expect(run.failure == nil)
        #expect(run.results.map(\.stdout) == ["done in time\n"])
        for seconds in [1e300, .infinity, -.infinity, .nan, -5] {
            _ = Duration(lessonSeconds: seconds)  // would trap as Duration.seconds(_:)
        }
    }
}
