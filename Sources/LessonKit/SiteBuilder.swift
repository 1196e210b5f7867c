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
        /// Every lesson that was parsed and executed, in file-name order, then every translation.
        public var runs: [LessonRun] = []
        /// Every failure, from every step and lesson; empty when the site is complete.
        public var failures: [LessonError] = []
        /// The site's files; only when there are no failures.
        public var files: [SiteFile] = []
        /// Translations missing or stale: the site is built, `lessons check` fails.
        public var warnings: [LessonWarning] = []
    }

    /// Loads, parses, executes and renders every lesson. Every lesson is parsed before any is
    /// executed: if one has an authoring error (or cannot be read), every such error is
    /// reported and nothing is compiled. Otherwise every lesson is executed even if another
    /// fails; `progress` receives one line per lesson as it finishes.
    public func render(progress: @escaping @Sendable (String) -> Void) async -> Outcome {
        var outcome = Outcome()
        var lessons: [Lesson] = []
        do {
            for path in try LessonFiles.paths(in: lessonsDirectory) {
                do throws(LessonFailures) {
                    let source: String
                    do { source = try LessonFiles.read(path) } catch { throw LessonFailures([error]) }
                    lessons.append(try LessonParser.parse(path: path, source: source))
                } catch {
                    outcome.failures += error.errors
                }
            }
        } catch {
            outcome.failures.append(error)
        }
        // The course's languages and words, then the translations, each checked against its source.
        var configuration = CourseConfiguration.english
        var translations: [Translations.Language] = []
        if outcome.failures.isEmpty {
            do {
                configuration = try CourseConfiguration.load(lessonsDirectory: lessonsDirectory)
            } catch {
                outcome.failures.append(error)
            }
            let loaded = Translations.load(configuration, lessonsDirectory: lessonsDirectory, sources: lessons)
            outcome.failures += loaded.errors
            outcome.warnings = loaded.warnings
            translations = loaded.languages
        }
        // References may name labels of other lessons: checked once every lesson is parsed.
        if outcome.failures.isEmpty { outcome.failures += CrossReferences.resolve(lessons).1 }
        // Every authoring error of every lesson is known now; none is worth compiling for.
        guard outcome.failures.isEmpty else { return outcome }
        // Every language's programs run: a translation's strings print in its language.
        let all = lessons + translations.flatMap(\.lessons)
        let names = lessons.map(\.name) + translations.flatMap { language in language.lessons.map { "\(language.language.code)/\($0.name)" } }
        let runs = await execute(all, names: names, progress: progress)
        outcome.runs = runs
        outcome.failures += runs.compactMap(\.failure)
        guard outcome.failures.isEmpty else { return outcome }
        let executed = runs[..<lessons.count].compactMap(\.executed)
        let byName = Dictionary(executed.map { ($0.lesson.name, $0) }, uniquingKeysWith: { a, _ in a })
        var translated = runs[lessons.count...].compactMap(\.executed)[...]
        var sites: [SiteRenderer.Translation] = []
        for language in translations {
            let ours = Dictionary(translated.prefix(language.lessons.count).map { ($0.lesson.name, $0) }, uniquingKeysWith: { a, _ in a })
            translated = translated.dropFirst(language.lessons.count)
            for (name, lesson) in ours.sorted(by: { $0.key < $1.key }) {
                if let source = byName[name], let drift = DriftGuard.compareOutputs(lesson, with: source) {
                    outcome.failures.append(drift)
                }
            }
            sites.append(SiteRenderer.Translation(
                language: language.language, lessons: executed.map { ours[$0.lesson.name] ?? $0 },
                untranslated: Set(executed.map(\.lesson.name).filter { ours[$0] == nil })))
        }
        guard outcome.failures.isEmpty else { return outcome }
        do {
            outcome.files = try SiteRenderer.render(
                executed, context: context, configuration: configuration, translations: sites)
        } catch {
            outcome.failures.append(error)
        }
        return outcome
    }

    /// Renders the site and, only if every step of every lesson succeeded, replaces
    /// `directory` with it; otherwise `directory` is left exactly as it was. A `directory` that
    /// may not be replaced (see `SiteWriter`) is refused before any lesson runs.
    public func build(into directory: String, progress: @escaping @Sendable (String) -> Void) async
        -> Outcome
    {
        var outcome = Outcome()
        do {
            try SiteWriter.checkTarget(directory, protecting: [lessonsDirectory])
        } catch {
            outcome.failures = [error]
            return outcome
        }
        outcome = await render(progress: progress)
        guard outcome.failures.isEmpty else { return outcome }
        do {
            try SiteWriter.replace(directory, with: outcome.files, protecting: [lessonsDirectory])
        } catch {
            outcome.failures.append(error)
        }
        return outcome
    }

    /// Step 3: runs lessons `jobs` at a time; results in the lessons' order, progress lines in
    /// the order they finish (see `BuildProgress`), each named in progress by `names` (the
    /// lessons' file names by default). Internal: the preview runs only the lessons that changed
    /// through it.
    func execute(
        _ lessons: [Lesson], names: [String]? = nil, progress: @escaping @Sendable (String) -> Void
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
            var finished = 0
            while let (index, run) = await group.next() {
                runs[index] = run
                finished += 1
                progress(BuildProgress.line(run, finished: finished, of: lessons.count, name: names?[index]))
                startNext()
            }
        }
        return runs.map { $0! }
    }
}
