import Foundation

@testable import LessonKit

/// The fixture lessons of `Fixtures/Engine`, one per behaviour of the engine, and the toolchain
/// the test bundle was built with.
enum EngineFixtures {
    static let directory = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
        .appendingPathComponent("Engine")

    /// A scratch directory private to this test process.
    static let scratch = FileManager.default.temporaryDirectory
        .appendingPathComponent("droplab-lessonkit-tests-\(getpid())").path

    /// The fixture `name`, parsed; messages call it `Engine/NAME.md`.
    static func lesson(_ name: String) throws -> Lesson {
        let source = try String(
            contentsOf: directory.appendingPathComponent(name + ".md"), encoding: .utf8)
        return try LessonParser.parse(path: "Engine/\(name).md", source: source)
    }

    /// Drop and LessonRuntime as built beside the test bundle by `swift build`.
    static func toolchain() throws -> Toolchain {
        try Toolchain.locate(scratch: scratch)
    }

    /// Executes the fixture `name` without a cache.
    static func run(_ name: String, settings: ExecutionSettings = .init()) async throws -> LessonRun {
        let executor = LessonExecutor(toolchain: try toolchain(), settings: settings, cache: nil)
        return await executor.execute(try lesson(name))
    }

    /// A fresh, empty directory under the scratch directory.
    static func temporaryDirectory() throws -> String {
        let path = scratch + "/" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

extension BlockResult {
    /// Everything the block wrote to stdout, figures left out.
    var stdout: String {
        items.map { if case .stdout(let text) = $0 { text } else { "" } }.joined()
    }
}
