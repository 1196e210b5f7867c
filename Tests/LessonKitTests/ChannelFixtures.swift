import Foundation

@testable import LessonKit

/// The fixture lessons of `Fixtures/Channel` (the channel between lesson programs and the
/// engine, process lifetimes, signals, time limits) and what their tests need around them.
enum ChannelFixtures {
    static let directory = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
        .appendingPathComponent("Channel")

    /// The fixture `name`, parsed; messages call it `Channel/NAME.md`.
    static func lesson(_ name: String) throws -> Lesson {
        let source = try String(
            contentsOf: directory.appendingPathComponent(name + ".md"), encoding: .utf8)
        return try LessonParser.parse(path: "Channel/\(name).md", source: source)
    }

    /// Executes the fixture `name` without a cache.
    static func run(_ name: String, settings: ExecutionSettings = .init()) async throws -> LessonRun {
        let executor = LessonExecutor(
            toolchain: try EngineFixtures.toolchain(), settings: settings, cache: nil)
        return await executor.execute(try lesson(name))
    }

    /// The process is gone: no such process, or a zombie no one has reaped yet.
    static func isGone(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return true }
        return stat[close...].dropFirst(2).first.map { $0 == "Z" || $0 == "X" } ?? true
    }

    /// Waits (on a loaded machine, up to `seconds`) until `condition` holds; whether it does.
    static func eventually(within seconds: Double = 120, _ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while !condition() {
            if ContinuousClock.now > deadline { return false }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return true
    }

    /// The number in the file at `path`, once a lesson has written it.
    static func number(in path: String) async -> Int32? {
        guard await eventually(within: 300, { FileManager.default.fileExists(atPath: path) }) else {
            return nil
        }
        return (try? String(contentsOfFile: path, encoding: .utf8)).flatMap { Int32($0) }
    }

    /// Starts the `lessons` executable built beside the test bundle with `arguments`, in a new
    /// process group as a shell starts a command, with `environment` added to this process's
    /// and its output into files in `directory`.
    static func startLessons(
        _ arguments: [String], environment: [String: String], directory: String
    ) throws -> pid_t {
        let executable = try EngineFixtures.toolchain().products + "/lessons"
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, directory + "/stdout", O_WRONLY | O_CREAT, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, directory + "/stderr", O_WRONLY | O_CREAT, 0o644)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let envp = variables.map { strdup("\($0)=\($1)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EINVAL) }
        return pid
    }

    /// What a `lessons` started by `startLessons` printed, and the state of `program`, for a
    /// failure message: a stop that fails then says what `lessons` and the program were doing.
    static func report(_ directory: String, program: pid_t) -> String {
        let read = { (name: String) in
            (try? String(contentsOfFile: directory + "/" + name, encoding: .utf8)) ?? "(none)"
        }
        let state = (try? String(contentsOfFile: "/proc/\(program)/stat", encoding: .utf8)) ?? "gone"
        return "program \(program): \(state)\nlessons stdout: \(read("stdout"))\nlessons stderr: \(read("stderr"))"
    }

    /// Waits for a child to end; its exit code, or 128 + the signal that ended it.
    static func exitCode(of pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}
