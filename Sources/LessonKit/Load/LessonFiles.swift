import Foundation
import Glibc

/// Step 1 of the pipeline: finding the lesson files and reading them as text, with every
/// failure in words (`Lessons/x.md: error: [parse] it is a directory, not a lesson file`).
public enum LessonFiles {
    /// The `.md` files in `directory`, ordered by name; an error if there are none.
    public static func paths(in directory: String) throws(LessonError) -> [String] {
        func fail(_ message: String) -> LessonError {
            LessonError(stage: .parse, path: directory, message: message)
        }
        var info = stat()
        guard stat(directory, &info) == 0 else { throw fail("cannot open the lessons directory: \(reason(errno))") }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { throw fail("the lessons directory is not a directory") }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw fail("cannot list the lessons directory")
        }
        let trimmed = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let paths = names.filter { $0.hasSuffix(".md") }.sorted().map { trimmed + "/" + $0 }
        guard !paths.isEmpty else { throw fail("the lessons directory holds no lessons (no .md files)") }
        return paths
    }

    /// The UTF-8 text of the lesson file at `path`. A missing file, a directory, a device, a
    /// symbolic link loop or bytes that are not UTF-8 (located by line and column) are errors.
    public static func read(_ path: String) throws(LessonError) -> String {
        func fail(_ message: String, line: Int? = nil, column: Int? = nil) -> LessonError {
            LessonError(stage: .parse, path: path, line: line, column: column, message: message)
        }
        // Non-blocking, so that a FIFO is refused below instead of waiting for a writer.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw fail("cannot open it: \(reason(errno))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw fail("cannot read it: \(reason(errno))") }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw fail("it is a directory, not a lesson file")
        default: throw fail("it is not a regular file (a device, pipe or socket), not a lesson file")
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count == 0 { break }
            guard count > 0 else {
                if errno == EINTR || errno == EAGAIN { continue }
                throw fail("cannot read it: \(reason(errno))")
            }
            bytes += chunk[..<count]
        }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        let bad = firstInvalidByte(bytes)
        let before = bytes[..<bad]
        let line = before.count { $0 == UInt8(ascii: "\n") } + 1
        let column = bad - (before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1
        throw fail(
            "it is not UTF-8 text: byte 0x\(String(bytes[bad], radix: 16, uppercase: true)) "
                + "does not belong here (save the lesson as UTF-8)", line: line, column: column)
    }

    /// The offset of the first byte that is not part of a valid UTF-8 sequence.
    private static func firstInvalidByte(_ bytes: [UInt8]) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .error: return offset
            case .emptyInput: return max(bytes.count - 1, 0)
            }
        }
    }

    /// Why an `open` or `stat` failed, in words a user acts on.
    private static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file or directory"
        case ELOOP: "its path is a loop of symbolic links"
        case ENOTDIR: "a part of its path is not a directory"
        case EACCES: "permission denied"
        default: errnoDescription(code)
        }
    }
}
