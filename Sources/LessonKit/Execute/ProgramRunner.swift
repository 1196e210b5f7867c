import Subprocess

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
    var seconds: Double

    /// The last block that started, as far as either stream tells.
    var lastBlock: Int? {
        [stdout.currentBlock, stderr.currentBlock].compactMap { $0 }.max()
    }
}

/// Runs a compiled lesson program as a child process in its own process group, so that a
/// timeout or an overflowing block kills it together with any `should-fail` child it forked.
enum ProgramRunner {
    static func run(_ executable: String, timeout: Double, cap: Int) async throws -> ProgramRun {
        var platform = PlatformOptions()
        platform.processGroupID = 0  // a new group, led by the program
        let start = ContinuousClock.now
        let result = try await Subprocess.run(
            .path(FilePath(executable)),
            // Traps print their one fatal-error line, not a symbolicated backtrace.
            environment: .inherit.updating(["SWIFT_BACKTRACE": "enable=no"]),
            platformOptions: platform, input: .none, output: .sequence, error: .sequence
        ) { execution in
            try await withThrowingTaskGroup(of: Finished.self) { group in
                let kill: @Sendable () -> Void = { _ = try? execution.send(signal: .kill, toProcessGroup: true) }
                group.addTask {
                    .stdout(try await capture(execution.standardOutput, cap: cap, onOverflow: kill))
                }
                group.addTask {
                    .stderr(try await capture(execution.standardError, cap: cap, onOverflow: kill))
                }
                group.addTask {
                    do {
                        try await Task.sleep(for: .seconds(timeout))
                    } catch {
                        return .timerCancelled
                    }
                    kill()
                    return .timedOut
                }
                var out: CaptureStream?, err: CaptureStream?, timedOut = false
                while out == nil || err == nil, let finished = try await group.next() {
                    switch finished {
                    case .stdout(let stream): out = stream
                    case .stderr(let stream): err = stream
                    case .timedOut: timedOut = true
                    case .timerCancelled: break
                    }
                }
                group.cancelAll()
                return (out!, err!, timedOut)
            }
        }
        let (stdout, stderr, timedOut) = result.closureResult
        return ProgramRun(
            stdout: stdout, stderr: stderr, status: result.terminationStatus, timedOut: timedOut,
            seconds: (ContinuousClock.now - start).seconds)
    }

    private enum Finished {
        case stdout(CaptureStream), stderr(CaptureStream), timedOut, timerCancelled
    }

    private static func capture(
        _ sequence: SubprocessOutputSequence, cap: Int, onOverflow: () -> Void
    ) async throws -> CaptureStream {
        var stream = CaptureStream(cap: cap)
        for try await chunk in sequence {
            let overflowed = stream.overflowedBlock != nil
            chunk.withUnsafeBytes { stream.append($0) }
            if !overflowed && stream.overflowedBlock != nil { onOverflow() }
        }
        stream.finish()
        return stream
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
