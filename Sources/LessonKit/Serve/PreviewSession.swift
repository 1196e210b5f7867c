import Foundation

/// The live preview's loop, without HTTP: the site held in memory, rebuilt when lessons change
/// (re-running only the lessons whose cache key changed), and a stream of rebuilds that tells
/// open pages to reload. It never writes a site to disk.
///
/// A lesson that fails does not take the site down: its page shows the diagnostics as the
/// terminal prints them, every other lesson is served as built, and the next successful
/// rebuild brings the lesson back.
public actor PreviewSession {
    /// Where served pages listen for rebuilds.
    public static let eventsPath = PreviewPages.eventsPath

    /// What one rebuild did.
    public struct Rebuild: Sendable {
        /// The rebuild's number; it is also the site's generation when something changed.
        public var number: Int
        /// The lessons that were executed (compiled and run, or read from the disk cache), by file name.
        public var executed: [String]
        /// The lessons that failed, by file name.
        public var failed: [String]
        /// Whether any served file changed (and so open pages were told to reload).
        public var changed: Bool
        /// The terminal's line for this rebuild, then each failure as `PreviewDiagnostic` writes it.
        public var report: String
    }

    private let builder: SiteBuilder
    /// Each lesson file's last text and parse, so an unchanged file is not parsed again.
    private var parsed: [String: (source: String, lesson: Lesson)] = [:]
    /// Each lesson's last successful results, the text and cache key they were made under.
    private var results: [String: (source: String, key: String, results: [BlockResult])] = [:]
    /// The site as `lessons build` would write it, plus the error pages of failing lessons.
    private var files: [String: [UInt8]] = [:]
    private var rebuilds = 0
    /// Bumped when a served file changes; a page loaded at an older generation reloads.
    public private(set) var generation = 0
    private var listeners: [UUID: AsyncStream<Int>.Continuation] = [:]

    /// A session that builds the lessons of `builder.lessonsDirectory` with `builder`'s executor.
    public init(builder: SiteBuilder) {
        self.builder = builder
    }

    /// The files served now, without the reload script: byte for byte what `lessons build`
    /// writes while every lesson builds.
    public var siteFiles: [SiteFile] {
        files.keys.sorted().map { path in
            var file = SiteFile(path: path, text: "")
            file.contents = files[path]!
            return file
        }
    }

    /// The answer to a GET of `target` (the request's path and query, percent-encoded): a file
    /// of the site, HTML pages with the reload script, or 404.
    public func response(to target: String) -> PreviewResponse {
        guard let path = PreviewResponse.sitePath(forTarget: target), let contents = files[path] else {
            return .notFound
        }
        let type = PreviewResponse.contentType(of: path)
        guard path.hasSuffix(".html") else { return PreviewResponse(status: 200, contentType: type, body: contents) }
        let html = PreviewPages.injectingReload(into: String(decoding: contents, as: UTF8.self), generation: generation)
        return PreviewResponse(status: 200, contentType: type, body: Array(html.utf8))
    }

    /// The generations of the rebuilds from now on, starting with the current one at once if
    /// it is newer than `since` (the generation the listening page was loaded at).
    public func events(since: Int) -> AsyncStream<Int> {
        let (stream, continuation) = AsyncStream<Int>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let id = UUID()
        listeners[id] = continuation
        continuation.onTermination = { _ in Task { await self.removeListener(id) } }
        if generation != since { continuation.yield(generation) }
        return stream
    }

    /// Ends every event stream (the server is stopping).
    public func finishEvents() {
        for listener in listeners.values { listener.finish() }
        listeners = [:]
    }

    private func removeListener(_ id: UUID) { listeners[id] = nil }

    /// Rebuilds on every batch of changes `debouncer` hands out, `report` receiving each
    /// rebuild's lines, until the debouncer is finished.
    public func watch(_ debouncer: Debouncer, report: @escaping @Sendable (String) -> Void) async {
        while let changes = await debouncer.next() {
            let rebuild = await self.rebuild(changes: changes)
            report(rebuild.report)
        }
    }

    /// Reads, parses, executes (what changed) and renders every lesson; tells the listeners
    /// if anything served changed. `changes` only labels the terminal line.
    @discardableResult
    public func rebuild(changes: [String] = []) async -> Rebuild {
        rebuilds += 1
        let clock = ContinuousClock()
        let start = clock.now
        var failures: [LessonError] = []
        var sources: [String: String] = [:]

        // Load and parse: an unchanged file keeps its parse.
        var lessons: [Lesson] = []
        var seen: Set<String> = []
        do {
            for path in try LessonFiles.paths(in: builder.lessonsDirectory) {
                seen.insert(path)
                do throws(LessonFailures) {
                    let source: String
                    do { source = try LessonFiles.read(path) } catch { throw LessonFailures([error]) }
                    sources[path] = source
                    if let last = parsed[path], last.source == source {
                        lessons.append(last.lesson)
                    } else {
                        let lesson = try LessonParser.parse(path: path, source: source)
                        parsed[path] = (source, lesson)
                        lessons.append(lesson)
                    }
                } catch {
                    failures += error.errors
                }
            }
        } catch {
            failures.append(error)
        }
        parsed = parsed.filter { seen.contains($0.key) }
        let parsedAt = clock.now

        // Execute only the lessons whose cache key changed since their last success.
        let executor = builder.executor
        var runs: [String: LessonRun] = [:]
        var stale: [Lesson] = []
        var keys: [String: String] = [:]
        for lesson in lessons {
            let last = results[lesson.path]
            // An unchanged file has an unchanged key; hashing every lesson's code costs more.
            let key = last?.source == lesson.source ? last!.key
                : ResultCache.key(for: lesson, seed: executor.settings.seed, toolchain: executor.toolchain)
            keys[lesson.path] = key
            if let last, last.key == key {
                runs[lesson.path] = LessonRun(lesson: lesson, results: last.results, cached: true)
                results[lesson.path]?.source = lesson.source
            } else {
                stale.append(lesson)
            }
        }
        let fresh = await builder.execute(stale) { _ in }
        for run in fresh {
            runs[run.lesson.path] = run
            if let failure = run.failure {
                failures.append(failure)
            } else {
                results[run.lesson.path] = (run.lesson.source, keys[run.lesson.path]!, run.results)
            }
        }
        results = results.filter { seen.contains($0.key) }
        let executedAt = clock.now

        // Render what succeeded; a lesson that cannot render is left out and shown as failing.
        var executed = lessons.compactMap { runs[$0.path]?.executed }
        var site: [SiteFile] = []
        while true {
            do {
                site = try SiteRenderer.render(executed, context: builder.context)
                break
            } catch {
                failures.append(error)
                let before = executed.count
                executed.removeAll { $0.lesson.path == error.path }
                if executed.count == before { break }  // not one lesson's fault: no site
            }
        }
        var next: [String: [UInt8]] = [:]
        for file in site { next[file.path] = file.contents }
        if next["style.css"] == nil { next["style.css"] = Array(Stylesheet.css.utf8) }
        let diagnostics = failures.map { PreviewDiagnostic.text($0, source: sources[$0.path]) }
        let sidebar = executed.filter { $0.lesson.name != SiteRenderer.overviewName }.map { built in
            let page = Self.page(of: built.lesson.path)
            return RenderedLesson(
                name: built.lesson.name, page: page, title: built.lesson.document.title ?? String(page.dropLast(5)),
                summaryHTML: nil, bodyHTML: "", sections: [], searchSections: [])
        }
        for (page, texts) in Dictionary(grouping: zip(failures, diagnostics), by: { Self.page(of: $0.0.path) }) {
            let html = PreviewPages.errorPage(
                lesson: (texts[0].0.path as NSString).lastPathComponent, page: page, diagnostics: texts.map(\.1),
                sidebar: sidebar, context: builder.context)
            next[page] = Array(html.utf8)
        }
        let renderedAt = clock.now

        let changed = next != files
        files = next
        if changed {
            generation = rebuilds
            for listener in listeners.values { listener.yield(generation) }
        }
        let failed = Set(failures.map { ($0.path as NSString).lastPathComponent }).sorted()
        let rebuild = Rebuild(
            number: rebuilds, executed: fresh.map(\.lesson.name), failed: failed, changed: changed,
            report: RebuildLine.text(
                number: rebuilds, changes: changes, fresh: fresh, lessons: lessons.count, failed: failed,
                stages: [parsedAt - start, executedAt - parsedAt, renderedAt - executedAt])
                + diagnostics.map { "\n" + $0 }.joined())
        return rebuild
    }

    /// The page a failure of the file at `path` is shown on: the lesson's own, or the front page.
    static func page(of path: String) -> String {
        let name = (path as NSString).lastPathComponent
        guard name.hasSuffix(".md"), name != SiteRenderer.overviewName else { return "index.html" }
        return String(name.dropLast(3)) + ".html"
    }
}
