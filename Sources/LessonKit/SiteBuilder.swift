import Foundation

/// The lesson pipeline, as named steps: load → parse → execute (cached) → render → write.
/// `lessons build` runs them all; `lessons check` stops after render and compares.
public struct SiteBuilder: Sendable {
    /// The directory of lesson Markdown files.
    public var lessonsDirectory: String
    /// Runs the lessons' blocks.
    public var executor: LessonExecutor
    /// How many lessons compile and run at once.
    public var jobs: Int
    /// What the pages say about the build.
    public var context: SiteContext

    /// A builder of the site from the lessons in `lessonsDirectory`.
    public init(lessonsDirectory: String, executor: LessonExecutor, jobs: Int, context: SiteContext) {
        precondition(jobs > 0, "jobs must be at least 1")
        self.lessonsDirectory = lessonsDirectory
        self.executor = executor
        self.jobs = jobs
        self.context = context
    }

    /// What a build produced.
    public struct Outcome: Sendable {
        /// Every lesson that was parsed and executed, in file-name order.
        public var runs: [LessonRun] = []
        /// Every failure, from every step and lesson; empty when the site is complete.
        public var failures: [LessonError] = []
        /// The site's files; only when there are no failures.
        public var files: [SiteFile] = []
    }

    /// Loads, parses, executes and renders every lesson. Every lesson is attempted even if
    /// another fails; `progress` receives one line per lesson as it finishes.
    public func render(progress: @escaping @Sendable (String) -> Void) async -> Outcome {
        var outcome = Outcome()
        let paths: [String]
        do {
            paths = try lessonPaths()
        } catch {
            outcome.failures = [error]
            return outcome
        }
        var lessons: [Lesson] = []
        for path in paths {
            do throws(LessonFailures) {
                let source: String
                do { source = try read(path) } catch { throw LessonFailures([error]) }
                lessons.append(try LessonParser.parse(path: path, source: source))
            } catch {
                outcome.failures += error.errors
            }
        }
        // Every authoring error of every lesson is known now; none is worth compiling for.
        guard outcome.failures.isEmpty else { return outcome }
        outcome.runs = await execute(lessons, progress: progress)
        outcome.failures += outcome.runs.compactMap(\.failure)
        guard outcome.failures.isEmpty else { return outcome }
        do {
            outcome.files = try SiteRenderer.render(outcome.runs.compactMap(\.executed), context: context)
        } catch {
            outcome.failures.append(error)
        }
        return outcome
    }

    /// Renders the site and, only if every step of every lesson succeeded, replaces
    /// `directory` with it; otherwise `directory` is left exactly as it was.
    public func build(into directory: String, progress: @escaping @Sendable (String) -> Void) async
        -> Outcome
    {
        var outcome = await render(progress: progress)
        guard outcome.failures.isEmpty else { return outcome }
        do {
            try SiteWriter.replace(directory, with: outcome.files)
        } catch {
            outcome.failures.append(error)
        }
        return outcome
    }

    /// Step 1: the lesson files, ordered by name.
    private func lessonPaths() throws(LessonError) -> [String] {
        let directory = lessonsDirectory.hasSuffix("/") ? String(lessonsDirectory.dropLast()) : lessonsDirectory
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw LessonError(stage: .parse, path: directory, message: "no such lessons directory")
        }
        return names.filter { $0.hasSuffix(".md") }.sorted().map { directory + "/" + $0 }
    }

    private func read(_ path: String) throws(LessonError) -> String {
        guard let data = FileManager.default.contents(atPath: path),
            let source = String(data: data, encoding: .utf8)
        else {
            throw LessonError(stage: .parse, path: path, message: "cannot read it as UTF-8 text")
        }
        return source
    }

    /// Step 3: runs lessons `jobs` at a time; results in the lessons' order.
    private func execute(
        _ lessons: [Lesson], progress: @escaping @Sendable (String) -> Void
    ) async -> [LessonRun] {
        let executor = executor
        var runs = [LessonRun?](repeating: nil, count: lessons.count)
        await withTaskGroup(of: (Int, LessonRun).self) { group in
            var next = 0
            func startNext() {
                guard next < lessons.count else { return }
                let index = next
                group.addTask { (index, await executor.execute(lessons[index])) }
                next += 1
            }
            for _ in 0..<jobs { startNext() }
            while let (index, run) = await group.next() {
                runs[index] = run
                progress(Self.progressLine(run, position: index + 1, of: lessons.count))
                startNext()
            }
        }
        return runs.map { $0! }
    }

    /// `[2/6] 02-droppath.md  compile 0.41 s  run 0.08 s`, or `cached`, or `FAILED`.
    static func progressLine(_ run: LessonRun, position: Int, of count: Int) -> String {
        var line = "[\(position)/\(count)] \(run.lesson.name)  "
        if run.cached {
            line += "cached"
        } else {
            line += "compile \(seconds(run.compileSeconds))  run \(seconds(run.runSeconds))"
        }
        if run.failure != nil { line += "  FAILED" }
        return line
    }

    private static func seconds(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction) s"
    }
}
