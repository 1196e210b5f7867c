/// Every authoring error found in one lesson, each located in the lesson file.
///
/// `LessonParser` runs every check before anything is compiled and reports them together, so an
/// author fixes a lesson in one round instead of one error per build.
public struct LessonFailures: Error, Sendable, Hashable, CustomStringConvertible {
    /// The errors, in the order of their lines.
    public var errors: [LessonError]

    /// Wraps `errors`, which must not be empty.
    public init(_ errors: [LessonError]) {
        precondition(!errors.isEmpty, "a failure has at least one error")
        self.errors = errors.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
    }

    /// One diagnostic per line.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
