import Foundation

/// An exclusive `flock` on a file or directory, held while a closure runs, so that concurrent
/// `lessons` processes take turns at the output directory and the cache.
///
/// `flock` locks belong to an open file description: two opens conflict even within one process,
/// and the kernel drops the lock when a process dies, so a killed build never leaves it held.
enum FileLock {
    /// Runs `body` holding an exclusive lock on `path` (an existing directory, or a file that is
    /// created if missing), waiting for any other holder first.
    static func withLock<T>(on path: String, _ body: () throws(LessonError) -> T) throws(LessonError) -> T {
        // O_CREAT would refuse an existing directory (EISDIR): only a missing file is created.
        var fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 && errno == ENOENT { fd = open(path, O_RDONLY | O_CLOEXEC | O_CREAT, 0o644) }
        guard fd >= 0 else {
            throw LessonError(stage: .write, path: path, message: "cannot lock it: \(errnoDescription(errno))")
        }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw LessonError(stage: .write, path: path, message: "cannot lock it: \(errnoDescription(errno))")
            }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}

/// An `errno` value in words, lower case: `no such file or directory`.
func errnoDescription(_ code: Int32) -> String {
    String(cString: strerror(code)).lowercased()
}
