import Drop
internal import _LessonProtocol
@preconcurrency import Glibc

// The generated lesson program tells the engine where each block's output starts (and more,
// see `ChannelMessage`) with frames written into its own stdout and stderr, so one pipe per
// stream keeps them in order with what the block prints. The frames carry the key the engine
// put in the environment, so printed bytes can never pass for one.

/// The engine's end of the channel, set up before the first block runs.
private struct Channel: Sendable {
    /// The run's key (empty when the program was not started by the engine).
    let key: ChannelKey
    /// Private copies of descriptors 1 and 2 as the engine gave them: frames still reach the
    /// engine after a block closes or replaces either.
    let copies: [Int32]
    /// Device and inode of descriptors 1 and 2 as the engine gave them.
    let identities: [[UInt64]]

    static let shared: Channel = {
        // Unbuffered, so a trap loses nothing already printed and a forked child inherits no
        // pending bytes; setvbuf(3) is only defined before a stream's first operation.
        _ = setvbuf(stdout, nil, _IONBF, 0)
        let text = getenv(ChannelKey.environmentVariable).map { String(cString: $0) }
        // Nothing the lesson starts (a shell, a child program) needs to see it.
        unsetenv(ChannelKey.environmentVariable)
        if text != nil { Watchdog.start() }
        let descriptors: [Int32] = [STDOUT_FILENO, STDERR_FILENO]
        return Channel(
            key: ChannelKey(text: text ?? ""),
            copies: descriptors.map { fcntl($0, F_DUPFD_CLOEXEC, 3) },
            identities: descriptors.map(identity))
    }()

    /// Device and inode of an open descriptor; empty if it is closed.
    static func identity(of descriptor: Int32) -> [UInt64] {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return [] }
        return [UInt64(status.st_dev), UInt64(status.st_ino)]
    }

    /// Writes `message` to the engine's copy of descriptor 1 or 2.
    func send(_ message: ChannelMessage, to descriptor: Int32) {
        writeAll(message.encoded(key: key), to: copies[Int(descriptor) - 1])
    }
}

/// Writes `bytes` straight to a file descriptor, past any stdio buffer.
func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
    bytes.withUnsafeBytes { buffer in
        var done = 0
        while done < buffer.count {
            let n = write(descriptor, buffer.baseAddress! + done, buffer.count - done)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }  // the engine has gone; nothing to report to
            done += n
        }
    }
}

/// Sends `message` on standard output (1) or standard error (2).
func send(_ message: ChannelMessage, to descriptor: Int32) {
    Channel.shared.send(message, to: descriptor)
}

/// Starts run block `index`: marks both streams and reseeds the default generator.
///
/// Called by the program `lessons` generates, before each block; not for lessons themselves.
/// If the block before closed or replaced standard output or error, the program stops here
/// with a message saying so, rather than lose the output of every block after it.
public func _lessonBeginBlock(_ index: Int, seed: UInt64) {
    let channel = Channel.shared
    for descriptor in [STDOUT_FILENO, STDERR_FILENO]
    where Channel.identity(of: descriptor) != channel.identities[Int(descriptor) - 1] {
        channel.send(.lostDescriptor(Int(descriptor)), to: STDERR_FILENO)
        _exit(1)
    }
    channel.send(.block(index), to: STDOUT_FILENO)
    channel.send(.block(index), to: STDERR_FILENO)
    manualSeed(seed)
}

/// Runs a `should-fail` block in a forked child: returns `true` in the child, which runs the
/// block and then calls `_lessonSurvived()`; the parent waits, reports how the child ended,
/// and returns `false`, so the block's failure cannot disturb the blocks after it.
public func _lessonForkShouldFail() -> Bool {
    let child = fork()
    if child == 0 { return true }
    check(child > 0, "fork failed: errno \(errno)")
    var status: Int32 = 0
    while waitpid(child, &status, 0) < 0 && errno == EINTR {}
    // The wait(2) status word: low 7 bits the terminating signal, else bits 8–15 the exit code.
    let signal = status & 0x7f
    let code = (status >> 8) & 0xff
    if signal != 0 {
        send(.failed("signal \(signal)"), to: STDERR_FILENO)
    } else if code != 0 {
        send(.failed("exit \(code)"), to: STDERR_FILENO)
    } else {
        send(.survived, to: STDERR_FILENO)
    }
    return false
}

/// Ends the forked child of a `should-fail` block that ran to its end without failing.
public func _lessonSurvived() -> Never {
    _exit(0)
}
