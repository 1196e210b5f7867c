/// A lesson as parsed: its Markdown source, its run blocks and its document.
public struct Lesson: Sendable, Hashable {
    /// The path used in messages, as the user would type it (e.g. `Lessons/01-dropout.md`).
    public var path: String
    /// The file name, which orders lessons and names the page (`01-dropout.md` → `01-dropout.html`).
    public var name: String
    /// The Markdown text, exactly as read.
    public var source: String
    /// The ```` ```swift run ```` blocks, in document order.
    public var blocks: [RunBlock]
    /// The page, parsed once; what the blocks produce fills its holes.
    public var document: LessonDocument
    /// The data files its front matter declares (`data: …`), which its blocks may read.
    public var dataFiles: [DataFile]

    /// Creates a lesson from its parts; without a `document` it executes but renders empty.
    public init(
        path: String, name: String, source: String, blocks: [RunBlock], document: LessonDocument = .init(),
        dataFiles: [DataFile] = []
    ) {
        self.path = path
        self.name = name
        self.source = source
        self.blocks = blocks
        self.document = document
        self.dataFiles = dataFiles
    }
}

/// A lesson together with what each of its run blocks produced.
public struct ExecutedLesson: Sendable, Hashable {
    /// The lesson that ran.
    public var lesson: Lesson
    /// One result per run block, in the same order as `lesson.blocks`.
    public var results: [BlockResult]

    /// Pairs a lesson with its results; there must be exactly one result per block.
    public init(lesson: Lesson, results: [BlockResult]) {
        precondition(lesson.blocks.count == results.count, "one result per run block")
        self.lesson = lesson
        self.results = results
    }
}
