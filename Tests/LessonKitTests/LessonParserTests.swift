import Testing

@testable import LessonKit

@Suite struct LessonParserTests {
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

    @Test func anUnknownOptionIsAnErrorAtItsFence() throws {
        #expect {
            try EngineFixtures.lesson("unknown-option")
        } throws: { error in
            let error = try #require(error as? LessonError)
            return error.stage == .parse && error.line == 7
                && error.description.hasPrefix("Engine/unknown-option.md:7: error: [parse] unknown option 'colour=red'")
        }
    }

    @Test(arguments: [
        ("timeout=0", "timeout=0: expected a positive number of seconds"),
        ("timeout=soon", "timeout=soon: expected a positive number of seconds"),
        ("id=", "id=: a name is letters, digits, '-', '_' or '.'"),
        ("hide=yes", "option 'hide' takes no value"),
        ("hide silent", "'hide' and 'silent' together would show nothing"),
    ])
    func malformedOptionsAreErrors(options: String, message: String) {
        let source = "text\n\n```swift run \(options)\nprint(1)\n```\n"
        #expect(throws: LessonError(stage: .parse, path: "a.md", line: 3, message: message)) {
            try LessonParser.parse(path: "a.md", source: source)
        }
    }

    @Test func twoBlocksCannotShareAnIdentity() {
        let source = "```swift run id=x\n```\n\n```swift run id=x\n```\n"
        #expect(throws: LessonError.self) { try LessonParser.parse(path: "a.md", source: source) }
    }
}
