import Glibc

/// Stops the program with `message` when `condition` is false.
///
/// Unlike `precondition`, the message is printed in release builds too, and without Drop's own
/// file and line: a lesson's expected error then reads the same whichever build of Drop ran it,
/// and names the mistake in PyTorch's words rather than a place in our sources.
@inline(__always)
package func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if _slowPath(!condition()) { fail(message()) }
}

/// Stops the program with `message` on standard error (see `check`).
package func fail(_ message: String) -> Never {
    var text = "Fatal error: " + message + "\n"
    text.withUTF8 { bytes in
        var rest = UnsafeRawBufferPointer(bytes)
        while !rest.isEmpty {
            let written = write(2, rest.baseAddress, rest.count)
            if written <= 0 { break }
            rest = UnsafeRawBufferPointer(rebasing: rest[written...])
        }
    }
    abort()
}
