import Foundation

/// Executes lessons: all run blocks of a lesson as one compiled program, each block's output
/// captured, results cached.
public struct LessonExecutor: Sendable {
    /// The compiler and the Drop build lesson programs link against.
    public var toolchain: Toolchain
    /// Seed, time limit and output cap.
    public var settings: ExecutionSettings
    /// Where results are kept between builds; `nil` always executes.
    public var cache: ResultCache?

    /// An executor using `toolchain`, `settings` and, unless `nil`, `cache`.
    public init(toolchain: Toolchain, settings: ExecutionSettings, cache: ResultCache?) {
        self.toolchain = toolchain
        self.settings = settings
        self.cache = cache
    }

    /// Runs `lesson`'s blocks (or takes their results from the cache). Never throws: a failure
    /// is reported in the returned run, with the outputs of the blocks that ran before it.
    public func execute(_ lesson: Lesson) async -> LessonRun {
        let key = ResultCache.key(for: lesson, seed: settings.seed, toolchain: toolchain)
        if let stored = cache?.results(of: lesson, key: key), stored.count == lesson.blocks.count {
            return LessonRun(lesson: lesson, results: stored, cached: true)
        }
        var run = LessonRun(lesson: lesson, results: [])
        do {
            try await compileAndRun(lesson, into: &run)
        } catch let error as LessonError {
            run.failure = error
        } catch {
            run.failure = LessonError(stage: .execute, path: lesson.path, message: "\(error)")
        }
        if run.failure == nil { cache?.store(run.results, of: lesson, key: key) }
        return run
    }

    private func compileAndRun(_ lesson: Lesson, into run: inout LessonRun) async throws {
        guard !lesson.blocks.isEmpty else { return }
        let seeds = lesson.blocks.map { blockSeed(globalSeed: settings.seed, identity: $0.identity) }
        let directory = try RunningPrograms.makeFolder()
        defer { RunningPrograms.remove(folder: directory) }
        let program = directory + "/lesson.swift"
        let limits = lesson.blocks.map { $0.options.timeout ?? settings.timeout }

        // Should-fail blocks whose failure is a compile error are left out, one attempt at a time,
        // until the program compiles (and so runs).
        var compileFailures: [Int: String] = [:]
        while true {
            let source = try ProgramBuilder.source(
                for: lesson, seeds: seeds, dropping: Set(compileFailures.keys))
            try source.write(toFile: program, atomically: false, encoding: .utf8)
            let outcome = try await ProgramRunner.run(
                program, toolchain: toolchain, limits: limits, cap: settings.outputCap)
            run.compileSeconds += outcome.compileSeconds
            guard outcome.lastBlock == nil, !outcome.timedOut, !outcome.status.isSuccess else {
                run.runSeconds = outcome.runSeconds
                let reader = OutcomeReader(
                    lesson: lesson, seeds: seeds, compileFailures: compileFailures, outcome: outcome,
                    limits: limits, cap: settings.outputCap)
                run.results = reader.results()
                run.failure = reader.failure()
                return
            }
            let output = String(decoding: outcome.stderr.preamble, as: UTF8.self)
            for (index, diagnostics) in try shouldFailCompileErrors(in: output, of: lesson) {
                compileFailures[index] = diagnostics
            }
        }
    }

    /// The compile errors in `output`, by `should-fail` block; any other error is thrown.
    private func shouldFailCompileErrors(
        in output: String, of lesson: Lesson
    ) throws(LessonError) -> [Int: String] {
        var failed: [Int: [String]] = [:]
        for error in Diagnostic.errors(in: output, lessonPath: lesson.path) {
            let block = error.file == lesson.path ? lesson.block(atLine: error.line) : nil
            guard let block, block.options.shouldFail else {
                let excerpt = error.text.split(separator: "\n", omittingEmptySubsequences: false)
                    .dropFirst().joined(separator: "\n")
                throw LessonError(
                    stage: .compile, path: lesson.path, line: block == nil ? nil : error.line,
                    column: block.map { error.column + $0.indent }, block: block?.index,
                    message: error.message + (excerpt.isEmpty ? "" : "\n" + excerpt))
            }
            failed[block.index, default: []].append(error.text)
        }
        guard !failed.isEmpty else {
            throw LessonError(stage: .compile, path: lesson.path, message: output)
        }
        return failed.mapValues { $0.joined(separator: "\n") }
    }
}

extension Lesson {
    /// The run block whose code contains 1-based `line` of the lesson file.
    func block(atLine line: Int) -> RunBlock? {
        blocks.first { block in
            let count = block.code.split(separator: "\n", omittingEmptySubsequences: false).count
            return (block.codeLine..<block.codeLine + max(count, 1)).contains(line)
        }
    }
}
