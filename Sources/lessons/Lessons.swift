import ArgumentParser
import Drop
import Foundation
import LessonKit

@main
struct Lessons: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the Droplab lessons' Swift blocks and render the site.",
        subcommands: [Run.self, Build.self, Check.self])

    /// Prints a line at once, even into a pipe, so progress shows while lessons run.
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    struct Common: ParsableArguments {
        @Option(help: "The global seed every block's seed derives from.")
        var seed: UInt64 = 0

        func executor(cache: Bool) throws -> LessonExecutor {
            SignalForwarding.install()  // Ctrl-C and SIGTERM stop the lesson programs too
            let cacheDirectory = ".build/lessons-cache"
            return LessonExecutor(
                toolchain: try Toolchain.locate(scratch: cacheDirectory),
                settings: ExecutionSettings(seed: seed),
                cache: cache ? ResultCache(directory: cacheDirectory) : nil)
        }

        func builder(lessons: String, jobs: Int?, cache: Bool) throws -> SiteBuilder {
            SiteBuilder(
                lessonsDirectory: lessons, executor: try executor(cache: cache),
                jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                context: SiteContext(seed: seed, dropVersion: Drop.version))
        }
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run one lesson and print each block's output in order.")
        @Argument(help: "The lesson's Markdown file.") var file: String
        @OptionGroup var common: Common

        func run() async throws {
            let lesson = try LessonParser.parse(path: file, source: String(contentsOfFile: file, encoding: .utf8))
            let run = try await common.executor(cache: false).execute(lesson)
            FileHandle.standardOutput.write(Data(LessonTranscript.text(of: run).utf8))
            if let failure = run.failure {
                FileHandle.standardError.write(Data("\(failure)\n".utf8))
                throw ExitCode.failure
            }
        }
    }

    struct Build: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every lesson and write the site (replaced as a whole, only on success).")
        @OptionGroup var common: Common
        @Option(help: "The directory of lessons.") var lessons = "Lessons"
        @Option(help: "The site's directory.") var out = "Site"
        @Option(help: "Lessons compiled and run at once (default: the number of cores).") var jobs: Int?
        @Flag(help: "Execute every lesson even if its results are cached.") var noCache = false

        func validate() throws {
            if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        }

        func run() async throws {
            let start = ContinuousClock.now
            let outcome = try await common.builder(lessons: lessons, jobs: jobs, cache: !noCache)
                .build(into: out) { Lessons.say($0) }
            let elapsed = ContinuousClock.now - start
            guard outcome.failures.isEmpty else {
                Lessons.say("\(outcome.failures.count) failure(s); \(out)/ left as it was:")
                for failure in outcome.failures { Lessons.say("\(failure)") }
                throw ExitCode.failure
            }
            let cached = outcome.runs.filter(\.cached).count
            Lessons.say(
                "built \(outcome.runs.count) lessons (\(cached) cached) into \(out)/ in "
                    + String(format: "%.2f s", elapsed.seconds))
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the site in memory and compare it with the committed one, byte for byte.")
        @OptionGroup var common: Common
        @Option(help: "The directory of lessons.") var lessons = "Lessons"
        @Option(help: "The committed site to compare with.") var site = "Site"

        func run() async throws {
            let outcome = try await common.builder(lessons: lessons, jobs: nil, cache: true)
                .render { Lessons.say($0) }
            guard outcome.failures.isEmpty else {
                for failure in outcome.failures { Lessons.say("\(failure)") }
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
}
