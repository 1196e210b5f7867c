import Synchronization
import Testing

@testable import LessonKit

/// What the preview's re-parses and re-renders lean on: each distinct input computed once.
@Suite struct ServeMemoTests {
    struct Odd: Error {}

    @Test func eachKeyIsComputedOnceFailuresAreNotKeptAndTheTableIsBounded() throws {
        let memo = Memo<Int, Int>(limit: 2)
        let calls = Mutex(0)
        func square(_ x: Int) throws(Odd) -> Int {
            calls.withLock { $0 += 1 }
            guard x % 2 == 0 else { throw Odd() }
            return x * x
        }
        #expect(try memo.value(for: 2, square) == 4)
        #expect(try memo.value(for: 2, square) == 4)
        #expect(calls.withLock { $0 } == 1)
        #expect(throws: Odd.self) { try memo.value(for: 3, square) }
        #expect(throws: Odd.self) { try memo.value(for: 3, square) }
        #expect(calls.withLock { $0 } == 3, "a failure is computed again")
        _ = try memo.value(for: 4, square)
        _ = try memo.value(for: 6, square)  // past the limit: the table starts afresh
        _ = try memo.value(for: 2, square)
        #expect(calls.withLock { $0 } == 6)
    }

    @Test func highlightingIsTheSameRememberedOrNot() {
        let code = "let x = randn(2, 3)\nprint(x)\n"
        #expect(Highlighter.codeBlock(code) == Highlighter.codeBlock(code))
        #expect(Highlighter.codeBlock(code).contains("<span class=\"kw\">let</span>"))
    }
}
