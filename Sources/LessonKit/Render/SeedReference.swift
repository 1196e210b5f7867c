/// Seeds written into shown code blocks, so that a PyTorch twin runs exactly as printed.
///
/// In a plain code block (a ```` ```python ```` twin), `{{seed}}` becomes the seed of the closest
/// run block above it, and `{{seed:NAME}}` the seed of the run block with `id=NAME`. The seeds
/// change with `--seed`; the twin on the page always matches the outputs beside it.
enum SeedReference {
    /// The block's HTML with its seed references filled in, or nil if it has none (cmark then
    /// renders it as usual). An unknown name, or `{{seed}}` above every run block, is an error.
    static func html(_ code: Markdown.FencedCode, in executed: ExecutedLesson) throws(LessonError)
        -> String?
    {
        guard code.literal.contains("{{seed") else { return nil }
        let lesson = executed.lesson
        var text = Substring(code.literal)
        var filled = ""
        while let open = text.firstRange(of: "{{seed") {
            // Unclosed: the rest is plain text, appended whole after the loop.
            guard let close = text[open.upperBound...].firstRange(of: "}}") else { break }
            filled += text[..<open.lowerBound]
            let name = text[open.upperBound..<close.lowerBound]
            let offset = code.literal[..<open.lowerBound].count(where: { $0 == "\n" })
            func failure(_ message: String) -> LessonError {
                LessonError(stage: .render, path: lesson.path, line: code.line + 1 + offset, message: message)
            }
            let block: RunBlock?
            if name.isEmpty {
                block = lesson.blocks.last { $0.fenceLine < code.line }
                guard block != nil else { throw failure("{{seed}} has no run block above it") }
            } else if name.first == ":" {
                block = lesson.blocks.first { $0.options.id == String(name.dropFirst()) }
                guard block != nil else { throw failure("no run block has id=\(name.dropFirst())") }
            } else {
                throw failure("write {{seed}} or {{seed:NAME}}, not {{seed\(name)}}")
            }
            filled += String(executed.results[block!.index].seed)
            text = text[close.upperBound...]
        }
        filled += text
        let language = code.info.split(separator: " ").first.map { " class=\"language-\($0)\"" } ?? ""
        return "<pre><code\(language)>" + HTML.escape(filled) + "</code></pre>\n"
    }
}
