import Drop
@preconcurrency import Glibc

// The capture protocol shared with LessonKit's `CaptureStream` (keep the two in step): the
// generated lesson program writes tokens `\u{1}droplab:VERB\u{2}` into its own output streams,
// so the engine can cut one pipe per stream into blocks and figures without a side channel.
//
//   block:N      on stdout and stderr: what follows belongs to run block N
//   at:L:C       on stderr: the top-level statement at lesson line L, column C starts
//   svg … /svg   on stdout: the bytes between are one SVG figure
//   survived     on stderr: a should-fail block finished without failing
//   failed:WHY   on stderr: a should-fail block failed (`signal 4`, `exit 1`)

/// Writes a protocol token to a file descriptor.
func writeToken(_ verb: String, to descriptor: Int32) {
    writeAll("\u{1}droplab:\(verb)\u{2}", to: descriptor)
}

/// Writes `text` straight to a file descriptor, past any stdio buffer.
func writeAll(_ text: String, to descriptor: Int32) {
    var text = text
    text.withUTF8 { bytes in
        var done = 0
        while done < bytes.count {
            let n = write(descriptor, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }  // the engine has gone; nothing to report to
            done += n
        }
    }
}

/// Standard output made unbuffered, so that a trap loses nothing already printed and a forked
/// child inherits no pending bytes. Done once, before the first block prints: setvbuf(3) is
/// only defined before a stream's first operation.
private let unbufferedStandardOutput: Void = {
    _ = setvbuf(stdout, nil, _IONBF, 0)
}()

/// Starts run block `index`: marks both streams and reseeds the default generator.
///
/// Called by the program `lessons` generates, before each block; not for lessons themselves.
public func _lessonBeginBlock(_ index: Int, seed: UInt64) {
    _ = unbufferedStandardOutput
    writeToken("block:\(index)", to: STDOUT_FILENO)
    writeToken("block:\(index)", to: STDERR_FILENO)
    manualSeed(seed)
}

/// Marks the start of the top-level statement at `line`, `column` of the lesson, so that a trap
/// inside a library call can still be blamed on the lesson line that made it.
public func _lessonAt(_ line: Int, _ column: Int) {
    writeToken("at:\(line):\(column)", to: STDERR_FILENO)
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
        writeToken("failed:signal \(signal)", to: STDERR_FILENO)
    } else if code != 0 {
        writeToken("failed:exit \(code)", to: STDERR_FILENO)
    } else {
        writeToken("survived", to: STDERR_FILENO)
    }
    return false
}

/// Ends the forked child of a `should-fail` block that ran to its end without failing.
public func _lessonSurvived() -> Never {
    _exit(0)
}
