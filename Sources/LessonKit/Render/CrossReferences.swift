/// The course's labels, numbered per lesson in document order ("Figure 3.2" is lesson 3's second
/// figure), and what a reference to each becomes: a link with the number.
struct CrossReferences: Sendable, Hashable {
    /// Where a label is and what it is called.
    struct Target: Sendable, Hashable {
        /// The lesson's page (`03-mask-shapes.html`).
        var page: String
        /// `3.2`, or `2` in the overview, which has no lesson number.
        var number: String
    }

    private(set) var targets: [Label.Key: Target] = [:]
    /// The words before the numbers ("Figure", "图"), in the pages' language.
    var interface: Interface = .english

    /// Numbers the labels of `lessons` (in course order; the overview `index.md` is not a
    /// numbered lesson) and reports every label used twice and every reference to no label.
    static func resolve(_ lessons: [Lesson]) -> (CrossReferences, [LessonError]) {
        var references = CrossReferences()
        var errors: [LessonError] = []
        var defined: [Label.Key: (path: String, line: Int)] = [:]
        var chapter = 0
        for lesson in lessons {
            let isOverview = lesson.name == SiteRenderer.overviewName
            if !isOverview { chapter += 1 }
            var counts: [Label.Kind: Int] = [:]
            for label in lesson.document.labels {
                if let first = defined[label.key] {
                    errors.append(LessonError(
                        stage: .parse, path: lesson.path, line: label.line,
                        message: "label {#\(label.key.kind.rawValue):\(label.key.name)} is already used at \(first.path):\(first.line)"))
                    continue
                }
                defined[label.key] = (lesson.path, label.line)
                counts[label.key.kind, default: 0] += 1
                let count = counts[label.key.kind]!
                references.targets[label.key] = Target(
                    page: lesson.pageName, number: isOverview ? "\(count)" : "\(chapter).\(count)")
            }
        }
        for lesson in lessons {
            // The summary repeats the first paragraph of the body: the body has every reference.
            for case .reference(let key, let line) in lesson.document.body where references.targets[key] == nil {
                let known = defined.keys.filter { $0.kind == key.kind }.sorted().map(\.reference)
                let hint = known.isEmpty ? "" : " (known: \(known.prefix(8).joined(separator: ", ")))"
                errors.append(LessonError(
                    stage: .parse, path: lesson.path, line: line, message: "\(key.reference) names no label\(hint)"))
            }
        }
        return (references, errors)
    }

    /// "Figure 3.2" (with its word) or "3.2".
    func number(_ key: Label.Key, withWord: Bool) -> String {
        let number = targets[key]?.number ?? "?"
        return withWord ? "\(HTML.escape(interface.word(key.kind))) \(number)" : number
    }

    /// The link a reference becomes on `page`: to the anchor on the same page, else to the page.
    func link(_ key: Label.Key, from page: String) -> String {
        let target = targets[key]
        let file = target.map { $0.page == page ? "" : HTML.link(toFile: $0.page) } ?? ""
        return "<a class=\"xref\" href=\"\(file)#\(key.anchor)\">\(number(key, withWord: true))</a>"
    }
}
