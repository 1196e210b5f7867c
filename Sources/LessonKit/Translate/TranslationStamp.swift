/// The first line of a translation: `<!-- translation-of: 01-dropout.md blocks: 3f2a…e1 -->`,
/// naming its source and the hash of the source's programs when the translation was last
/// checked against it (`pending` until then). `lessons stamp` writes it.
struct TranslationStamp: Sendable, Hashable {
    static let opening = "<!-- translation-of: "
    /// What a translator writes before the translation is checked.
    static let pending = "pending"

    /// The source's file name.
    var source: String
    /// `TranslationStamp.hash(of:)` of the source when stamped, or `pending`.
    var hash: String

    /// The stamp as written on the first line.
    var line: String { "\(Self.opening)\(source) blocks: \(hash) -->" }

    /// The stamp on the first line of `text`, if it has one.
    init?(firstLineOf text: String) {
        let first = text.prefix { $0 != "\n" && $0 != "\r" }
        guard first.hasPrefix(Self.opening), first.hasSuffix(" -->") else { return nil }
        let body = first.dropFirst(Self.opening.count).dropLast(4).split(separator: " ")
        guard body.count == 3, body[1] == "blocks:" else { return nil }
        self.init(source: String(body[0]), hash: String(body[2]))
    }

    init(source: String, hash: String) {
        self.source = source
        self.hash = hash
    }

    /// `text` with its stamp line blank, so that the parser sees no raw HTML and lines keep
    /// their numbers.
    static func blanked(_ text: String) -> String {
        guard text.hasPrefix(opening) else { return text }
        return String(text.drop { $0 != "\n" && $0 != "\r" })
    }

    /// `text` with `stamp` as its first line (replacing the one it has, if any).
    static func stamped(_ text: String, with stamp: TranslationStamp) -> String {
        text.hasPrefix(opening) ? stamp.line + blanked(text) : stamp.line + "\n" + text
    }

    /// What a translation must match: every run block's options and code, and every PyTorch
    /// twin, as written in the source (comments and strings too, so that a changed English
    /// comment asks for the translated one to follow). 16 hex digits of FNV-1a.
    static func hash(of lesson: Lesson) -> String {
        var hash = StableHash()
        for block in lesson.blocks {
            hash.combine("run")
            hash.combine(block.options.written)
            hash.combine(block.code)
        }
        for twin in lesson.twins {
            hash.combine(twin.language ?? "")
            hash.combine(twin.text(seedText: { "{{seed:\($0)}}" }))
        }
        return hash.hex
    }
}

extension RunOptions {
    /// The options as an info string would hold them, in one order: `hide id=x timeout=5`.
    var written: String {
        var words: [String] = []
        if hide { words.append("hide") }
        if silent { words.append("silent") }
        if shouldFail { words.append("should-fail") }
        if let id { words.append("id=\(id)") }
        if let timeout { words.append("timeout=\(timeout)") }
        return words.joined(separator: " ")
    }
}

extension Lesson {
    /// The shown code blocks that are PyTorch twins, in page order.
    var twins: [SeededCode] {
        document.body.compactMap { fragment in
            guard case .seeded(let code) = fragment, code.language == "python" else { return nil }
            return code
        }
    }
}

extension SeededCode {
    /// The seed pieces as `{{seed}}`-like text naming their block, for comparing two twins.
    func text(seedText: (Int) -> String) -> String {
        pieces.map { piece in
            switch piece {
            case .text(let text): text
            case .seed(let block): seedText(block)
            }
        }.joined()
    }
}
