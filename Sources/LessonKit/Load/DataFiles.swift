import Foundation

/// Finding the data files a lesson declares (`data: digits.txt`) and hashing their bytes, so
/// that they are part of the lesson's cache key; a missing file is an authoring error at the
/// front-matter line that declares it, found before anything is compiled.
enum DataFiles {
    /// The declared files of the lesson at `lessonPath`, each looked for in `data/` beside the
    /// lesson at `folderOf` (the lesson itself, or a translation's source).
    static func resolve(
        _ declared: [(name: String, line: Int)], lessonPath: String, folderOf: String? = nil
    ) -> (files: [DataFile], errors: [LessonError]) {
        var files: [DataFile] = [], errors: [LessonError] = []
        let owner = folderOf ?? lessonPath
        let lessonURL = URL(fileURLWithPath: owner)
        let folder = lessonURL.deletingLastPathComponent().appendingPathComponent("data")
        for (name, line) in declared where !files.contains(where: { $0.name == name }) {
            let url = folder.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                let bytes = FileManager.default.contents(atPath: url.path)
            else {
                let shown = (owner as NSString).deletingLastPathComponent
                errors.append(
                    LessonError(
                        stage: .parse, path: lessonPath, line: line,
                        message: "data file `\(name)` is declared but cannot be read: expected a file at "
                            + (shown.isEmpty ? "" : shown + "/") + "data/" + name))
                continue
            }
            var hash = StableHash()
            hash.combine(String(bytes.count))
            hash.combine(bytes)
            files.append(DataFile(name: name, path: url.standardizedFileURL.path, line: line, digest: hash.hex))
        }
        return (files, errors)
    }
}
