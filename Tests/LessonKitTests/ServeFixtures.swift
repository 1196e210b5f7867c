import Foundation
import Synchronization

@testable import LessonKit

/// Lessons written into a scratch folder for the preview's tests, and a session over them.
enum ServeFixtures {
    /// A lesson titled `title` with `prose`, and one run block holding `code` if given.
    static func lesson(_ title: String, prose: String, code: String? = nil) -> String {
        var text = "# \(title)\n\n\(prose)\n"
        if let code { text += "\n```swift run\n\(code)\n```\n" }
        return text
    }

    /// A fresh lessons folder holding `lessons` (file name → text).
    static func folder(_ lessons: [String: String]) throws -> String {
        let directory = try EngineFixtures.temporaryDirectory()
        for (name, text) in lessons { try write(text, to: name, in: directory) }
        return directory
    }

    static func write(_ text: String, to name: String, in directory: String) throws {
        try text.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
    }

    /// The builder `lessons serve` would make for `directory`: no disk cache, so that what the
    /// session executes is really executed.
    static func builder(_ directory: String) throws -> SiteBuilder {
        SiteBuilder(
            lessonsDirectory: directory,
            executor: LessonExecutor(toolchain: try EngineFixtures.toolchain(), settings: .init(), cache: nil),
            jobs: 2, context: SiteContext(seed: 0, dropVersion: "test"))
    }

    /// The text of the page `target` as the session serves it.
    static func page(_ session: PreviewSession, _ target: String) async -> String {
        String(decoding: await session.response(to: target).body, as: UTF8.self)
    }
}

/// Lines collected from any thread.
final class Lines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}
