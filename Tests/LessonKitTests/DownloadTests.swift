import Foundation
import Testing

@testable import LessonKit

/// A lesson to take away: its Swift program runs alone and prints what the page prints; its
/// twins make a script and a notebook with the seeds the page shows.
@Suite struct DownloadTests {
    static let context = SiteContext(seed: 0, dropVersion: "test")

    static func files() async throws -> (LessonRun, [SiteFile]) {
        let run = try await EngineFixtures.run("take-away")
        let executed = try #require(run.executed)
        return (run, try Downloads.files(for: executed, title: "Take away", context: context))
    }

    @Test func theSwiftProgramCompilesAndPrintsTheLessonsOutputs() async throws {
        let (run, files) = try await Self.files()
        #expect(files.map(\.path) == ["downloads/take-away.swift", "downloads/take-away.py", "downloads/take-away.ipynb"])
        let program = String(decoding: files[0].contents, as: UTF8.self)
        #expect(program.contains("manualSeed(\(run.results[0].seed))"))
        #expect(program.contains("// let wrong: Int = \"text\""), "a should-fail block stays, as a comment")
        // Run it as the page says, with the build products the tests were built with.
        let directory = try EngineFixtures.temporaryDirectory()
        let path = directory + "/take-away.swift"
        try program.write(toFile: path, atomically: true, encoding: .utf8)
        let products = try EngineFixtures.toolchain().products
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "swift", "-swift-version", "5", "-module-name", "lesson", "-I", products + "/Modules", "-L", products,
            "-lLessonRuntime", path,
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        // What the blocks printed, a figure as the line the program prints for it.
        let expected = run.results.flatMap(\.items).map { item -> String in
            switch item {
            case .stdout(let text): text
            case .stderr: ""
            case .svg(let svg): "[figure: \(svg.utf8.count) bytes of SVG]\n"
            }
        }.joined()
        #expect(printed == expected)
    }

    @Test func theTwinsMakeAScriptAndANotebookWithThePagesSeeds() async throws {
        let (run, files) = try await Self.files()
        let script = String(decoding: files[1].contents, as: UTF8.self)
        #expect(script.contains("torch.manual_seed(\(run.results[0].seed))\nprint(torch.randn(2, 3))"))
        #expect(script.contains("torch.manual_seed(\(run.results[2].seed))\nprint(torch.rand(1, 1, 2, 2))"))
        #expect(!script.contains("{{seed"))
        let notebook = try #require(
            try JSONSerialization.jsonObject(with: Data(files[2].contents)) as? [String: Any])
        #expect(notebook["nbformat"] as? Int == 4)
        let cells = try #require(notebook["cells"] as? [[String: Any]])
        let code = cells.filter { $0["cell_type"] as? String == "code" }
        #expect(code.count == 2)
        for cell in code {
            #expect((cell["outputs"] as? [Any])?.isEmpty == true, "no outputs stored")
            #expect(cell["execution_count"] is NSNull)
        }
        let source = (code[1]["source"] as? [String])?.joined()
        #expect(source == "import torch\n\ntorch.manual_seed(\(run.results[2].seed))\nprint(torch.rand(1, 1, 2, 2))\nprint(torch.rand(3))")
    }

    @Test func downloadsAreDeterministic() async throws {
        let (_, first) = try await Self.files()
        let (_, second) = try await Self.files()
        #expect(first == second)
    }
}
