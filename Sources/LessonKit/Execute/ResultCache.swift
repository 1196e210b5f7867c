import Foundation

/// Block results stored by everything that can change them, so an unchanged lesson is
/// neither compiled nor run again.
///
/// One JSON file per lesson and key; storing a lesson's new results removes its older ones.
public struct ResultCache: Sendable {
    /// Bumped whenever the engine changes what it produces for the same inputs.
    static let formatVersion = "droplab-lessons-1"

    /// The directory holding the entries (by convention `.build/lessons-cache`).
    public var directory: String

    /// A cache in `directory`, created on first store.
    public init(directory: String) {
        self.directory = directory
    }

    /// The key of `lesson` run with `seed` by `toolchain`.
    static func key(for lesson: Lesson, seed: UInt64, toolchain: Toolchain) -> String {
        var hash = StableHash()
        hash.combine(formatVersion)
        hash.combine(toolchain.fingerprint)
        hash.combine(String(seed))
        hash.combine(lesson.path)  // diagnostics and trap messages name it
        for block in lesson.blocks {
            let o = block.options
            hash.combine("\(block.codeLine) \(o.hide) \(o.silent) \(o.shouldFail) \(o.id ?? "-")")
            hash.combine(block.code)
        }
        return hash.hex
    }

    /// The stored results of `lesson` under `key`, if any.
    func results(of lesson: Lesson, key: String) -> [BlockResult]? {
        guard let data = FileManager.default.contents(atPath: path(lesson, key)) else { return nil }
        return try? JSONDecoder().decode([BlockResult].self, from: data)
    }

    /// Stores `results` under `key`, replacing the lesson's older entries. Best effort: a cache
    /// that cannot be written only costs time.
    func store(_ results: [BlockResult], of lesson: Lesson, key: String) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard let data = try? encoder.encode(results) else { return }
        let files = FileManager.default
        try? files.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let prefix = entryPrefix(lesson)
        for old in (try? files.contentsOfDirectory(atPath: directory)) ?? [] where old.hasPrefix(prefix) {
            try? files.removeItem(atPath: directory + "/" + old)
        }
        try? data.write(to: URL(fileURLWithPath: path(lesson, key)), options: .atomic)
    }

    private func entryPrefix(_ lesson: Lesson) -> String {
        lesson.name.replacingOccurrences(of: "/", with: "_") + "."
    }

    private func path(_ lesson: Lesson, _ key: String) -> String {
        directory + "/" + entryPrefix(lesson) + key + ".json"
    }
}
