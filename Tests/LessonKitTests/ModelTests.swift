import Testing
@testable import LessonKit

@Test func errorReadsLikeADiagnostic() {
    let e = LessonError(stage: .parse, path: "Lessons/a.md", line: 3, message: "unknown option 'x'")
    #expect(e.description == "Lessons/a.md:3: error: [parse] unknown option 'x'")
}

@Test func cmarkFindsFencedBlocksWithTheirLines() {
    let source = "# T\n\n```swift run hide\nprint(1)\n```\n\n- item\n\n  ```python\n  x\n  ```\n"
    let blocks = Markdown.fencedCodeBlocks(in: source)
    #expect(blocks.map(\.info) == ["swift run hide", "python"])
    #expect(blocks.map(\.line) == [3, 9])
    #expect(blocks[0].literal == "print(1)\n")
}
