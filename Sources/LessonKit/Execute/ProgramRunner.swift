import Foundation
import Glibc
import Subprocess
import Synchronization
import _LessonProtocol

#if canImport(System)
    import System
#else
    import SystemPackage
#endif

/// What a lesson program did when run: its two streams cut into blocks, and how it ended.
struct ProgramRun {
    var stdout: CaptureStream
    var stderr: CaptureStream
    var status: TerminationStatus
    /// The program outlived the time limit of the block it was running and was killed.
    var timedOut: Bool
    /// Seconds from launch until the first block began (or until the end, if none did): the
    /// time spent compiling.
    var compileSeconds: Double
    /// Seconds from the first block to the end.
    var runSeconds: Double

    /// The last block that started, as far as either stream tells.
    var lastBlock: Int? {
        [stdout.currentBlock, stderr.currentBlock].compactMap { $0 }.max()
    }
}

/// Compiles and runs a lesson program in one child process, `swift-frontend -interpret`: the
/// program is compiled once, in memory, and run at once, which spares the driver and the
/// linker (about half the time of `swiftc` then running the executable).
///
/// The child leads its own process group, killed as a whole when a block times out or
/// overflows and again when the program exits, so nothing it started outlives it. Each block
/// has its own time limit, counted from the block's start: compiling is not counted, up to
/// `compileAllowance`.
enum ProgramRunner {
    /// How long compiling may take before the first block starts (a busy machine, a large lesson).
    static let compileAllowance: Duration = .seconds(300)

    /// The lesson program's module, which Swift's `#fileID` (in trap messages) names.
    static let moduleName = "Lesson"

    /// How often the runner looks whether the program has exited or its block's time is up.
    private static let tick: Duration = .milliseconds(50)

    /// The block running now and when it began, as soon as either stream shows it.
    private final class Progress: Sendable {
        let current = Mutex<(block: Int, began: ContinuousClock.Instant)?>(nil)
        let firstBlock = Mutex<ContinuousClock.Instant?>(nil)

        func saw(block: Int) {
            let now = ContinuousClock.now
            current.withLock { current in
                if current.map({ block > $0.block }) ?? true { current = (block, now) }
            }
            firstBlock.withLock { $0 = $0 ?? now }
        }
    }

    /// Runs `source`; `limits` holds each block's time limit in seconds.
    static func run(
        _ source: String, toolchain: Toolchain, limits: [Double], cap: Int
    ) async throws -> ProgramRun {
        var platform = PlatformOptions()
        platform.processGroupID = 0  // a new group, led by the program
        // Swift 5 mode: in Swift 6 mode top-level variables are main-actor isolated, so a
        // function declared in one cell could not update a variable of another.
        // Only libLessonRuntime.so is loaded: SwiftPM builds Drop into it, and loading libDrop.so
        // too would give the program a second Drop, with its own default generator.
        let arguments: [String] = [
            "-frontend", "-interpret", source, "-module-name", moduleName, "-swift-version", "5",
            "-Onone", "-suppress-warnings", "-diagnostic-style", "llvm",
            "-I", toolchain.products + "/Modules", "-L", toolchain.products, "-lLessonRuntime",
        ]
        let key = ChannelKey.random()
        let start = ContinuousClock.now
        let progress = Progress()
        let result = try await Subprocess.run(
            .path(FilePath(toolchain.frontend)), arguments: Arguments(arguments),
            // A trap prints its one fatal-error line, not a symbolicated backtrace; a Set or a
            // Dictionary prints in the same order on every run.
            environment: .inherit.updating([
                "SWIFT_BACKTRACE": "enable=no", "LLVM_DISABLE_SYMBOLIZATION": "1",
                "SWIFT_DETERMINISTIC_HASHING": "1",
                .init(stringLiteral: ChannelKey.environmentVariable): key.text,
            ]),
            platformOptions: platform,
            input: .fileDescriptor(FileDescriptor(rawValue: watchdog), closeAfterSpawningProcess: false),
            output: .sequence, error: .sequence
        ) { execution in
            let group = execution.processIdentifier.value
            RunningPrograms.add(group: group)
            defer { RunningPrograms.end(group: group) }
            let killGroup: @Sendable () -> Void = { _ = Glibc.kill(-group, SIGKILL) }
            let stream = CaptureStream(cap: cap, blockCount: limits.count, key: key)
            return try await withThrowingTaskGroup(of: Finished.self) { tasks in
                tasks.addTask {
                    try await capture(
                        execution.standardOutput, fd: 1, into: stream, progress: progress,
                        onViolation: killGroup)
                }
                tasks.addTask {
                    try await capture(
                        execution.standardError, fd: 2, into: stream, progress: progress,
                        onViolation: killGroup)
                }
                tasks.addTask {
                    try await watch(group, start: start, limits: limits, progress: progress, kill: killGroup)
                }
                var streams: [Int32: CaptureStream] = [:]
                var timedOut = false
                var exited = false
                while streams.count < 2 || !exited, let finished = try await tasks.next() {
                    switch finished {
                    case .stream(let fd, let stream): streams[fd] = stream
                    case .exited(let outlived):
                        exited = true
                        timedOut = outlived
                    }
                }
                tasks.cancelAll()
                return (streams[1]!, streams[2]!, timedOut)
            }
        }
        let end = ContinuousClock.now
        let (stdout, stderr, timedOut) = result.closureResult
        let compiled = progress.firstBlock.withLock { $0 } ?? end
        return ProgramRun(
            stdout: stdout, stderr: stderr, status: result.terminationStatus, timedOut: timedOut,
            compileSeconds: (compiled - start).seconds, runSeconds: (end - compiled).seconds)
    }

    private enum Finished {
        /// A stream read to its end.
        case stream(Int32, CaptureStream)
        /// The program exited, after being killed for outliving its block's limit if `true`.
        case exited(timedOut: Bool)
    }

    private static func capture(
        _ sequence: SubprocessOutputSequence, fd: Int32, into stream: CaptureStream,
        progress: Progress, onViolation: () -> Void
    ) async throws -> Finished {
        var stream = stream
        for try await chunk in sequence {
            let block = stream.currentBlock
            let wasStopped = stream.overflowedBlock != nil || stream.violation != nil
            chunk.withUnsafeBytes { stream.append($0) }
            if let now = stream.currentBlock, now != block { progress.saw(block: now) }
            if !wasStopped && (stream.overflowedBlock != nil || stream.violation != nil) {
                onViolation()
            }
        }
        stream.finish()
        return .stream(fd, stream)
    }

    /// Waits for the program to exit, killing its group once the running block's time is up;
    /// once it has exited, kills the group again, so that whatever the lesson started in the
    /// background (and may hold the pipes open) goes with it.
    private static func watch(
        _ group: pid_t, start: ContinuousClock.Instant, limits: [Double], progress: Progress,
        kill: () -> Void
    ) async throws -> Finished {
        var timedOut = false
        while !hasExited(group) {
            let deadline = progress.current.withLock { $0 }.map {
                $0.began + Duration(lessonSeconds: limits[$0.block])
            } ?? start + compileAllowance
            if !timedOut && ContinuousClock.now >= deadline {
                timedOut = true
                kill()
            }
            try await Task.sleep(for: tick)
        }
        kill()
        return .exited(timedOut: timedOut)
    }

    /// The process has exited: it is a zombie, or already reaped.
    private static func hasExited(_ pid: pid_t) -> Bool {
        guard let stat = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return true }
        // `PID (COMMAND) STATE …`; the command may itself hold parentheses.
        guard let close = stat.lastIndex(of: UInt8(ascii: ")")), close + 2 < stat.endIndex else {
            return true
        }
        return stat[close + 2] == UInt8(ascii: "Z") || stat[close + 2] == UInt8(ascii: "X")
    }

    /// One end of a connected pair of sockets whose other end this process holds, open and
    /// never written, for as long as it lives: every program gets it as its standard input, and
    /// LessonRuntime's `Watchdog` ends the program when it reports end-of-file, that is, when
    /// `lessons` is gone. Both ends are close-on-exec from the start, so no program (not even
    /// one spawned by another thread meanwhile) holds the engine's end.
    private static let watchdog: Int32 = {
        var ends: [Int32] = [-1, -1]
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        guard socketpair(AF_UNIX, type, 0, &ends) == 0 else {
            return open("/dev/null", O_RDONLY | O_CLOEXEC)
        }
        return ends[0]
    }()
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }

    /// A time limit of `seconds`, whatever number a lesson wrote: negative is none, and
    /// anything past about 31 years (`1e300`, infinity, NaN) is 31 years, where
    /// `Duration.seconds(_:)` would trap.
    init(lessonSeconds seconds: Double) {
        let longest = 1e9
        self = .milliseconds(Int64((seconds.isNaN ? longest : min(max(seconds, 0), longest)) * 1000))
    }
}
