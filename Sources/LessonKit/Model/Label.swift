/// Something numbered that prose can refer to: a run block's figure, a display formula or a
/// table, labelled `{#fig:NAME}`, `{#eq:NAME}` or `{#tbl:NAME}` and referred to as `@fig:NAME`.
struct Label: Sendable, Hashable {
    /// What is numbered; each kind is counted on its own, per lesson.
    enum Kind: String, Sendable, Hashable, CaseIterable {
        case figure = "fig", equation = "eq", table = "tbl"
    }

    /// What a reference names: kind and name, unique in the course.
    struct Key: Sendable, Hashable, Comparable {
        var kind: Kind
        var name: String

        /// The element `id` on the page: `fig-ladder`.
        var anchor: String { "\(kind.rawValue)-\(name)" }

        /// As a reference is written: `@fig:ladder`.
        var reference: String { "@\(kind.rawValue):\(name)" }

        static func < (a: Key, b: Key) -> Bool { (a.kind.rawValue, a.name) < (b.kind.rawValue, b.name) }
    }

    var key: Key
    /// 1-based line of the label in the lesson file.
    var line: Int
}

extension Label.Key {
    /// Reads `fig:ladder` (what `{#…}` or `@…` holds), or says what is wrong with it.
    init(parsing text: Substring) throws(LabelError) {
        guard let colon = text.firstIndex(of: ":"), let kind = Label.Kind(rawValue: String(text[..<colon])) else {
            throw LabelError("{#\(text)}: a label is {#fig:NAME}, {#eq:NAME} or {#tbl:NAME}")
        }
        let name = text[text.index(after: colon)...]
        guard !name.isEmpty, name.allSatisfy(Self.isNameCharacter) else {
            throw LabelError("{#\(text)}: a label's name is letters, digits, '-' or '_'")
        }
        self.init(kind: kind, name: String(name))
    }

    /// Letters, digits, `-` and `_`; a `.` ends a reference, as at the end of a sentence.
    static func isNameCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "-" || character == "_"
    }
}

/// What is wrong with a label as written.
struct LabelError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
