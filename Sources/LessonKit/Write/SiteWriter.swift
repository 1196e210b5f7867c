import Foundation

/// Writes the site's files, replacing the output directory as a whole: the new site is written
/// into a sibling directory first and swapped in with renames, so a failure at any point leaves
/// the previous site exactly as it was.
public enum SiteWriter {
    /// Replaces `directory` with one holding exactly `files`.
    public static func replace(_ directory: String, with files: [SiteFile]) throws(LessonError) {
        let fileManager = FileManager.default
        let target = URL(fileURLWithPath: directory).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        let unique = "\(target.lastPathComponent).\(getpid())-\(UUID().uuidString.prefix(8))"
        let staging = parent.appendingPathComponent(".\(unique).new")
        let previous = parent.appendingPathComponent(".\(unique).old")
        func fail(_ what: String, _ error: Error) -> LessonError {
            LessonError(stage: .write, path: directory, message: "\(what): \(error)")
        }
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
            for file in files {
                let url = staging.appendingPathComponent(file.path)
                try fileManager.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.contents).write(to: url)
            }
        } catch {
            try? fileManager.removeItem(at: staging)
            throw fail("cannot write the new site", error)
        }
        let hadPrevious = fileManager.fileExists(atPath: target.path)
        if hadPrevious {
            guard rename(target.path, previous.path) == 0 else {
                try? fileManager.removeItem(at: staging)
                throw fail("cannot move the old site aside", POSIXError(errno))
            }
        }
        guard rename(staging.path, target.path) == 0 else {
            let error = POSIXError(errno)
            if hadPrevious { rename(previous.path, target.path) }
            try? fileManager.removeItem(at: staging)
            throw fail("cannot move the new site in place", error)
        }
        if hadPrevious { try? fileManager.removeItem(at: previous) }
    }
}

extension POSIXError {
    /// The error for an `errno` value.
    init(_ code: Int32) {
        self.init(POSIXErrorCode(rawValue: code) ?? .EIO)
    }
}
