/// Decides, node by node, what a lesson's page holds, and collects every authoring error on
/// the way: `LessonParser` hands its `handlers` to `Markdown.parse`.
final class DocumentBuilder {
    let path: String
    /// The lesson's lines (LF endings), for the columns in front of a fence.
    let lines: [Substring]
    var errors: [LessonError] = []
    private(set) var blocks: [RunBlock] = []
    private(set) var sections: [LessonDocument.Section] = []
    private(set) var firstHeading: String?
    /// Every heading's level, `id` and text, in order (the search index's sections).
    private(set) var headings: [(level: Int, id: String, text: String)] = []
    /// The labels found so far, in the order found (`LessonParser` sorts them by line).
    var labels: [Label] = []
    /// What each hole of the body holds, by hole number.
    private var holes: [Hole] = []
    private var identities: [String: Int] = [:]  // identity → fence line of the first block using it
    private var slugger: Slugger?

    enum Hole {
        case run(index: Int, codeHTML: String?)
        case seeded(Markdown.FencedCode)
        case labelNumber(Label.Key, withWord: Bool)
        case reference(Label.Key, line: Int)
    }

    /// A new hole holding `hole`, as the HTML that stands for it.
    func hole(_ hole: Hole) -> String {
        holes.append(hole)
        return Markdown.hole(holes.count - 1)
    }

    init(path: String, lines: [Substring]) {
        self.path = path
        self.lines = lines
    }

    var handlers: Markdown.Handlers {
        Markdown.Handlers(
            math: { [unowned self] in math($0) }, rawHTML: { [unowned self] in rawHTML($0) },
            linkTarget: { [unowned self] in linkTarget($0) },
            codeBlock: { [unowned self] in codeBlock($0) }, heading: { [unowned self] in heading($0) },
            caption: { [unowned self] in caption($0) }, text: { [unowned self] in text($0) })
    }

    /// The body, holes filled with what they stand for; seed references resolved now that
    /// every run block is known.
    func fragments(_ pieces: [Markdown.Piece]) -> [LessonDocument.Fragment] {
        pieces.map { piece in
            switch piece {
            case .html(let html): return .html(html)
            case .hole(let number):
                switch holes[number] {
                case .run(let index, let codeHTML): return .run(index: index, codeHTML: codeHTML)
                case .labelNumber(let key, let withWord): return .labelNumber(key, withWord: withWord)
                case .reference(let key, let line): return .reference(key, line: line)
                case .seeded(let code):
                    switch SeedReference.resolve(code, blocks: blocks, path: path) {
                    case .success(let seeded): return .seeded(seeded)
                    case .failure(let failures):
                        errors += failures.errors
                        return .html("")
                    }
                }
            }
        }
    }

    func fail(_ line: Int, block: Int? = nil, _ message: String) {
        errors.append(LessonError(stage: .parse, path: path, line: line, block: block, message: message))
    }

    private func math(_ formula: Markdown.Math) -> String {
        do throws(MathError) {
            let mathML = try MathML.convert(formula.tex, display: formula.display, line: formula.line)
            return formula.label.map { equation(mathML, label: $0, line: formula.line) } ?? mathML
        } catch {
            fail(error.line, error.message)
            return ""
        }
    }

    private func rawHTML(_ raw: Markdown.RawHTML) -> String {
        switch Sanitizer(policy: .lesson).sanitize(raw.html) {
        case .success(let html): return html
        case .failure(let refusal):
            fail(raw.line + refusal.lineOffset, "raw HTML: \(refusal.message)")
            return ""
        }
    }

    /// Markdown links and images follow the raw-HTML rules for `href` and `src`.
    private func linkTarget(_ target: Markdown.LinkTarget) {
        let url = URLCheck(target.url)
        if target.isImage, !url.isLocal {
            fail(target.line, "image \(target.url): only files of the site load (no scheme, no //host)")
        } else if !target.isImage, !url.isLink {
            fail(target.line, "link \(target.url): links go to the site's pages, #fragments, http(s): or mailto:")
        }
    }

    private func codeBlock(_ code: Markdown.FencedCode) -> Markdown.Replacement {
        let words = code.info.split(whereSeparator: { $0 == " " || $0 == "\t" })
        if words.count >= 2, words[0] == "swift", words[1] == "run" { return runBlock(code, options: words.dropFirst(2)) }
        switch words.first {
        case "math":
            let label = words.count > 1 ? labelWord(words[1], line: code.line) : nil
            return .html(math(Markdown.Math(tex: code.literal, display: true, line: code.line + 1, label: label)))
        case "swift": return .html(Highlighter.codeBlock(code.literal))
        default:
            // A twin (seeded, or a whole program that imports) is kept as a value for the downloads.
            guard SeedReference.occurs(in: code) || (words.first == "python" && Self.imports(code.literal)) else {
                return .keep
            }
            return .html(hole(.seeded(code)))
        }
    }

    /// Whether Python `code` is a program of its own rather than a quoted line: it imports.
    private static func imports(_ code: String) -> Bool {
        code.split(separator: "\n").contains { $0.hasPrefix("import ") || $0.hasPrefix("from ") }
    }

    private func runBlock(_ code: Markdown.FencedCode, options words: ArraySlice<Substring>) -> Markdown.Replacement {
        let index = blocks.count
        var options = RunOptions()
        do throws(RunOptions.OptionError) {
            options = try RunOptions(parsing: words)
        } catch {
            fail(code.line, error.message)
        }
        let fence = code.line - 1 < lines.count ? lines[code.line - 1].utf8 : Substring().utf8
        let indent = fence.prefix { $0 != UInt8(ascii: "`") && $0 != UInt8(ascii: "~") }.count
        let block = RunBlock(
            index: index, fenceLine: code.line, codeLine: code.line + 1, code: code.literal, options: options,
            indent: indent)
        if let first = identities[block.identity] {
            fail(code.line, block: index, "id=\(block.identity) is already used by the block at line \(first)")
        }
        identities[block.identity] = identities[block.identity] ?? code.line
        if let line = BracketRuns.firstTooLong(in: code.literal) {
            fail(
                block.codeLine + line - 1, block: index,
                "more than \(BracketRuns.limit) '[' in a row: Swift's parser would take minutes; name a part")
        } else {
            for open in OpenConstructs.find(in: code.literal) {
                fail(
                    block.codeLine + open.line - 1, block: index,
                    "the block leaves \(open.what) open, which would swallow the code after it")
            }
        }
        blocks.append(block)
        return .html(hole(.run(index: index, codeHTML: options.hide ? nil : Highlighter.codeBlock(code.literal))))
    }

    private func heading(_ heading: Markdown.Heading) -> String {
        if slugger == nil {
            slugger = Slugger(reserving: blocks.map { "run-\($0.index + 1)" } + labels.map(\.key.anchor))
        }
        let id = slugger!.slug(for: heading.text)
        headings.append((heading.level, id, heading.text))
        if heading.level == 1, firstHeading == nil { firstHeading = heading.text }
        if heading.level == 2 || heading.level == 3 {
            sections.append(.init(level: heading.level, id: id, text: heading.text))
        }
        let tag = "h\(heading.level)"
        return "<\(tag) id=\"\(id)\">\(heading.innerHTML) <a class=\"anchor\" href=\"#\(id)\" "
            + "aria-label=\"Link to this section\">#</a></\(tag)>\n"
    }
}
