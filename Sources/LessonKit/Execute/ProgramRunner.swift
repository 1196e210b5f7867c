import Subprocess
import Synchronization

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
    /// The program outlived its time limit and was killed.
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
/// The child gets its own process group, so that a timeout or an overflowing block kills it
/// together with any `should-fail` child it forked. The time limit counts from the first
/// block on: compiling is not counted, up to `compileAllowance`.
enum ProgramRunner {
    /// How long compiling may take on top of the time limit (a busy machine, a large lesson).
    static let compileAllowance: Duration = .seconds(300)

    /// When the program's first block began, as soon as either stream shows it.
    private final class FirstBlock: Sendable {
        let instant = Mutex<ContinuousClock.Instant?>(nil)
    }

    static func run(
        _ source: String, toolchain: Toolchain, timeout: Double, cap: Int
    ) async throws -> ProgramRun {
        var platform = PlatformOptions()
        platform.processGroupID = 0  // a new group, led by the program
        // Swift 5 mode: in Swift 6 mode top-level variables are main-actor isolated, so a
        // function declared in one cell could not update a variable of another.
        // Only libLessonRuntime.so is loaded: SwiftPM builds Drop into it, and loading libDrop.so
        // too would give the program a second Drop, with its own default generator.
        let arguments: [String] = [
            "-frontend", "-interpret", source, "-module-name", "Lesson", "-swift-version", "5",
            "-Onone", "-suppress-warnings", "-diagnostic-style", "llvm",
            "-I", toolchain.products + "/Modules", "-L", toolchain.products, "-lLessonRuntime",
        ]
        let start = ContinuousClock.now
        let firstBlock = FirstBlock()
        let result = try await Subprocess.run(
            .path(FilePath(toolchain.frontend)), arguments: Arguments(arguments),
            // A trap prints its one fatal-error line, not a symbolicated backtrace; a Set or a
            // Dictionary prints in the same order on every run.
            environment: .inherit.updating([
                "SWIFT_BACKTRACE": "enable=no", "LLVM_DISABLE_SYMBOLIZATION": "1",
                "SWIFT_DETERMINISTIC_HASHING": "1",
            ]),
            platformOptions: platform, input: .none, output: .sequence, error: .sequence
        ) { execution in
            try await withThrowingTaskGroup(of: Finished.self) { group in
                let kill: @Sendable () -> Void = {
                    _ = try? execution.send(signal: .kill, toProcessGroup: true)
                }
                group.addTask {
                    try await capture(
                        execution.standardOutput, fd: 1, cap: cap, firstBlock: firstBlock,
                        onOverflow: kill)
                }
                group.addTask {
                    try await capture(
                        execution.standardError, fd: 2, cap: cap, firstBlock: firstBlock,
                        onOverflow: kill)
                }
                group.addTask {
                    let limit = Duration.seconds(timeout)
                    do {
                        while true {
                            let began = firstBlock.instant.withLock { $0 }
                            let deadline = began.map { $0 + limit } ?? start + limit + compileAllowance
                            if ContinuousClock.now >= deadline { break }
                            // Still compiling: wake when the limit could first run out.
                            try await Task.sleep(
                                until: began == nil ? min(deadline, .now + limit) : deadline)
                        }
                    } catch {
                        return .timerCancelled
                    }
                    kill()
                    return .timedOut
                }
                var streams: [Int32: CaptureStream] = [:]
                var timedOut = false
                while streams.count < 2, let finished = try await group.next() {
                    switch finished {
                    case .stream(let fd, let stream): streams[fd] = stream
                    case .timedOut: timedOut = true
                    case .timerCancelled: break
                    }
                }
                group.cancelAll()
                return (streams[1]!, streams[2]!, timedOut)
            }
        }
        let end = ContinuousClock.now
        let (stdout, stderr, timedOut) = result.closureResult
        let compiled = firstBlock.instant.withLock { $0 } ?? end
        return ProgramRun(
            stdout: stdout, stderr: stderr, status: result.terminationStatus, timedOut: timedOut,
            compileSeconds: (compiled - start).seconds, runSeconds: (end - compiled).seconds)
    }

    private enum Finished {
        /// A stream read to its end.
        case stream(Int32, CaptureStream)
        case timedOut, timerCancelled
    }

    private static func capture(
        _ sequence: SubprocessOutputSequence, fd: Int32, cap: Int, firstBlock: FirstBlock,
        onOverflow: () -> Void
    ) async throws -> Finished {
        var stream = CaptureStream(cap: cap)
        for try await chunk in sequence {
            let started = stream.currentBlock != nil
            let overflowed = stream.overflowedBlock != nil
            chunk.withUnsafeBytes { stream.append($0) }
            if !started && stream.currentBlock != nil {
                let now = ContinuousClock.now
                firstBlock.instant.withLock { $0 = min($0 ?? now, now) }
            }
            if !overflowed && stream.overflowedBlock != nil { onOverflow() }
        }
        stream.finish()
        return .stream(fd, stream)
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
