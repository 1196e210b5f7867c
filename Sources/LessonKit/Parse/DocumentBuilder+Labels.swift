/// Labels and references: `{#fig:NAME}` captions after run blocks, `{#tbl:NAME}` captions after
/// tables, `$$…$$ {#eq:NAME}` equations, and `@fig:NAME` references in prose. The numbers are
/// holes, filled when the whole course is known (`CrossReferences`), since a reference may name
/// a label of another lesson.
extension DocumentBuilder {
    /// Records the label `text` (what `{#…}` holds) found at `line`, unless it is malformed, of
    /// another kind than `kind` or already used in this lesson.
    func register(_ text: String, as kind: Label.Kind, line: Int) -> Label.Key? {
        let key: Label.Key
        do throws(LabelError) {
            key = try Label.Key(parsing: Substring(text))
        } catch {
            fail(line, error.message)
            return nil
        }
        guard key.kind == kind else {
            fail(line, "{#\(text)}: \(Self.placement(of: key.kind))")
            return nil
        }
        if let first = labels.first(where: { $0.key == key }) {
            fail(line, "label {#\(text)} is already used at line \(first.line)")
            return nil
        }
        labels.append(Label(key: key, line: line))
        return key
    }

    /// Where each kind of label is written, for messages.
    static func placement(of kind: Label.Kind) -> String {
        switch kind {
        case .figure: "a figure's label opens the paragraph right after its run block: {#fig:NAME} Caption…"
        case .table: "a table's label opens the paragraph right after the table: {#tbl:NAME} Caption…"
        case .equation: "an equation's label follows its formula: $$…$$ {#eq:NAME}, or ```math {#eq:NAME}"
        }
    }

    /// A display formula numbered as `label`: its MathML with the number at the right.
    func equation(_ mathML: String, label: String, line: Int) -> String {
        guard let key = register(label, as: .equation, line: line) else { return mathML }
        return "<span class=\"equation\" id=\"\(key.anchor)\">\(mathML)<span class=\"equation-number\">("
            + hole(.labelNumber(key, withWord: false)) + ")</span></span>"
    }

    /// The label of a ```` ```math {#eq:NAME} ```` block's info string.
    func labelWord(_ word: Substring, line: Int) -> String? {
        guard word.hasPrefix("{#"), word.hasSuffix("}") else {
            fail(line, "```math takes only a label: ```math {#eq:NAME}")
            return nil
        }
        return String(word.dropFirst(2).dropLast())
    }

    /// A caption paragraph: a `<figure>` around the run block or table it follows.
    func caption(_ caption: Markdown.Caption) -> Markdown.CaptionPlacement {
        let none = Markdown.CaptionPlacement(opening: "", closing: "")
        // A malformed label is reported by `register`, whatever kind it is asked for.
        let kind = (try? Label.Key(parsing: Substring(caption.label)))?.kind ?? .figure
        guard kind != .equation else {
            fail(caption.line, "{#\(caption.label)}: \(Self.placement(of: .equation))")
            return none
        }
        guard let key = register(caption.label, as: kind, line: caption.line) else { return none }
        let number = "<span class=\"caption-number\">" + hole(.labelNumber(key, withWord: true)) + ".</span>"
        let figcaption = "<figcaption>\(number) \(caption.innerHTML)</figcaption>"
        switch (key.kind, caption.follows) {
        case (.figure, .fencedCode(let line)) where blocks.contains(where: { $0.fenceLine == line }):
            return .init(opening: "<figure class=\"numbered\" id=\"\(key.anchor)\">", closing: figcaption + "\n</figure>")
        case (.table, .table):
            return .init(opening: "<figure class=\"numbered table\" id=\"\(key.anchor)\">\n" + figcaption, closing: "</figure>")
        default:
            fail(caption.line, "{#\(caption.label)}: \(Self.placement(of: key.kind))")
            return none
        }
    }

    /// Prose with its references as holes; nil when it has none. A label left in prose (not
    /// where a label goes) is an error.
    func text(_ text: Markdown.Text) -> String? {
        if let stray = text.text.firstRange(of: "{#"),
            Label.Kind.allCases.contains(where: { text.text[stray.upperBound...].hasPrefix($0.rawValue + ":") })
        {
            let label = text.text[stray.lowerBound...].prefix { $0 != "}" }
            let kind = Label.Kind.allCases.first { text.text[stray.upperBound...].hasPrefix($0.rawValue + ":") }!
            fail(text.line, "\(label)}: \(Self.placement(of: kind))")
        }
        let references = Self.references(in: text.text)
        guard !references.isEmpty else { return nil }
        var html = "", copied = text.text.startIndex
        for (range, key) in references {
            html += HTML.escape(String(text.text[copied..<range.lowerBound]))
            html += hole(.reference(key, line: text.line))
            copied = range.upperBound
        }
        return html + HTML.escape(String(text.text[copied...]))
    }

    /// Every `@fig:NAME`, `@eq:NAME`, `@tbl:NAME` in `text` that does not continue a word
    /// (so `me@fig:x` is no reference).
    static func references(in text: String) -> [(Range<String.Index>, Label.Key)] {
        var found: [(Range<String.Index>, Label.Key)] = []
        var i = text.startIndex
        while let at = text[i...].firstIndex(of: "@") {
            i = text.index(after: at)
            if at > text.startIndex, Label.Key.isNameCharacter(text[text.index(before: at)]) { continue }
            guard let kind = Label.Kind.allCases.first(where: { text[i...].hasPrefix($0.rawValue + ":") }) else { continue }
            let nameStart = text.index(i, offsetBy: kind.rawValue.count + 1)
            let name = text[nameStart...].prefix(while: Label.Key.isNameCharacter)
            // A name may not end in '-' or '_': "see @fig:a-" is a reference to `a`.
            let trimmed = name.reversed().drop { $0 == "-" || $0 == "_" }.count
            guard trimmed > 0 else { continue }
            let end = text.index(nameStart, offsetBy: trimmed)
            found.append((at..<end, Label.Key(kind: kind, name: String(text[nameStart..<end]))))
            i = end
        }
        return found
    }
}
