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

    /// Creates a site file from bytes (a font, a licence).
    public init(path: String, contents: [UInt8]) {
        self.path = path
        self.contents = contents
    }
}

/// Renders executed lessons into the files of the static site.
public enum SiteRenderer {
    /// The lesson file whose body becomes the front page's overview instead of a lesson page.
    public static let overviewName = "index.md"

    /// Renders every page, the index, the stylesheet and the math font. Pure: no I/O, deterministic.
    /// Lessons arrive sorted by file name.
    ///
    /// A lesson's title is its first `#` heading and its summary on the front page its first
    /// paragraph. A lesson named `index.md`, if any, is the front page's overview.
    public static func render(_ lessons: [ExecutedLesson], context: SiteContext) throws(LessonError)
        -> [SiteFile]
    {
        let (references, errors) = CrossReferences.resolve(lessons.map(\.lesson))
        if let error = errors.first { throw error }
        var rendered: [RenderedLesson] = []
        var overview: RenderedLesson?
        var downloads: [SiteFile] = []
        for executed in lessons {
            let lesson = try renderedLessons.value(for: RenderInput(executed: executed, references: references)) {
                input throws(LessonError) in try LessonRenderer.render(input.executed, references: input.references)
            }
            if executed.lesson.name == overviewName {
                overview = lesson
            } else {
                rendered.append(lesson)
                let files = try Downloads.files(for: executed, title: lesson.title, context: context)
                rendered[rendered.count - 1].downloads = files.map(\.path)
                downloads += files
            }
        }
        let pages = PageRenderer(lessons: rendered, context: context)
        let index = SearchIndex(lessons: rendered)
        var files = [
            SiteFile(path: "index.html", text: pages.indexPage(overviewHTML: overview?.bodyHTML ?? defaultOverview)),
            SiteFile(path: "style.css", text: Stylesheet.css),
            SiteFile(path: SearchIndex.pageName, text: pages.searchPage(index)),
            SiteFile(path: SearchIndex.scriptName, text: index.script),
            SiteFile(path: SearchScript.name, text: SearchScript.source),
        ]
        files += try MathFont.files()
        for position in rendered.indices {
            files.append(SiteFile(path: rendered[position].page, text: pages.lessonPage(at: position)))
        }
        return files + downloads
    }

    /// The preview renders on every save; only the lessons that changed are rendered again.
    private static let renderedLessons = Memo<RenderInput, RenderedLesson>(limit: 64)

    /// What a lesson's page depends on: its outputs and the course's figure and equation numbers.
    private struct RenderInput: Hashable, Sendable {
        var executed: ExecutedLesson
        var references: CrossReferences
    }

    private static let defaultOverview = """
        <h1 id="droplab">Droplab: Dropout vs DropPath</h1>
        <p>Two regularisers that look alike and behave differently: Dropout zeroes single \
        activations, DropPath zeroes whole residual branches, one sample at a time. Every tensor \
        printed in these lessons is the real output of the Swift code above it, the same numbers \
        PyTorch prints for the same seed.</p>

        """
}
