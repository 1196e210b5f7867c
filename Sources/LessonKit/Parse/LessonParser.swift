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
    public static func parse(path: String, source: String) throws(LessonFailures) -> Lesson {
        let text = LineEndings.normalized(source)
        let front = FrontMatter(text, path: path)
        let data = DataFiles.resolve(front.dataNames, lessonPath: path)
        let builder = DocumentBuilder(path: path, lines: text.split(separator: "\n", omittingEmptySubsequences: false))
        builder.errors = front.errors + data.errors
        let parsed = Markdown.parse(front.markdown, builder.handlers)
        let body = builder.fragments(parsed.body)
        guard builder.errors.isEmpty else { throw LessonFailures(builder.errors) }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let document = LessonDocument(
            title: front.title ?? builder.firstHeading, summaryHTML: parsed.firstParagraphHTML,
            sections: builder.sections, body: body)
        return Lesson(
            path: path, name: name, source: source, blocks: builder.blocks, document: document,
            dataFiles: data.files)
    }
}
