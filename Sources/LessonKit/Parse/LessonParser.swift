/// Finds a lesson's run blocks: fenced code blocks whose info string is `swift run`,
/// optionally followed by options (`hide`, `silent`, `should-fail`, `id=NAME`, `timeout=SECONDS`).
public enum LessonParser {
    /// Parses the Markdown `source` of the lesson at `path` (named in messages).
    ///
    /// Plain ```` ```swift ```` blocks are left alone: they are shown, never run.
    public static func parse(path: String, source: String) throws(LessonError) -> Lesson {
        var blocks: [RunBlock] = []
        var identities: [String: Int] = [:]  // identity → fence line of the first block using it
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        for fenced in Markdown.fencedCodeBlocks(in: source) {
            let words = fenced.info.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard words.count >= 2, words[0] == "swift", words[1] == "run" else { continue }
            let options = try parseOptions(words.dropFirst(2), path: path, line: fenced.line)
            let fenceLine = lines[fenced.line - 1].utf8
            let indent = fenceLine.prefix { $0 != UInt8(ascii: "`") && $0 != UInt8(ascii: "~") }.count
            let block = RunBlock(
                index: blocks.count, fenceLine: fenced.line, codeLine: fenced.line + 1,
                code: fenced.literal, options: options, indent: indent)
            if let first = identities[block.identity] {
                throw LessonError(
                    stage: .parse, path: path, line: fenced.line, block: block.index,
                    message: "id=\(block.identity) is already used by the block at line \(first)")
            }
            identities[block.identity] = fenced.line
            blocks.append(block)
        }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return Lesson(path: path, name: name, source: source, blocks: blocks)
    }

    private static func parseOptions(
        _ words: ArraySlice<Substring>, path: String, line: Int
    ) throws(LessonError) -> RunOptions {
        func fail(_ message: String) -> LessonError {
            LessonError(stage: .parse, path: path, line: line, message: message)
        }
        var options = RunOptions()
        for word in words {
            let (key, value) = word.firstIndex(of: "=").map {
                (word[..<$0], Optional(String(word[word.index(after: $0)...])))
            } ?? (word, nil)
            switch (key, value) {
            case ("hide", nil): options.hide = true
            case ("silent", nil): options.silent = true
            case ("should-fail", nil): options.shouldFail = true
            case ("id", let name?):
                // The name is a seed identity, never a position like `#3`.
                guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) })
                else { throw fail("id=\(name): a name is letters, digits, '-', '_' or '.'") }
                options.id = name
            case ("timeout", let seconds?):
                guard let limit = Double(seconds), limit > 0, limit.isFinite else {
                    throw fail("timeout=\(seconds): expected a positive number of seconds")
                }
                options.timeout = limit
            case ("hide", _), ("silent", _), ("should-fail", _):
                throw fail("option '\(key)' takes no value")
            case ("id", nil), ("timeout", nil):
                throw fail("option '\(key)' needs a value: \(key)=…")
            default:
                throw fail(
                    "unknown option '\(word)' (expected hide, silent, should-fail, id=NAME, timeout=SECONDS)")
            }
        }
        if options.hide && options.silent {
            throw fail("'hide' and 'silent' together would show nothing")
        }
        return options
    }
}
