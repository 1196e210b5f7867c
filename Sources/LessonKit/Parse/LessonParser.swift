/// Parses a lesson once: its run blocks (fenced code blocks whose info string is `swift run`,
/// optionally followed by `hide`, `silent`, `should-fail`, `id=NAME`, `timeout=SECONDS`), and the
/// page around them, with every authoring check done before anything is compiled.
public enum LessonParser {
    /// Parses the Markdown `source` of the lesson at `path` (named in messages), or reports
    /// every authoring error it has: options, formulas, seed references, raw HTML, front
    /// matter (and declared data files that cannot be read), and run blocks that leave a
    /// string, comment or bracket open.
    ///
    /// Any line ending works (LF, CRLF, CR). Plain ```` ```swift ```` blocks are shown, never run.
    ///
    /// A translation is parsed with `translationOf`, its source's path: its first line is its
    /// stamp (blanked), so its front matter may open on line 2, and the data files it declares
    /// are its source's, in the `data/` folder beside the source.
    public static func parse(path: String, source: String, translationOf: String? = nil) throws(LessonFailures) -> Lesson {
        let text = LineEndings.normalized(source)
        let front = FrontMatter(text, path: path, opensAfter: translationOf == nil ? 0 : 1)
        let data = DataFiles.resolve(front.dataNames, lessonPath: path, folderOf: translationOf ?? path)
        let builder = DocumentBuilder(path: path, lines: text.split(separator: "\n", omittingEmptySubsequences: false))
        builder.errors = front.errors + data.errors
        let parsed = Markdown.parse(front.markdown, builder.handlers)
        let body = builder.fragments(parsed.body)
        let summary = parsed.firstParagraph.map(builder.fragments)
        guard builder.errors.isEmpty else { throw LessonFailures(builder.errors) }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let title = front.title ?? builder.firstHeading
        let document = LessonDocument(
            title: title, summary: summary, sections: builder.sections, body: body,
            labels: builder.labels.sorted { $0.line < $1.line },
            searchSections: searchSections(parsed.passages, headings: builder.headings, title: title ?? name))
        return Lesson(
            path: path, name: name, source: source, blocks: builder.blocks, document: document,
            dataFiles: data.files)
    }

    /// The passages of the page as search sections: the top of the page (with the `#` heading)
    /// and one per `##` or `###` heading, deeper headings folded into theirs.
    private static func searchSections(
        _ passages: [String], headings: [(level: Int, id: String, text: String)], title: String
    ) -> [LessonDocument.SearchSection] {
        var sections = [LessonDocument.SearchSection(id: nil, title: title, text: passages[0])]
        for (heading, passage) in zip(headings, passages.dropFirst()) {
            if heading.level == 2 || heading.level == 3 {
                sections.append(.init(id: heading.id, title: heading.text, text: passage))
            } else {
                sections[heading.level == 1 ? 0 : sections.count - 1].text += "\n" + passage
            }
        }
        return sections
    }
}
