/// A data file a lesson reads, declared in its front matter (`data: digits.txt`).
///
/// The file lives in the `data/` folder beside the lesson. Its bytes are hashed when the lesson
/// is parsed and the digest is part of the lesson's cache key, so changing one byte runs the
/// lesson again; the program is told where the file is, and LessonRuntime refuses to open a
/// file the lesson did not declare.
public struct DataFile: Sendable, Hashable {
    /// The name as declared, which the lesson's code opens it by (`readDataFile("digits.txt")`).
    public var name: String
    /// Where the program reads it: absolute, `<lesson folder>/data/<name>`.
    public var path: String
    /// The front-matter line that declares it.
    public var line: Int
    /// A digest of its bytes when the lesson was parsed.
    public var digest: String

    /// A declared data file.
    public init(name: String, path: String, line: Int, digest: String) {
        self.name = name
        self.path = path
        self.line = line
        self.digest = digest
    }
}
