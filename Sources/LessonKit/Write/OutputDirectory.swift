import Foundation

/// Where `lessons build` may write its site, decided before anything is written.
///
/// The site replaces the directory as a whole, so the directory must be absent, empty, or a
/// previous Droplab site (see `SiteMarker`). Never replaced: the working directory or one of its
/// ancestors, a protected directory (the lessons) or one holding it, a file, a symbolic link.
struct OutputDirectory {
    /// The directory as the user named it, for messages.
    var given: String
    /// Its physical path: absolute, no `.`/`..`, no symbolic link in its parent's path.
    var resolved: String
    /// Whether something is there now.
    var exists: Bool

    /// The parent directory, where the staging folders go (a rename never crosses file systems).
    var parent: String { (resolved as NSString).deletingLastPathComponent }
    /// The directory's own name.
    var name: String { (resolved as NSString).lastPathComponent }

    /// Checks `given` against the rules (creating nothing); `protected` are
    /// directories that may be neither replaced nor held by the site (the lessons).
    init(_ given: String, protecting protected: [String]) throws(LessonError) {
        func refuse(_ why: String) -> LessonError {
            LessonError(
                stage: .write, path: given.isEmpty ? "\"\"" : given,
                message: "refusing to write the site here: \(why)")
        }
        guard !given.isEmpty else { throw refuse("the output directory's name is empty") }
        self.given = given
        let cwd = FileManager.default.currentDirectoryPath
        // `.` and `..` are taken as written, so `new/../..` names the working directory's parent.
        var components: [Substring] = []
        for part in (given.hasPrefix("/") ? given : cwd + "/" + given).split(separator: "/") where part != "." {
            if part == ".." { _ = components.popLast() } else { components.append(part) }
        }
        let path = "/" + components.joined(separator: "/")

        var info = stat()
        exists = lstat(path, &info) == 0
        if exists && (info.st_mode & S_IFMT) == S_IFLNK {
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
            throw refuse(
                "it is a symbolic link (to \(target)); the site is swapped in by renaming, which "
                    + "would replace the link, so name the directory it points to instead")
        }
        if exists && (info.st_mode & S_IFMT) != S_IFDIR { throw refuse("it is a file, not a directory") }
        // The physical path of the deepest part that exists, then the missing rest as written.
        var existing = components[...]
        var missing: [Substring] = []
        while !existing.isEmpty, Self.realPath("/" + existing.joined(separator: "/")) == nil {
            missing.insert(existing.removeLast(), at: 0)
        }
        let base = Self.realPath("/" + existing.joined(separator: "/")) ?? "/"
        resolved = missing.isEmpty ? base : (base == "/" ? "" : base) + "/" + missing.joined(separator: "/")

        let here = Self.realPath(cwd) ?? cwd
        if resolved == "/" || here == resolved || here.hasPrefix(resolved + "/") {
            throw refuse("it is the working directory or one of its ancestors")
        }
        for directory in protected {
            let kept = Self.realPath(directory) ?? directory
            if kept == resolved { throw refuse("it is the lessons directory") }
            if kept.hasPrefix(resolved + "/") { throw refuse("it holds the lessons directory") }
        }
        if exists {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: resolved)) ?? []
            guard entries.isEmpty || SiteMarker.marks(resolved, entries: entries) else {
                let some = entries.sorted().prefix(3).joined(separator: ", ")
                throw refuse(
                    "it holds files that are not a Droplab site (\(some)\(entries.count > 3 ? ", …" : "")) "
                        + "and no \(SiteMarker.name) marker; name an empty or new directory")
            }
        }
    }

    /// `path` with every symbolic link and `.`/`..` resolved, if it exists.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
