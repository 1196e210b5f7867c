/// YAML front matter: a `---` line first, `key: value` lines, and a closing `---` line.
///
/// Only `title:` means something (the page's title); any other key is an error rather than a
/// silently ignored setting. Without it, Markdown would make the block an `<hr>` and an `<h2>`.
enum FrontMatter {
    /// The title, the Markdown with the front matter blanked (so line numbers stay), and errors.
    static func split(_ source: String, path: String) -> (title: String?, markdown: String, errors: [LessonError]) {
        guard source.hasPrefix("---\n") else { return (nil, source, []) }
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard let close = lines.dropFirst().firstIndex(where: { $0 == "---" || $0 == "..." }) else {
            return (nil, source, [])
        }
        var title: String?, errors: [LessonError] = []
        for (offset, line) in lines[1..<close].enumerated() where !line.allSatisfy(\.isWhitespace) {
            let lineNumber = offset + 2
            guard let colon = line.firstIndex(of: ":"), line[..<colon] == "title" else {
                errors.append(
                    LessonError(
                        stage: .parse, path: path, line: lineNumber,
                        message: "front matter: only `title: …` is supported, not `\(line)`"))
                continue
            }
            var value = line[line.index(after: colon)...].trimmingPrefix(while: \.isWhitespace)
            while value.last?.isWhitespace == true { value.removeLast() }
            if value.count >= 2, let quote = value.first, quote == "\"" || quote == "'", value.last == quote {
                value = value.dropFirst().dropLast()
            }
            title = String(value)
        }
        let blanked = String(repeating: "\n", count: close + 1) + lines[(close + 1)...].joined(separator: "\n")
        return (title, blanked, errors)
    }
}
