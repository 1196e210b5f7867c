import Testing

@testable import LessonKit

/// Each test runs one fixture lesson of `Fixtures/Engine` through the real compiler.
@Suite struct LessonExecutorTests {
    @Test func blocksShareStateLikeNotebookCells() async throws {
        let run = try await EngineFixtures.run("shared-state")
        #expect(run.failure == nil)
        #expect(run.results.map(\.items) == [[], [.stdout("counter is 2\n")]])
    }

    @Test func aNamedBlockKeepsItsSeedWhenABlockIsInsertedBeforeIt() async throws {
        let before = try await EngineFixtures.run("seeds")
        let after = try await EngineFixtures.run("seeds-inserted")
        #expect(before.results[1].seed == after.results[2].seed, "id=stable")
        #expect(before.results[1].items == after.results[2].items, "so are its random numbers")
        #expect(before.results[0].seed == after.results[0].seed, "both are block #0")
        #expect(before.results[0].seed != after.results[1].seed, "an unnamed block seeds by position")
        #expect(before.results.allSatisfy { $0.seed < 1 << 32 }, "small enough for torch.manual_seed")
        let reseeded = try await EngineFixtures.run("seeds", settings: ExecutionSettings(seed: 1))
        #expect(reseeded.results[1].seed != before.results[1].seed, "--seed changes every block")
    }

    @Test func aBlockIsReseededLikeTorchManualSeedWithItsRecordedSeed() async throws {
        // seeds.expected.txt: the seed, then what PyTorch prints after torch.manual_seed(seed)
        // (recorded by Fixtures/Engine/seeds.py).
        let expected = try String(
            contentsOf: EngineFixtures.directory.appendingPathComponent("seeds.expected.txt"),
            encoding: .utf8)
        let run = try await EngineFixtures.run("seeds")
        let named = try #require(run.results.last)
        #expect("\(named.seed)\n" + named.stdout == expected)
    }

    @Test func shouldFailBlocksFailWithoutDisturbingTheOthers() async throws {
        let run = try await EngineFixtures.run("should-fail")
        #expect(run.failure == nil)
        let compileTime = run.results[1]
        #expect(compileTime.items == [])
        #expect(
            compileTime.expectedFailure?.hasPrefix(
                "Engine/should-fail.md:8:18: error: cannot convert value of type 'String'") == true)
        let runTime = run.results[2]
        #expect(runTime.items == [.stdout("about to trap\n")])
        #expect(runTime.expectedFailure?.contains("Fatal error: Index out of range") == true)
        #expect(run.results[3].expectedFailure == "terminated: signal 11", "a signal, no message")
        #expect(run.results[4].items == [.stdout("[\"before\", \"after\"]\n")])
    }

    @Test func aShouldFailBlockThatSucceedsIsAnError() async throws {
        let run = try await EngineFixtures.run("should-fail-succeeds")
        let failure = try #require(run.failure)
        #expect(failure.block == 0)
        #expect(failure.message == "the block is marked should-fail but ran without failing")
    }

    @Test func aCompileErrorNamesTheLessonLineAndColumn() async throws {
        let run = try await EngineFixtures.run("compile-error")
        let failure = try #require(run.failure)
        #expect(failure.stage == .compile)
        #expect(failure.block == 1)
        #expect(failure.line == 11 && failure.column == 5)
        #expect(failure.description.hasPrefix(
            "Engine/compile-error.md:11:5: error: [compile] block 2: cannot find 'undefinedName' in scope"))
        #expect(run.results.isEmpty)
    }

    @Test func aColumnInsideAListItemCountsTheItemsIndentation() async throws {
        let run = try await EngineFixtures.run("compile-error-in-list")
        let failure = try #require(run.failure)
        #expect(failure.line == 6 && failure.column == 11)
    }

    @Test func aTrapKeepsTheOutputPrintedBeforeItAndNamesTheBlock() async throws {
        // An index out of range traps in the standard library, whose message names no lesson
        // line: the error is at the block's first line (no call per statement tells more, see
        // InstrumentationTests).
        let run = try await EngineFixtures.run("trap")
        let failure = try #require(run.failure)
        #expect(failure.stage == .execute)
        #expect(failure.block == 1)
        #expect(failure.line == 8 && failure.column == nil, "the block that ran print(values[7])")
        #expect(failure.message.contains("Fatal error: Index out of range"))
        #expect(run.results.map(\.stdout) == ["kept\n", "also kept\n"])
    }

    @Test func aTimeoutKillsTheProgram() async throws {
        let run = try await EngineFixtures.run("timeout", settings: ExecutionSettings(timeout: 1))
        let failure = try #require(run.failure)
        #expect(failure.block == 1)
        #expect(failure.line == 8, "the block of the endless while loop")
        #expect(failure.message.hasPrefix("timed out after 1 s"))
        #expect(run.results.first?.stdout == "started\n")
    }

    @Test func aTimeoutKillsTheWholeProcessGroup() async throws {
        // The endless loop runs in the forked child of a should-fail block; had only the program
        // been killed, the child would hold the pipes open and this would never return.
        let run = try await EngineFixtures.run("timeout-forked", settings: ExecutionSettings(timeout: 1))
        #expect(run.failure?.message.hasPrefix("timed out after 1 s") == true)
    }

    @Test func outputPastTheCapIsTruncatedAndAnError() async throws {
        let run = try await EngineFixtures.run("output-cap", settings: ExecutionSettings(outputCap: 1000))
        let failure = try #require(run.failure)
        #expect(failure.message == "printed more than 1000 bytes; its output is truncated")
        let text = try #require(run.results.first).stdout
        #expect(text.hasPrefix("line 0\nline 1\n"))
        #expect(text.hasSuffix("\n… output truncated: more than 1000 bytes\n"))
        #expect(text.utf8.count < 1100)
    }

    @Test func capturedTextSurvivesExactly() async throws {
        let run = try await EngineFixtures.run("escaping")
        #expect(
            run.results.first?.items == [
                .stdout("<b>Tom & Jerry</b> &amp; \"quotes\" — é 漢字 🙂\nno newline at the end")
            ])
    }

    @Test func hashingIsTheSameOnEveryRun() async throws {
        let first = try await EngineFixtures.run("hashing")
        let second = try await EngineFixtures.run("hashing")
        #expect(first.failure == nil)
        #expect(first.results == second.results, "a Set of 26 letters, printed in the same order")
    }

    @Test func aFigureIsItsOwnItemInOrderWithTheText() async throws {
        let run = try await EngineFixtures.run("figures")
        #expect(
            run.results.first?.items == [
                .stdout("before\n"),
                .svg("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"1\" height=\"1\"/></svg>"),
                .stdout("after\n"),
            ])
    }

    @Test func standardErrorIsCapturedApart() async throws {
        let run = try await EngineFixtures.run("stderr")
        #expect(run.results.first?.items == [.stdout("to stdout\n"), .stderr("to stderr\n")])
    }
}
