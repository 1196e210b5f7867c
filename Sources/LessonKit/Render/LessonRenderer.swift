/// A lesson turned into HTML, waiting for its page.
struct RenderedLesson: Sendable {
    /// An entry of the in-page table of contents.
    struct Section: Sendable, Hashable {
        /// 2 or 3.
        var level: Int
        /// The heading's `id`.
        var id: String
        /// The heading's text.
        var text: String
    }

    /// The lesson file's name (`01-dropout.md`).
    var name: String
    /// The page's file name (`01-dropout.html`).
    var page: String
    /// The text of the first `#` heading, else the file name without `.md`.
    var title: String
    /// The first paragraph's content, as HTML.
    var summaryHTML: String?
    /// The body, ready to sit in `<article>`.
    var bodyHTML: String
    /// The `##` and `###` headings.
    var sections: [Section]
}

/// Renders one executed lesson's Markdown, splicing in its run blocks and formulas.
enum LessonRenderer {
    /// Renders `executed`; a malformed formula or a run block cmark does not see is an error.
    static func render(_ executed: ExecutedLesson) throws(LessonError) -> RenderedLesson {
        let lesson = executed.lesson
        func failure(_ line: Int?, _ message: String) -> LessonError {
            LessonError(stage: .render, path: lesson.path, line: line, message: message)
        }
        for (offset, line) in lesson.source.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where Placeholder.block.occurs(in: line) || Placeholder.math.occurs(in: line) {
            throw failure(offset + 1, "private-use characters U+E000…U+E011 are reserved by the renderer")
        }

        let markdown: String, formulas: [MathSpan]
        do {
            (markdown, formulas) = try MathExtractor.extract(
                from: lesson.source, verbatimLines: Markdown.verbatimLineRanges(in: lesson.source))
        } catch {
            throw failure(error.line, error.message)
        }

        let runBlocks = Dictionary(uniqueKeysWithValues: lesson.blocks.map { ($0.fenceLine, $0) })
        var injected = Set<Int>()
        var slugger = Slugger(reserving: lesson.blocks.map { "run-\($0.index + 1)" })
        var sections: [RenderedLesson.Section] = []
        var title: String?
        let rendered = try Markdown.render(
            markdown,
            codeBlock: { (code) throws(LessonError) -> String? in
                if let block = runBlocks[code.line] {
                    injected.insert(block.index)
                    return RunBlockRenderer.html(block, executed.results[block.index])
                }
                switch code.info.split(separator: " ").first {
                case "math":
                    do throws(MathError) {
                        return try MathML.convert(code.literal, display: true, line: code.line + 1)
                    } catch {
                        throw failure(error.line, error.message)
                    }
                case "swift": return Highlighter.codeBlock(code.literal)
                default: return try SeedReference.html(code, in: executed)
                }
            },
            heading: { heading in
                let text = plainText(heading.text, formulas)
                let id = slugger.slug(for: text)
                if heading.level == 1, title == nil { title = text }
                if heading.level == 2 || heading.level == 3 {
                    sections.append(.init(level: heading.level, id: id, text: text))
                }
                let tag = "h\(heading.level)"
                return "<\(tag) id=\"\(id)\">\(heading.innerHTML) <a class=\"anchor\" href=\"#\(id)\" "
                    + "aria-label=\"Link to this section\">#</a></\(tag)>\n"
            })
        if let missed = lesson.blocks.first(where: { !injected.contains($0.index) }) {
            throw LessonError(
                stage: .render, path: lesson.path, line: missed.fenceLine, block: missed.index,
                message: "cmark-gfm sees no fenced code block here, so the output has nowhere to go")
        }

        func typeset(_ html: String) throws(LessonError) -> String {
            try Placeholder.math.substitute(in: html) { (index) throws(LessonError) -> String in
                let formula = formulas[index]
                do throws(MathError) {
                    return try MathML.convert(formula.tex, display: formula.display, line: formula.line)
                } catch {
                    throw failure(error.line, error.message)
                }
            }
        }
        let stem = lesson.name.hasSuffix(".md") ? String(lesson.name.dropLast(3)) : lesson.name
        return RenderedLesson(
            name: lesson.name, page: stem + ".html", title: title ?? stem,
            summaryHTML: try rendered.firstParagraphHTML.map(typeset), bodyHTML: try typeset(rendered.html),
            sections: sections)
    }

    /// Heading text as plain text: formulas read as their TeX.
    private static func plainText(_ text: String, _ formulas: [MathSpan]) -> String {
        Placeholder.math.substitute(in: text) { formulas[$0].tex }
    }
}
