/// Something a build reports and goes on: a lesson without translation, a stale translation.
/// `lessons check` counts warnings as failures, so that CI asks for the update.
public struct LessonWarning: Sendable, Hashable, CustomStringConvertible {
    /// The file to update.
    public var path: String
    /// 1-based line in `path`, when one is to blame.
    public var line: Int?
    /// What to do.
    public var message: String

    /// Creates a warning from its parts.
    public init(path: String, line: Int? = nil, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    /// `FILE:LINE: warning: [translate] message`.
    public var description: String {
        "\(path)\(line.map { ":\($0)" } ?? ""): warning: [translate] \(message)"
    }
}
