/// Seeds written into shown code blocks, so that a PyTorch twin runs exactly as printed.
///
/// In a plain code block (a ```` ```python ```` twin), `{{seed}}` becomes the seed of the closest
/// run block above it, and `{{seed:NAME}}` the seed of the run block with `id=NAME`. The seeds
/// change with `--seed`; the twin on the page always matches the outputs beside it.
enum SeedReference {
    /// Whether `code` names any seed (else cmark renders it as usual).
    static func occurs(in code: Markdown.FencedCode) -> Bool { code.literal.contains("{{seed") }

    /// `code` split where seeds go, naming the run blocks of `blocks`; an unknown name, or
    /// `{{seed}}` above every run block, is an error at its line.
    static func resolve(_ code: Markdown.FencedCode, blocks: [RunBlock], path: String)
        -> Result<SeededCode, LessonFailures>
    {
        var text = Substring(code.literal)
        var pieces: [SeededCode.Piece] = []
        var errors: [LessonError] = []
        var line = code.line + 1
        while let open = text.firstRange(of: "{{seed") {
            // Unclosed: the rest is plain text, appended whole after the loop.
            guard let close = text[open.upperBound...].firstRange(of: "}}") else { break }
            let before = text[..<open.lowerBound]
            line += before.count(where: { $0 == "\n" })
            pieces.append(.text(String(before)))
            let name = text[open.upperBound..<close.lowerBound]
            func failure(_ message: String) { errors.append(LessonError(stage: .parse, path: path, line: line, message: message)) }
            let block: RunBlock?
            if name.isEmpty {
                block = blocks.last { $0.fenceLine < code.line }
                if block == nil { failure("{{seed}} has no run block above it") }
            } else if name.first == ":" {
                block = blocks.first { $0.options.id == String(name.dropFirst()) }
                if block == nil { failure("no run block has id=\(name.dropFirst())") }
            } else {
                block = nil
                failure("write {{seed}} or {{seed:NAME}}, not {{seed\(name)}}")
            }
            if let block { pieces.append(.seed(ofBlock: block.index)) }
            line += name.count(where: { $0 == "\n" })
            text = text[close.upperBound...]
        }
        pieces.append(.text(String(text)))
        guard errors.isEmpty else { return .failure(LessonFailures(errors)) }
        let language = code.info.split(separator: " ").first.map(String.init)
        return .success(SeededCode(language: language, line: code.line, pieces: pieces.filter { $0 != .text("") }))
    }
}
