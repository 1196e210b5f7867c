import Foundation

/// Compares a freshly rendered site with the one on disk, byte for byte.
public enum SiteComparer {
    /// The paths that differ between `files` and `directory`, sorted, each with why:
    /// `01-dropout.html (differs)`, `new.html (missing)`, `old.html (extra)`. A site on disk
    /// holds the marker `SiteWriter` adds, so it is expected too.
    public static func staleFiles(_ files: [SiteFile], comparedWith directory: String) -> [String] {
        let files = SiteMarker.adding(to: files)
        let root = URL(fileURLWithPath: directory).standardizedFileURL.path
        var onDisk = Set<String>()
        if let walker = FileManager.default.enumerator(atPath: root) {
            for case let path as String in walker {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory),
                    !isDirectory.boolValue
                {
                    onDisk.insert(path)
                }
            }
        }
        var stale: [String] = []
        for file in files {
            if !onDisk.contains(file.path) {
                stale.append("\(file.path) (missing)")
            } else if FileManager.default.contents(atPath: root + "/" + file.path)
                != Data(file.contents)
            {
                stale.append("\(file.path) (differs)")
            }
        }
        let expected = Set(files.map(\.path))
        stale += onDisk.subtracting(expected).map { "\($0) (extra)" }
        return stale.sorted()
    }
}
