import Foundation

/// Block results stored by everything that can change them, so an unchanged lesson is
/// neither compiled nor run again.
///
/// One JSON file per lesson and key, holding the results and a digest of them; an entry whose
/// digest does not match (edited or corrupt) is a miss, so it is executed again and rewritten,
/// never rendered. The digest catches edits and damage, not forgery (it is not keyed). Storing
/// a lesson's new results removes its older entries, under a lock on the cache so that
/// concurrent builds sharing it take turns.
public struct ResultCache: Sendable {
    /// Bumped whenever the engine changes what it produces for the same inputs.
    static let formatVersion = "droplab-lessons-2"

    /// The directory holding the entries (`lessons` uses `Toolchain.cacheDirectory`).
    public var directory: String
    /// Whether stored results are used; `false` (`--no-cache`) executes every lesson and
    /// stores what it ran, refreshing the cache.
    public var reads: Bool

    /// A cache in `directory`, created on first store.
    public init(directory: String, reads: Bool = true) {
        self.directory = directory
        self.reads = reads
    }

    /// What one file holds.
    private struct Entry: Codable {
        var digest: String
        var results: [BlockResult]
    }

    /// The key of `lesson` run with `seed` by `toolchain`.
    static func key(for lesson: Lesson, seed: UInt64, toolchain: Toolchain) -> String {
        var hash = StableHash()
        hash.combine(formatVersion)
        hash.combine(toolchain.fingerprint)
        hash.combine(String(seed))
        hash.combine(lesson.path)  // diagnostics and trap messages name it
        for file in lesson.dataFiles {  // its bytes, not its path: moving the checkout keeps the entry
            hash.combine("data \(file.name) \(file.digest)")
        }
        // Only what execution depends on, so that editing prose never re-runs a lesson: `hide`
        // and `silent` only change the page, and a block's lines reach the results only through
        // a should-fail block's diagnostic or code that prints `#line`; otherwise a paragraph
        // added above a block leaves the key alone.
        let linesMatter = lesson.blocks.contains { $0.options.shouldFail || $0.code.contains("#line") }
        for block in lesson.blocks {
            let o = block.options
            hash.combine("\(linesMatter ? block.codeLine : 0) \(o.shouldFail) \(o.id ?? "-")")
            hash.combine(block.code)
        }
        return hash.hex
    }

    /// The stored results of `lesson` under `key`, if any and intact.
    func results(of lesson: Lesson, key: String) -> [BlockResult]? {
        guard reads, let data = FileManager.default.contents(atPath: path(lesson, key)),
            let entry = try? JSONDecoder().decode(Entry.self, from: data),
            let canonical = Self.encode(entry.results),
            entry.digest == Self.digest(canonical, key: key)
        else { return nil }
        return entry.results
    }

    /// Stores `results` under `key`, replacing the lesson's older entries. Best effort: a cache
    /// that cannot be written only costs time.
    func store(_ results: [BlockResult], of lesson: Lesson, key: String) {
        guard let canonical = Self.encode(results),
            let data = Self.encode(Entry(digest: Self.digest(canonical, key: key), results: results))
        else { return }
        let files = FileManager.default
        try? files.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try? FileLock.withLock(on: directory + "/.lock") {
            let prefix = entryPrefix(lesson)
            for old in (try? files.contentsOfDirectory(atPath: directory)) ?? [] where old.hasPrefix(prefix) {
                try? files.removeItem(atPath: directory + "/" + old)
            }
            try? data.write(to: URL(fileURLWithPath: path(lesson, key)), options: .atomic)
        }
    }

    /// Sorted keys: the same results always encode to the same bytes, so the digest is stable.
    private static func encode(_ value: some Encodable) -> Data? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try? encoder.encode(value)
    }

    private static func digest(_ canonical: Data, key: String) -> String {
        var hash = StableHash()
        hash.combine(key)
        hash.combine(canonical)
        return hash.hex
    }

    /// The lesson's folder and name: a translation (`zh/01-dropout.md`) keeps its own entries.
    private func entryPrefix(_ lesson: Lesson) -> String {
        lesson.path.split(separator: "/").suffix(2).joined(separator: "_") + "."
    }

    private func path(_ lesson: Lesson, _ key: String) -> String {
        directory + "/" + entryPrefix(lesson) + key + ".json"
    }
}
