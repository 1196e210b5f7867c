import Foundation

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
    /// The page's words by section.
    var searchSections: [LessonDocument.SearchSection]
    /// The site paths of the lesson's programs to take away (`downloads/01-dropout.swift`, …).
    var downloads: [String] = []
    /// The `lang` of the article when it is not the page's: a lesson shown untranslated.
    var lang: String?
}

/// Fills a parsed lesson's holes with what its run blocks produced and its labels' numbers.
enum LessonRenderer {
    /// Renders `executed`, its labels numbered by `references` (none: a lesson alone); only a
    /// figure outside the SVG allow-list can fail.
    static func render(
        _ executed: ExecutedLesson, references: CrossReferences = .init(), interface: Interface = .english
    ) throws(LessonError) -> RenderedLesson {
        let lesson = executed.lesson, document = lesson.document
        func html(_ fragments: [LessonDocument.Fragment], on page: String) throws(LessonError) -> String {
            var body = ""
            for fragment in fragments {
                switch fragment {
                case .html(let html): body += anchors(html)
                case .run(let index, let codeHTML):
                    body += try RunBlockRenderer.html(
                        lesson.blocks[index], codeHTML: codeHTML, executed.results[index], path: lesson.path, interface: interface)
                case .seeded(let code):
                    body += code.html { executed.results[$0].seed }
                case .labelNumber(let key, let withWord): body += references.number(key, withWord: withWord)
                case .reference(let key, _): body += references.link(key, from: page)
                }
            }
            return body
        }
        // A heading's link says what it is in the page's language (the parser writes English).
        let label = "aria-label=\"\(HTML.escape(interface.headingLink))\">#</a></h"
        func anchors(_ html: String) -> String {
            interface.headingLink == Interface.english.headingLink
                ? html : html.replacingOccurrences(of: "aria-label=\"Link to this section\">#</a></h", with: label)
        }
        // The summary sits on the front page: its references link to their lessons.
        var summary: String?
        if let fragments = document.summary { summary = try html(fragments, on: "index.html") }
        return RenderedLesson(
            name: lesson.name, page: lesson.pageName, title: document.title ?? lesson.stem,
            summaryHTML: summary, bodyHTML: try html(document.body, on: lesson.pageName), sections: document.sections,
            searchSections: document.searchSections)
    }
}

extension Lesson {
    /// The file name without `.md`: `01-dropout`, which names the page and the downloads.
    var stem: String { name.hasSuffix(".md") ? String(name.dropLast(3)) : name }
    /// The lesson's page: `01-dropout.html`.
    var pageName: String { stem + ".html" }
}

extension SeededCode {
    /// The block as cmark would show it, with `seed(block)` written where each seed goes.
    func html(seed: (Int) -> UInt64) -> String {
        // The info string is the author's: escaped, it cannot leave the attribute.
        let languageClass = language.map { " class=\"language-\(HTML.escape($0))\"" } ?? ""
        return "<pre><code\(languageClass)>" + HTML.escape(text(seed: seed)) + "</code></pre>\n"
    }

    /// The block's text with `seed(block)` written where each seed goes, as the page shows it.
    func text(seed: (Int) -> UInt64) -> String {
        var text = ""
        for piece in pieces {
            switch piece {
            case .text(let written): text += written
            case .seed(let block): text += String(seed(block))
            }
        }
        return text
    }
}
