import Testing
@testable import LessonKit

@Test func errorReadsLikeADiagnostic() {
    let e = LessonError(stage: .parse, path: "Lessons/a.md", line: 3, message: "unknown option 'x'")
    #expect(e.description == "Lessons/a.md:3: error: [parse] unknown option 'x'")
}
