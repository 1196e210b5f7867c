import Testing

@testable import LessonKit

/// swift-syntax's parser takes exponential time in `[` in a row: code with more than
/// `BracketRuns.limit` of them never reaches it.
@Suite struct BracketRunTests {
    @Test func aRunBlockWithALongRunIsRefusedAtItsLine() throws {
        let lesson = "# Brackets\n\n```swift run\nlet ok = [[1]]\nlet x = " + String(repeating: "[", count: 40) + "\n```\n"
        #expect(throws: LessonFailures.self) { try LessonParser.parse(path: "b.md", source: lesson) }
        do {
            _ = try LessonParser.parse(path: "b.md", source: lesson)
        } catch {
            #expect(error.errors.map(\.line) == [5])
            #expect(error.errors.first?.message.contains("'[' in a row") == true)
        }
    }

    @Test func aShownBlockWithALongRunIsShownUncoloured() {
        let code = "let x = " + String(repeating: "[ ", count: 40) + "1"
        #expect(Highlighter.highlight(code) == HTML.escape(code))
        #expect(BracketRuns.firstTooLong(in: "let a = [[[1]]]\nlet b = [[2], [3]]") == nil)
        #expect(BracketRuns.firstTooLong(in: "a\n" + String(repeating: "[", count: 13)) == 2)
    }
}
