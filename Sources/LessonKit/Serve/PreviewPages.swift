import Foundation

/// The pages only the preview serves: a lesson's error page, and the reload hook added to
/// every page it serves (never to the site `lessons build` writes).
enum PreviewPages {
    /// Where the served pages listen for rebuilds (server-sent events).
    static let eventsPath = "/__droplab/events"

    /// The script that updates the page when the site has moved past `generation`. It asks
    /// with `since=`, so a rebuild that finished between the page's load and the connection
    /// still updates it; after a dropped connection the browser reconnects by itself.
    ///
    /// On each rebuild it fetches the page again and swaps its `.layout` (sidebar and lesson) in
    /// place: the stylesheet, the fonts, the search box and the scroll position stay, so the new
    /// output shows without a reload's cost. A page without a `.layout`, or a failed fetch,
    /// reloads instead. `droplabShownAt` records when (for `Benchmarks/serve_bench.py`).
    static func reloadScript(generation: Int) -> String {
        "<script>new EventSource(\"\(eventsPath)?since=\(generation)\").onmessage = function () {"
            + " fetch(location.href, {cache: \"no-store\"}).then(function (r) { return r.text(); })"
            + ".then(function (text) { var next = new DOMParser().parseFromString(text, \"text/html\");"
            + " var layout = document.querySelector(\".layout\"), fresh = next.querySelector(\".layout\");"
            + " if (!layout || !fresh) { location.reload(); return; }"
            + " document.title = next.title; layout.replaceWith(document.adoptNode(fresh));"
            + " window.droplabShownAt = performance.timeOrigin + performance.now(); })"
            + ".catch(function () { location.reload(); }); };</script>\n"
    }

    /// `html` with the reload script before its closing `</body>` (or at its end).
    static func injectingReload(into html: String, generation: Int) -> String {
        let script = reloadScript(generation: generation)
        guard let body = html.range(of: "</body>", options: .backwards) else { return html + script }
        var html = html
        html.insert(contentsOf: script, at: body.lowerBound)
        return html
    }

    /// The page of a lesson that failed: its diagnostics as the terminal prints them, in the
    /// site's own page (stylesheet, masthead, a sidebar of the lessons that built, footer).
    static func errorPage(
        lesson name: String, page: String, diagnostics: [String], sidebar: [RenderedLesson], context: SiteContext
    ) -> String {
        var main = "<article>\n<h1>\(HTML.escape(name)) failed</h1>\n"
        main += "<p>This page comes back as soon as the lesson builds again: save it and the page reloads.</p>\n"
        for diagnostic in diagnostics {
            main += "<div class=\"run\"><div class=\"expected-error\">\n<p class=\"label\">Error</p>\n"
            main += "<pre class=\"diagnostic\">\(HTML.escape(diagnostic))</pre>\n</div></div>\n"
        }
        main += "</article>\n"
        return PageRenderer(lessons: sidebar, context: context)
            .page(title: "\(name) failed · Droplab", current: page, main: main)
    }
}
