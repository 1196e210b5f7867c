/// A failure in the lesson pipeline, located in a lesson file.
///
/// Its description reads like a compiler diagnostic:
/// `Lessons/02-droppath.md:41:7: error: [execute] block 3: <message>`.
public struct LessonError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The pipeline stage that failed.
    public enum Stage: String, Sendable, Hashable, Codable {
        case parse, translate, compile, execute, render, write
    }

    /// The stage that failed.
    public var stage: Stage
    /// The lesson file (or output path, for `write`).
    public var path: String
    /// 1-based line in `path`, when known.
    public var line: Int?
    /// 1-based column, when known.
    public var column: Int?
    /// The run block's position among the lesson's run blocks, when one is to blame.
    public var block: Int?
    /// The underlying message (a compiler diagnostic, a trap's text, …).
    public var message: String

    /// Creates an error from its parts.
    public init(
        stage: Stage, path: String, line: Int? = nil, column: Int? = nil, block: Int? = nil,
        message: String
    ) {
        self.stage = stage
        self.path = path
        self.line = line
        self.column = column
        self.block = block
        self.message = message
    }

    /// `FILE:LINE:COL: error: [stage] block N: message`.
    public var description: String {
        var location = path
        if let line { location += ":\(line)" }
        if line != nil, let column { location += ":\(column)" }
        let blockPart = block.map { "block \($0 + 1): " } ?? ""
        return "\(location): error: [\(stage.rawValue)] \(blockPart)\(message)"
    }
}
