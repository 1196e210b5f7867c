/// A lesson's Markdown as parsed once: everything the page needs except what the run blocks
/// produce, which arrives after execution and fills the document's holes.
public struct LessonDocument: Sendable, Hashable {
    /// An entry of the in-page table of contents.
    struct Section: Sendable, Hashable {
        /// 2 or 3.
        var level: Int
        /// The heading's `id`.
        var id: String
        /// The heading's text.
        var text: String
    }

    /// The front matter's `title:`, else the first `#` heading's text.
    var title: String?
    /// The first top-level paragraph's content (the summary on the front page).
    var summary: [Fragment]?
    /// The `##` and `###` headings.
    var sections: [Section] = []
    /// The body, in order: finished HTML and the holes execution and numbering fill.
    var body: [Fragment] = []
    /// The figures, equations and tables the lesson labels, in document order.
    var labels: [Label] = []
    /// The page's words by section, for the search index.
    var searchSections: [SearchSection] = []

    /// An empty document, for lessons built by hand to be executed, never rendered.
    public init() {}

    init(
        title: String?, summary: [Fragment]?, sections: [Section], body: [Fragment], labels: [Label] = [],
        searchSections: [SearchSection] = []
    ) {
        self.title = title
        self.summary = summary
        self.sections = sections
        self.body = body
        self.labels = labels
        self.searchSections = searchSections
    }

    /// A stretch of the page a search result can land on: a heading and what follows it.
    struct SearchSection: Sendable, Hashable {
        /// The heading's `id`; nil for the top of the page.
        var id: String?
        /// The heading's text (the lesson's title for the top of the page).
        var title: String
        /// Every word of the stretch: heading, prose, code and formulas' TeX.
        var text: String
    }

    /// A piece of the body.
    enum Fragment: Sendable, Hashable {
        /// Finished HTML: prose, headings, formulas, highlighted code.
        case html(String)
        /// Run block `index`, with its code already highlighted (nil when `hide`).
        case run(index: Int, codeHTML: String?)
        /// A shown code block whose `{{seed}}` references name run blocks, or a Python program (a twin).
        case seeded(SeededCode)
        /// The number of a label of this lesson: "Figure 3.2" with its word, else "3.2".
        case labelNumber(Label.Key, withWord: Bool)
        /// A reference written in prose (`@fig:ladder`, at `line`), a link with the number.
        case reference(Label.Key, line: Int)
    }
}

/// A shown code block (a PyTorch twin) with the seeds of run blocks written into it.
struct SeededCode: Sendable, Hashable {
    /// A run of the block's text.
    enum Piece: Sendable, Hashable {
        /// Text as written.
        case text(String)
        /// The seed run block `index` ran with.
        case seed(ofBlock: Int)
    }

    /// The info string's first word (`python`), for the `language-` class.
    var language: String?
    /// 1-based line of the opening fence.
    var line: Int
    /// The block's text, split where seeds go.
    var pieces: [Piece]
}
