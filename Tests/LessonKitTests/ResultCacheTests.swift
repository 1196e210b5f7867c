import Testing

@testable import LessonKit

@Suite struct ResultCacheTests {
    @Test func anUnchangedLessonIsNeitherCompiledNorRunAgain() async throws {
        let cache = ResultCache(directory: try EngineFixtures.temporaryDirectory())
        let executor = LessonExecutor(
            toolchain: try EngineFixtures.toolchain(), settings: ExecutionSettings(), cache: cache)
        let lesson = try EngineFixtures.lesson("shared-state")

        let first = await executor.execute(lesson)
        #expect(!first.cached && first.compileSeconds > 0)
        let second = await executor.execute(lesson)
        #expect(second.cached && second.compileSeconds == 0 && second.runSeconds == 0)
        #expect(second.results == first.results)
    }

    @Test func everythingThatCanChangeTheOutputChangesTheKey() throws {
        let toolchain = try EngineFixtures.toolchain()
        let lesson = try EngineFixtures.lesson("shared-state")
        let key = ResultCache.key(for: lesson, seed: 0, toolchain: toolchain)

        var edited = lesson
        edited.blocks[1].code += "print(0)\n"
        var optioned = lesson
        optioned.blocks[0].options.id = "renamed"
        var rebuilt = toolchain
        rebuilt.fingerprint += "x"
        let keys = [
            ResultCache.key(for: edited, seed: 0, toolchain: toolchain),
            ResultCache.key(for: optioned, seed: 0, toolchain: toolchain),
            ResultCache.key(for: lesson, seed: 1, toolchain: toolchain),
            ResultCache.key(for: lesson, seed: 0, toolchain: rebuilt),
        ]
        #expect(!keys.contains(key))
        #expect(ResultCache.key(for: lesson, seed: 0, toolchain: toolchain) == key)
    }
}
