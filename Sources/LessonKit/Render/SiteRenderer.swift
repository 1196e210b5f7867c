import Foundation

/// What the footer and pages need to know about the build that produced them.
public struct SiteContext: Sendable, Hashable {
    /// The global seed the outputs were produced with.
    public var seed: UInt64
    /// The `Drop` library version that produced the outputs.
    public var dropVersion: String

    /// Creates a context.
    public init(seed: UInt64, dropVersion: String) {
        self.seed = seed
        self.dropVersion = dropVersion
    }
}

/// One file of the generated site.
public struct SiteFile: Sendable, Hashable {
    /// Path relative to the site's root, with `/` separators (`index.html`, `style.css`).
    public var path: String
    /// The file's bytes.
    public var contents: [UInt8]

    /// Creates a site file from UTF-8 text.
    public init(path: String, text: String) {
        self.path = path
        self.contents = Array(text.utf8)
    }
}

/// Renders executed lessons into the files of the static site.
public enum SiteRenderer {
    /// Renders every page, the index and the stylesheet. Pure: no I/O, deterministic.
    /// Lessons arrive sorted by file name.
    public static func render(_ lessons: [ExecutedLesson], context: SiteContext) throws(LessonError)
        -> [SiteFile]
    {
        // Placeholder until the site issue lands: one plain page per lesson.
        lessons.map { executed in
            var html = "<!doctype html>\n<meta charset=\"utf-8\">\n<pre>"
            html += escape(executed.lesson.source) + "</pre>\n"
            for (block, result) in zip(executed.lesson.blocks, executed.results) {
                html += "<h2>block \(block.index + 1) (seed \(result.seed))</h2>\n<pre>"
                for item in result.items {
                    switch item {
                    case .stdout(let s), .stderr(let s): html += escape(s)
                    case .svg(let svg): html += "</pre>" + svg + "<pre>"
                    }
                }
                html += "</pre>\n"
            }
            let page = String(executed.lesson.name.dropLast(3)) + ".html"
            return SiteFile(path: page, text: html)
        }
    }

    private static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }
}
