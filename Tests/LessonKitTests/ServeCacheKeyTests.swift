import Testing

@testable import LessonKit

/// The execution cache key holds only what execution depends on, so that the preview never
/// recompiles a lesson for an edit of its prose.
@Suite struct ServeCacheKeyTests {
    private func key(_ source: String) throws -> String {
        ResultCache.key(
            for: try LessonParser.parse(path: "Lessons/a.md", source: source), seed: 0,
            toolchain: try EngineFixtures.toolchain())
    }

    @Test func proseAndPageOnlyOptionsLeaveTheKeyAlone() throws {
        let block = "```swift run\nprint(1)\n```\n"
        let key = try self.key("# A\n\nOne.\n\n" + block)
        #expect(try self.key("# A\n\nOne, edited.\n\nAnd a paragraph that moves the block.\n\n" + block) == key)
        #expect(try self.key("# A\n\nOne.\n\n```swift run hide\nprint(1)\n```\n") == key)
        #expect(try self.key("# A\n\nOne.\n\n```swift run\nprint(2)\n```\n") != key)
    }

    @Test func linesCountWhereTheOutputCanShowThem() throws {
        let failing = "```swift run should-fail\nlet x: Int = \"no\"\n```\n"
        #expect(try key("# A\n\n" + failing) != key("# A\n\nMoved.\n\n" + failing))
        let printing = "```swift run\nprint(#line)\n```\n"
        #expect(try key("# A\n\n" + printing) != key("# A\n\nMoved.\n\n" + printing))
    }
}
