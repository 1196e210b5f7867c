import Testing

@testable import LessonKit

@Suite struct DiagnosticTests {
    @Test func errorsKeepTheirExcerptAndTheNotesInTheLessonOnly() {
        let output = """
            L/a.md:6:3: warning: result of call to 'reshape' is unused
            t.reshape()
              ^
            L/a.md:9:5: error: no exact matches in call to instance method 'g'
            S().g(c: 1)
                ^
            L/a.md:8:17: note: incorrect labels for candidate (have: '(c:)', expected: '(a:)')
            struct S { func g(a: Int) {} }
                            ^
            /home/ci/.build/debug/Modules/Drop.swiftmodule:1:1: note: found this candidate
            /tmp/x/lesson.swift: note: in generated code
            C:/odd:path.md:3:1: error: a path with colons
            """
        let errors = Diagnostic.errors(in: output, lessonPath: "L/a.md")
        #expect(errors.map(\.file) == ["L/a.md", "C:/odd:path.md"])
        #expect(errors[0].line == 9 && errors[0].column == 5)
        #expect(errors[0].message == "no exact matches in call to instance method 'g'")
        #expect(
            errors[0].text == """
                L/a.md:9:5: error: no exact matches in call to instance method 'g'
                S().g(c: 1)
                    ^
                L/a.md:8:17: note: incorrect labels for candidate (have: '(c:)', expected: '(a:)')
                struct S { func g(a: Int) {} }
                                ^
                """)
        #expect(errors[1].line == 3 && errors[1].message == "a path with colons")
    }
}
