@testable import LessonKit

/// Lessons without run blocks, parsed and rendered, for tests about what a page holds.
enum ParsedPage {
    /// The body HTML of the lesson `markdown`.
    static func body(_ markdown: String) throws -> String {
        try rendered(markdown).bodyHTML
    }

    static func rendered(_ markdown: String, path: String = "Lessons/a.md") throws -> RenderedLesson {
        let lesson = try LessonParser.parse(path: path, source: markdown)
        return try LessonRenderer.render(ExecutedLesson(lesson: lesson, results: lesson.blocks.map { _ in BlockResult(seed: 0, items: []) }))
    }
}
