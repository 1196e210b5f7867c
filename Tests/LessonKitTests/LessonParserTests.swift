import Testing

@testable import LessonKit

@Suite struct LessonParserTests {
    /// The descriptions of every error `source` has, or [] if it parses.
    static func errors(_ source: String, path: String = "a.md") -> [String] {
        do {
            _ = try LessonParser.parse(path: path, source: source)
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test func runBlocksAreSwiftRunFencesWithTheirOptions() throws {
        let lesson = try EngineFixtures.lesson("plain-swift")
        #expect(lesson.name == "plain-swift.md")
        #expect(lesson.blocks.count == 1, "a plain ```swift block is shown, never run")
        let block = try #require(lesson.blocks.first)
        #expect(block.fenceLine == 7)
        #expect(block.codeLine == 8)
        #expect(block.code == "print(42)\n")
        #expect(block.options == RunOptions(hide: true, id: "answer", timeout: 90))
        #expect(block.identity == "answer")
    }

    @Test func blocksInListsAndQuotesKeepTheirLinesAndIndent() throws {
        let source = "# T\n\n- item\n\n  ```swift run\n  print(1)\n  ```\n\n> ```swift run\n> print(2)\n> ```\n"
        let blocks = try LessonParser.parse(path: "a.md", source: source).blocks
        #expect(blocks.map(\.fenceLine) == [5, 9])
        #expect(blocks.map(\.indent) == [2, 2])
        #expect(blocks.map(\.code) == ["print(1)\n", "print(2)\n"])
    }

    @Test func anUnknownOptionIsAnErrorAtItsFence() throws {
        #expect {
            try EngineFixtures.lesson("unknown-option")
        } throws: { error in
            let error = try #require((error as? LessonFailures)?.errors.first)
            return error.stage == .parse && error.line == 7
                && error.description.hasPrefix("Engine/unknown-option.md:7: error: [parse] unknown option 'colour=red'")
        }
    }

    @Test(arguments: [
        ("timeout=0", "timeout=0: expected a positive number of seconds"),
        ("timeout=soon", "timeout=soon: expected a positive number of seconds"),
        ("timeout=1e300", "timeout=1e300: at most 86400 seconds (a day)"),
        ("timeout=86401", "timeout=86401: at most 86400 seconds (a day)"),
        ("id=", "id=: a name is letters, digits, '-', '_' or '.'"),
        ("hide=yes", "option 'hide' takes no value"),
        ("hide silent", "'hide' and 'silent' together would show nothing"),
    ])
    func malformedOptionsAreErrors(options: String, message: String) {
        let source = "text\n\n```swift run \(options)\nprint(1)\n```\n"
        #expect(Self.errors(source) == ["a.md:3: error: [parse] \(message)"])
    }

    @Test func aDayIsTheLongestTimeout() throws {
        let lesson = try LessonParser.parse(path: "a.md", source: "```swift run timeout=86400\n```\n")
        #expect(lesson.blocks[0].options.timeout == 86_400)
    }

    @Test func twoBlocksCannotShareAnIdentity() {
        let source = "```swift run id=x\n```\n\n```swift run id=x\n```\n"
        #expect(Self.errors(source) == ["a.md:4: error: [parse] block 2: id=x is already used by the block at line 1"])
    }
}
