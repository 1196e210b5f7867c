/// YAML front matter: a `---` line first, `key: value` lines, and a closing `---` line.
///
/// Two keys mean something: `title:` (the page's title) and `data:` (the data files the
/// lesson's blocks read, comma-separated names in the `data/` folder beside the lesson); any
/// other key is an error rather than a silently ignored setting. Without it, Markdown would make
/// the block an `<hr>` and an `<h2>`.
struct FrontMatter {
    /// The `title:` value, if any.
    var title: String?
    /// Each `data:` name with its line, in the order declared.
    var dataNames: [(name: String, line: Int)] = []
    /// The Markdown with the front matter blanked (so line numbers stay).
    var markdown: String
    /// Unknown keys and malformed data names.
    var errors: [LessonError] = []

    /// Splits the front matter off `source`. It opens on the first line, or on line
    /// `opensAfter + 1` when the lines before it are blank: a translation's stamp comment, blanked
    /// before parsing, comes first and the front matter after it.
    init(_ source: String, path: String, opensAfter: Int = 0) {
        markdown = source
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let open = opensAfter
        guard lines.count > open + 1, lines[open] == "---", lines[..<open].allSatisfy(\.isEmpty) else { return }
        guard let close = lines.dropFirst(open + 1).firstIndex(where: { $0 == "---" || $0 == "..." }) else { return }
        for (offset, line) in lines[(open + 1)..<close].enumerated() where !line.allSatisfy(\.isWhitespace) {
            let lineNumber = open + offset + 2
            func fail(_ message: String) {
                errors.append(LessonError(stage: .parse, path: path, line: lineNumber, message: message))
            }
            guard let colon = line.firstIndex(of: ":"), ["title", "data"].contains(line[..<colon]) else {
                fail("front matter: only `title: …` and `data: …` are supported, not `\(line)`")
                continue
            }
            let value = Self.trimmed(line[line.index(after: colon)...])
            guard line[..<colon] == "data" else {
                title = String(Self.unquoted(value))
                continue
            }
            for name in value.split(separator: ",").map({ String(Self.trimmed($0)) }) {
                guard Self.isPlainName(name) else {
                    fail("front matter: data file `\(name)` must be a plain file name in the data/ folder "
                        + "(letters, digits, `.`, `_`, `-`)")
                    continue
                }
                dataNames.append((name, lineNumber))
            }
        }
        markdown = String(repeating: "\n", count: close + 1) + lines[(close + 1)...].joined(separator: "\n")
    }

    private static func trimmed(_ text: Substring) -> Substring {
        var value = text.trimmingPrefix(while: \.isWhitespace)
        while value.last?.isWhitespace == true { value.removeLast() }
        return value
    }

    private static func unquoted(_ value: Substring) -> Substring {
        guard value.count >= 2, let quote = value.first, quote == "\"" || quote == "'", value.last == quote
        else { return value }
        return value.dropFirst().dropLast()
    }

    /// No path separators, no `..`: a name can only reach a file inside `data/`.
    private static func isPlainName(_ name: String) -> Bool {
        guard !name.isEmpty, !name.hasPrefix(".") else { return false }
        return name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || $0 == "." || $0 == "_" || $0 == "-"
        }
    }
}
