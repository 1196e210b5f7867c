import Foundation

/// Writes the site's files, replacing the output directory as a whole: the new site is written
/// into a sibling staging directory first and swapped in with renames, so a failure at any point
/// leaves the previous site exactly as it was.
///
/// Only a directory that `OutputDirectory` allows is replaced, and the swap holds a lock on its
/// parent directory, so concurrent builds into one directory take turns and each leaves one
/// complete site. Staging folders a killed build left behind are removed by the next one.
public enum SiteWriter {
    /// Fails with the reason if `directory` may not receive a site (see `OutputDirectory`), so a
    /// build can refuse before it runs any lesson.
    public static func checkTarget(_ directory: String, protecting protected: [String] = [])
        throws(LessonError)
    {
        _ = try OutputDirectory(directory, protecting: protected)
    }

    /// Replaces `directory` with one holding exactly `files` and the site marker; `protected`
    /// are directories the site must neither replace nor hold (the lessons).
    public static func replace(
        _ directory: String, with files: [SiteFile], protecting protected: [String] = []
    ) throws(LessonError) {
        let parent = try OutputDirectory(directory, protecting: protected).parent
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw LessonError(
                stage: .write, path: directory, message: "cannot create its parent directory \(parent)")
        }
        try FileLock.withLock(on: parent) { () throws(LessonError) in
            // Checked again under the lock: another build may have changed the directory.
            let target = try OutputDirectory(directory, protecting: protected)
            removeLeftovers(of: target)
            try swap(SiteMarker.adding(to: files), into: target)
        }
    }

    /// `.NAME.PID-ID.new` and `.NAME.PID-ID.old`: the staging folders of one replacement.
    private static func stagingPrefix(_ target: OutputDirectory) -> String { ".\(target.name)." }

    /// Removes staging folders of `target` from earlier builds; under the lock, any that exist
    /// belong to a build that died.
    private static func removeLeftovers(of target: OutputDirectory) {
        let prefix = stagingPrefix(target)
        let siblings = (try? FileManager.default.contentsOfDirectory(atPath: target.parent)) ?? []
        for name in siblings
        where name.hasPrefix(prefix) && (name.hasSuffix(".new") || name.hasSuffix(".old")) {
            try? FileManager.default.removeItem(atPath: target.parent + "/" + name)
        }
    }

    private static func swap(_ files: [SiteFile], into target: OutputDirectory) throws(LessonError) {
        let fileManager = FileManager.default
        let unique = stagingPrefix(target) + "\(getpid())-\(UUID().uuidString.prefix(8))"
        let staging = target.parent + "/" + unique + ".new"
        let previous = target.parent + "/" + unique + ".old"
        func fail(_ what: String, _ why: String) -> LessonError {
            LessonError(stage: .write, path: target.given, message: "\(what): \(why)")
        }
        do {
            try fileManager.createDirectory(atPath: staging, withIntermediateDirectories: false)
            for file in files {
                let url = URL(fileURLWithPath: staging + "/" + file.path)
                try fileManager.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.contents).write(to: url)
            }
        } catch {
            try? fileManager.removeItem(atPath: staging)
            throw fail("cannot write the new site", error.localizedDescription)
        }
        if target.exists {
            guard rename(target.resolved, previous) == 0 else {
                let why = errnoDescription(errno)
                try? fileManager.removeItem(atPath: staging)
                throw fail("cannot move the old site aside", why)
            }
        }
        guard rename(staging, target.resolved) == 0 else {
            let why = errnoDescription(errno)
            if target.exists { rename(previous, target.resolved) }
            try? fileManager.removeItem(atPath: staging)
            throw fail("cannot move the new site in place", why)
        }
        if target.exists { try? fileManager.removeItem(atPath: previous) }
    }
}
