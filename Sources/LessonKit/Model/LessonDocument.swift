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
    /// The first top-level paragraph's content, as HTML (the summary on the front page).
    var summaryHTML: String?
    /// The `##` and `###` headings.
    var sections: [Section] = []
    /// The body, in order: finished HTML and the holes execution fills.
    var body: [Fragment] = []

    /// An empty document, for lessons built by hand to be executed, never rendered.
    public init() {}

    init(title: String?, summaryHTML: String?, sections: [Section], body: [Fragment]) {
        self.title = title
        self.summaryHTML = summaryHTML
        self.sections = sections
        self.body = body
    }

    /// A piece of the body.
    enum Fragment: Sendable, Hashable {
        /// Finished HTML: prose, headings, formulas, highlighted code.
        case html(String)
        /// Run block `index`, with its code already highlighted (nil when `hide`).
        case run(index: Int, codeHTML: String?)
        /// A shown code block whose `{{seed}}` references name run blocks.
        case seeded(SeededCode)
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
    /// The block's text, split where seeds go.
    var pieces: [Piece]
}
