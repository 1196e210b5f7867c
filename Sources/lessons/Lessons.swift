import ArgumentParser
import Drop
import Foundation
import LessonKit

@main
struct Lessons: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the Droplab lessons' Swift blocks and render the site.",
        subcommands: [Run.self, Build.self, Check.self, Serve.self, Stamp.self])

    /// Prints a line at once, even into a pipe, so progress shows while lessons run.
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Prints each failure (`FILE:LINE: error: …`) to standard error; the exit code to throw.
    static func report(_ failures: [LessonError]) -> ExitCode {
        for failure in failures { FileHandle.standardError.write(Data("\(failure)\n".utf8)) }
        return .failure
    }

    /// Prints each warning (`FILE:LINE: warning: …`) to standard error.
    static func warn(_ warnings: [LessonWarning]) {
        for warning in warnings { FileHandle.standardError.write(Data("\(warning)\n".utf8)) }
    }

    /// The options of every subcommand: how blocks are executed.
    struct Common: ParsableArguments {
        @Option(help: "The global seed every block's seed derives from.")
        var seed: UInt64 = 0
        @Option(help: "A lesson program's time limit in seconds, for each block (a block's timeout= overrides it).")
        var timeout: Double = ExecutionSettings().timeout
        @Flag(help: "Execute every lesson even if its results are cached (and cache the fresh results).")
        var noCache = false

        func validate() throws {
            guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout must be a positive number of seconds") }
        }

        /// The cache lives beside the Drop build lessons link (`Toolchain.cacheDirectory`).
        func executor() throws(LessonError) -> LessonExecutor {
            SignalForwarding.install()  // Ctrl-C and SIGTERM stop the lesson programs too
            let toolchain = try Toolchain.locate()
            return LessonExecutor(
                toolchain: toolchain, settings: ExecutionSettings(seed: seed, timeout: timeout),
                cache: ResultCache(directory: toolchain.cacheDirectory, reads: !noCache))
        }
    }

    /// The options of the subcommands that take the whole course.
    struct Course: ParsableArguments {
        @Option(help: "The directory of lessons.") var lessons = "Lessons"
        @Option(help: "Lessons compiled and run at once (default: the number of cores).") var jobs: Int?

        func validate() throws {
            if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        }

        func builder(_ common: Common) throws(LessonError) -> SiteBuilder {
            SiteBuilder(
                lessonsDirectory: lessons, executor: try common.executor(),
                jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                context: SiteContext(seed: common.seed, dropVersion: Drop.version))
        }
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run one lesson and print each block's output in order.")
        @Argument(help: "The lesson's Markdown file.") var file: String
        @OptionGroup var common: Common

        func run() async throws {
            // Parsed (and so checked) before anything is compiled.
            let lesson: Lesson
            let executor: LessonExecutor
            do throws(LessonFailures) {
                let source: String
                do { source = try LessonFiles.read(file) } catch { throw LessonFailures([error]) }
                lesson = try LessonParser.parse(path: file, source: source)
            } catch {
                throw Lessons.report(error.errors)
            }
            do {
                executor = try common.executor()
            } catch {
                throw Lessons.report([error])
            }
            let run = await executor.execute(lesson)
            FileHandle.standardOutput.write(Data(LessonTranscript.text(of: run).utf8))
            if let failure = run.failure { throw Lessons.report([failure]) }
        }
    }

    struct Build: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every lesson and write the site (replaced as a whole, only on success).",
            discussion: """
                --out must be absent, empty, or a site lessons wrote (it holds a \(SiteMarker.name) \
                marker); anything else, a file, a symbolic link, the lessons or the working directory \
                (or an ancestor) is refused.
                """)
        @OptionGroup var common: Common
        @OptionGroup var course: Course
        @Option(help: "The site's directory.") var out = "Site"

        func run() async throws {
            let start = ContinuousClock.now
            let builder: SiteBuilder
            do { builder = try course.builder(common) } catch { throw Lessons.report([error]) }
            let outcome = await builder.build(into: out) { Lessons.say($0) }
            Lessons.warn(outcome.warnings)
            guard outcome.failures.isEmpty else {
                Lessons.say("\(outcome.failures.count) failure(s); nothing was written:")
                throw Lessons.report(outcome.failures)
            }
            let cached = outcome.runs.filter(\.cached).count
            Lessons.say(
                "built \(outcome.runs.count) lessons (\(cached) cached) into \(out)/ in "
                    + BuildProgress.seconds((ContinuousClock.now - start).seconds))
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the site in memory and compare it with the committed one, byte for byte.")
        @OptionGroup var common: Common
        @OptionGroup var course: Course
        @Option(help: "The committed site to compare with.") var site = "Site"

        func run() async throws {
            let builder: SiteBuilder
            do { builder = try course.builder(common) } catch { throw Lessons.report([error]) }
            let outcome = await builder.render { Lessons.say($0) }
            Lessons.warn(outcome.warnings)
            guard outcome.failures.isEmpty else { throw Lessons.report(outcome.failures) }
            guard outcome.warnings.isEmpty else {
                Lessons.say("\(outcome.warnings.count) translation warning(s): `lessons check` requires every translation present and stamped")
                throw ExitCode.failure
            }
            let stale = SiteComparer.staleFiles(outcome.files, comparedWith: site)
            guard stale.isEmpty else {
                Lessons.say("\(site)/ is stale; run `swift run lessons build` and commit it:")
                for path in stale { Lessons.say("  " + path) }
                throw ExitCode.failure
            }
            Lessons.say("\(site)/ is up to date (\(outcome.files.count) files)")
        }
    }

    struct Stamp: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record in each translation that it matches its source's current blocks.",
            discussion: """
                Rewrites the first line of each translation (every one in the lessons' language folders \
                when no file is given) as `<!-- translation-of: NAME blocks: HASH -->`, HASH being the \
                hash of the source's run blocks and PyTorch twins. A translation whose programs differ \
                from its source's (anything but comments and string text) is not stamped. Nothing runs: \
                `lessons build` still compares the numbers both languages print.
                """)
        @Option(help: "The directory of lessons.") var lessons = "Lessons"
        @Argument(help: "Translations to stamp (Lessons/zh/01-dropout.md …); default: all.") var files: [String] = []

        func run() throws {
            let (stamped, failures) = Translations.stamp(lessonsDirectory: lessons, paths: files)
            for path in stamped { Lessons.say("stamped " + path) }
            guard failures.isEmpty else { throw Lessons.report(failures) }
        }
    }
}
