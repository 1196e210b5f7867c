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

    /// A language other than the source's, with its lessons: built into `CODE/`.
    public struct Translation: Sendable {
        /// The language.
        public var language: CourseConfiguration.Language
        /// The course in it, in the source's order: each lesson translated, or the source's own
        /// where it has no translation (shown under `lang` of the source).
        public var lessons: [ExecutedLesson]
        /// The names of the lessons in `lessons` that are the source's (not translated).
        public var untranslated: Set<String>

        /// Creates a translation from its parts.
        public init(language: CourseConfiguration.Language, lessons: [ExecutedLesson], untranslated: Set<String> = []) {
            self.language = language
            self.lessons = lessons
            self.untranslated = untranslated
        }
    }

    /// Renders every page, the index, the stylesheet and the math font. Pure: no I/O, deterministic.
    /// Lessons arrive sorted by file name.
    ///
    /// A lesson's title is its first `#` heading and its summary on the front page its first
    /// paragraph. A lesson named `index.md`, if any, is the front page's overview. Each
    /// translation is a site of its own in `CODE/`, sharing the root's stylesheet and fonts;
    /// every page links to the same page in every other language.
    public static func render(
        _ lessons: [ExecutedLesson], context: SiteContext, configuration: CourseConfiguration = .english,
        translations: [Translation] = []
    ) throws(LessonError) -> [SiteFile] {
        let source = configuration.source
        let sites = [Translation(language: source, lessons: lessons)] + translations
        // Every page of every language exists (untranslated lessons are shown in the source's).
        let pages = Set(["index.html", SearchIndex.pageName] + lessons.filter { $0.lesson.name != overviewName }.map(\.lesson.pageName))
        var files: [SiteFile] = []
        for (number, site) in sites.enumerated() {
            let prefix = number == 0 ? "" : site.language.code + "/"
            let alternates = sites.enumerated().filter { $0.offset != number }.map { other in
                PageRenderer.Alternate(
                    name: other.element.language.name, lang: other.element.language.lang,
                    prefix: (number == 0 ? "" : "../") + (other.offset == 0 ? "" : other.element.language.code + "/"),
                    pages: pages)
            }
            let untranslatedLang = number == 0 ? nil : source.lang
            files += try languageFiles(
                site, context: context, folder: prefix, alternates: alternates,
                untranslatedLang: untranslatedLang
            ).map { SiteFile(path: prefix + $0.path, contents: $0.contents) }
        }
        // The source's front page, the shared stylesheet, its search, the fonts, then its lessons.
        files.insert(SiteFile(path: "style.css", text: Stylesheet.css), at: 1)
        files.insert(contentsOf: try MathFont.files(), at: 5)
        return files
    }

    /// One language's pages, search and downloads, with paths relative to its folder.
    private static func languageFiles(
        _ site: Translation, context: SiteContext, folder: String, alternates: [PageRenderer.Alternate],
        untranslatedLang: String?
    ) throws(LessonError) -> [SiteFile] {
        let ui = site.language.interface
        var (references, errors) = CrossReferences.resolve(site.lessons.map(\.lesson))
        if let error = errors.first { throw error }
        references.interface = ui
        var rendered: [RenderedLesson] = []
        var overview: RenderedLesson?
        var downloads: [SiteFile] = []
        for executed in site.lessons {
            let input = RenderInput(executed: executed, references: references, interface: ui)
            var lesson = try renderedLessons.value(for: input) { input throws(LessonError) in
                try LessonRenderer.render(input.executed, references: input.references, interface: input.interface)
            }
            if site.untranslated.contains(executed.lesson.name) { lesson.lang = untranslatedLang }
            if executed.lesson.name == overviewName {
                overview = lesson
            } else {
                rendered.append(lesson)
                let files = try Downloads.files(for: executed, title: lesson.title, context: context, site: folder)
                rendered[rendered.count - 1].downloads = files.map(\.path)
                downloads += files
            }
        }
        let pages = PageRenderer(
            lessons: rendered, context: context, interface: ui, lang: site.language.lang, root: folder.isEmpty ? "" : "../",
            folder: folder, alternates: alternates)
        let index = SearchIndex(lessons: rendered)
        let defaultOverview = "<h1 id=\"droplab\">\(HTML.escape(ui.overviewHeading))</h1>\n<p>\(HTML.escape(ui.overview))</p>\n"
        var files = [
            SiteFile(path: "index.html", text: pages.indexPage(overviewHTML: overview?.bodyHTML ?? defaultOverview)),
            SiteFile(path: SearchIndex.pageName, text: pages.searchPage(index)),
            SiteFile(path: SearchIndex.scriptName, text: index.script),
            SiteFile(path: SearchScript.name, text: SearchScript.source(noResults: ui.searchNoResults)),
        ]
        for position in rendered.indices {
            files.append(SiteFile(path: rendered[position].page, text: pages.lessonPage(at: position)))
        }
        return files + downloads
    }

    /// The preview renders on every save; only the lessons that changed are rendered again.
    private static let renderedLessons = Memo<RenderInput, RenderedLesson>(limit: 64)

    /// What a lesson's page depends on: its outputs, the course's figure and equation numbers,
    /// and the words of its language.
    private struct RenderInput: Hashable, Sendable {
        var executed: ExecutedLesson
        var references: CrossReferences
        var interface: Interface
    }
}
