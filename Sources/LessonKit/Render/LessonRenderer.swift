/// A lesson turned into HTML, waiting for its page.
struct RenderedLesson: Sendable {
    /// The lesson file's name (`01-dropout.md`).
    var name: String
    /// The page's file name (`01-dropout.html`).
    var page: String
    /// The front matter's or first `#` heading's title, else the file name without `.md`.
    var title: String
    /// The first paragraph's content, as HTML.
    var summaryHTML: String?
    /// The body, ready to sit in `<article>`.
    var bodyHTML: String
    /// The `##` and `###` headings.
    var sections: [LessonDocument.Section]
}

/// Fills a parsed lesson's holes with what its run blocks produced.
enum LessonRenderer {
    /// Renders `executed`; only a figure outside the SVG allow-list can fail.
    static func render(_ executed: ExecutedLesson) throws(LessonError) -> RenderedLesson {
        let lesson = executed.lesson, document = lesson.document
        var body = ""
        for fragment in document.body {
            switch fragment {
            case .html(let html): body += html
            case .run(let index, let codeHTML):
                body += try RunBlockRenderer.html(lesson.blocks[index], codeHTML: codeHTML, executed.results[index], path: lesson.path)
            case .seeded(let code):
                body += code.html { executed.results[$0].seed }
            }
        }
        let stem = lesson.name.hasSuffix(".md") ? String(lesson.name.dropLast(3)) : lesson.name
        return RenderedLesson(
            name: lesson.name, page: stem + ".html", title: document.title ?? stem,
            summaryHTML: document.summaryHTML, bodyHTML: body, sections: document.sections)
    }
}

extension SeededCode {
    /// The block as cmark would show it, with `seed(block)` written where each seed goes.
    func html(seed: (Int) -> UInt64) -> String {
        var text = ""
        for piece in pieces {
            switch piece {
            case .text(let written): text += written
            case .seed(let block): text += String(seed(block))
            }
        }
        // The info string is the author's: escaped, it cannot leave the attribute.
        let languageClass = language.map { " class=\"language-\(HTML.escape($0))\"" } ?? ""
        return "<pre><code\(languageClass)>" + HTML.escape(text) + "</code></pre>\n"
    }
}
