/// A fenced code block whose info string is `swift run`, with its options.
public struct RunBlock: Sendable, Hashable, Codable {
    /// Position among the lesson's run blocks, from 0.
    public var index: Int
    /// 1-based line of the opening fence in the lesson file.
    public var fenceLine: Int
    /// 1-based line of the first line of code (the fence line + 1).
    public var codeLine: Int
    /// The code, without the fences, ending in a newline unless empty.
    public var code: String
    /// The options written after `swift run`.
    public var options: RunOptions
    /// Columns before the opening fence (a list item's indentation, a quote's `> `): Markdown
    /// strips them from every line of `code`, so a column in `code` is this much further right
    /// in the lesson file.
    public var indent: Int

    /// Creates a run block from its parts.
    public init(
        index: Int, fenceLine: Int, codeLine: Int, code: String, options: RunOptions, indent: Int = 0
    ) {
        self.index = index
        self.fenceLine = fenceLine
        self.codeLine = codeLine
        self.code = code
        self.options = options
        self.indent = indent
    }

    /// What seeds this block: its `id=` if given, else its position.
    public var identity: String { options.id ?? "#\(index)" }
}

/// The options after `swift run` in a run block's info string.
public struct RunOptions: Sendable, Hashable, Codable {
    /// `hide`: show only the output, not the code.
    public var hide = false
    /// `silent`: show only the code, not the output.
    public var silent = false
    /// `should-fail`: the block must fail to compile or trap; its diagnostic is its output.
    public var shouldFail = false
    /// `id=NAME`: a stable identity for seeding, independent of the block's position.
    public var id: String?
    /// `timeout=SECONDS`: a time limit for the lesson's program, raising the default.
    public var timeout: Double?

    /// Options with every flag off.
    public init(
        hide: Bool = false, silent: Bool = false, shouldFail: Bool = false,
        id: String? = nil, timeout: Double? = nil
    ) {
        self.hide = hide
        self.silent = silent
        self.shouldFail = shouldFail
        self.id = id
        self.timeout = timeout
    }
}
