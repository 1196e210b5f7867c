import Foundation
import Testing

@testable import LessonKit

/// One progress line per lesson, numbered by completion: with `--jobs` the lessons finish in any
/// order, and `[k/n]` always counts up.
@Suite struct ProgressTests {
    @Test func linesCountFinishedLessonsUpwards() async throws {
        let lessons = try IOFixtures.lessons([])
        for index in 1...6 {
            try FileManager.default.copyItem(atPath: IOFixtures.path("plain.md"), toPath: lessons + "/\(index).md")
        }
        let lines = IOFixtures.Collected<String>()
        let outcome = try await IOFixtures.builder(lessons, jobs: 3).render { lines.append($0) }
        #expect(outcome.failures.isEmpty)
        let numbers = lines.values.map { $0.prefix { $0 != " " } }
        #expect(numbers == (1...6).map { "[\($0)/6]" })
        let names = lines.values.map { $0.split(separator: " ")[1] }
        #expect(Set(names) == Set((1...6).map { "\($0).md" }))
    }

    @Test func aLineSaysWhatTheLessonCostOrThatItWasCached() throws {
        var run = LessonRun(lesson: try EngineFixtures.lesson("shared-state"), results: [])
        run.compileSeconds = 1.234
        run.runSeconds = 0.05
        #expect(BuildProgress.line(run, finished: 2, of: 6) == "[2/6] shared-state.md  compile 1.23 s  run 0.05 s")
        run.cached = true
        run.failure = LessonError(stage: .execute, path: "x", message: "trap")
        #expect(BuildProgress.line(run, finished: 6, of: 6) == "[6/6] shared-state.md  cached  FAILED")
    }

    @Test func secondsHaveTwoDecimals() {
        #expect([0, 0.004, 1.5, 12.346, 100].map(BuildProgress.seconds) == ["0.00 s", "0.00 s", "1.50 s", "12.35 s", "100.00 s"])
    }

}
