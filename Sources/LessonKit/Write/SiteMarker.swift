import Foundation

/// The file that marks a directory as a site `lessons build` wrote, so that the next build may
/// replace it as a whole. Without it, a non-empty directory is never replaced: it may hold the
/// user's own files.
public enum SiteMarker {
    /// The marker's name, at the site's root.
    public static let name = ".droplab-site"

    /// The marker itself; its text is the same in every site, so the site stays deterministic.
    public static let file = SiteFile(
        path: name,
        text: """
            This directory is a site written by `lessons build` (Droplab). The next build replaces
            it as a whole: keep nothing of your own here.

            """)

    /// `files` with the marker added (once).
    static func adding(to files: [SiteFile]) -> [SiteFile] {
        files.contains { $0.path == name } ? files : files + [file]
    }

    /// Whether the directory at `path`, whose entries are `entries`, is a site Droplab wrote:
    /// it holds the marker, or it is a site from before the marker existed.
    static func marks(_ path: String, entries: [String]) -> Bool {
        entries.contains(name) || isUnmarkedSite(path, entries: entries)
    }

    /// A site written before the marker: nothing but `.html` pages and `style.css`, with an
    /// `index.html` whose footer is the one Droplab writes. Anything else in it (a subfolder, a
    /// note) means it is not only a site, and it is left alone.
    private static func isUnmarkedSite(_ path: String, entries: [String]) -> Bool {
        guard entries.contains("index.html"),
            entries.allSatisfy({ $0 == "style.css" || $0.hasSuffix(".html") }),
            entries.allSatisfy({ isRegularFile(path + "/" + $0) }),
            let index = FileManager.default.contents(atPath: path + "/index.html")
        else { return false }
        return String(decoding: index, as: UTF8.self).contains(legacyFooter)
    }

    /// What the footer of every page Droplab wrote says, before and after the marker.
    private static let legacyFooter = "Regenerate them with <code>swift run lessons build"

    private static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }
}
