import Foundation

@testable import LessonKit

/// The fixture lessons of `Fixtures/IO` (files, caches, input errors) and helpers to lay out
/// lesson and site directories for them.
enum IOFixtures {
    static let directory = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
        .appendingPathComponent("IO")

    /// The path of the fixture `name` (with its extension).
    static func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    /// A fresh lessons directory holding copies of the fixtures `names` (without `.md`).
    static func lessons(_ names: [String]) throws -> String {
        let lessons = try EngineFixtures.temporaryDirectory() + "/Lessons"
        try FileManager.default.createDirectory(atPath: lessons, withIntermediateDirectories: true)
        for name in names {
            try FileManager.default.copyItem(atPath: path(name + ".md"), toPath: lessons + "/" + name + ".md")
        }
        return lessons
    }

    /// A builder of the lessons in `lessons`, with `cache` (none by default).
    static func builder(_ lessons: String, jobs: Int = 2, cache: ResultCache? = nil) throws -> SiteBuilder {
        SiteBuilder(
            lessonsDirectory: lessons,
            executor: LessonExecutor(
                toolchain: try EngineFixtures.toolchain(), settings: ExecutionSettings(), cache: cache),
            jobs: jobs, context: SiteContext(seed: 0, dropVersion: "test"))
    }

    /// Writes `files` (path → text) under `directory`, creating folders as needed.
    static func write(_ files: [String: String], under directory: String) throws {
        for (path, text) in files {
            let url = URL(fileURLWithPath: directory + "/" + path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    /// Every file under `directory` (hidden ones too), path → text.
    static func contents(of directory: String) throws -> [String: String] {
        var files: [String: String] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: directory) {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: directory + "/" + path, isDirectory: &isDirectory),
                !isDirectory.boolValue, let data = FileManager.default.contents(atPath: directory + "/" + path)
            {
                files[path] = String(decoding: data, as: UTF8.self)
            }
        }
        return files
    }

    /// The marker's text, as every site holds it.
    static let marker = String(decoding: SiteMarker.file.contents, as: UTF8.self)

    /// Values appended from concurrent threads or tasks.
    final class Collected<T>: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [T] = []
        /// Everything appended so far, in order.
        var values: [T] { lock.withLock { stored } }
        /// Appends `value`.
        func append(_ value: T) { lock.withLock { stored.append(value) } }
    }
}
