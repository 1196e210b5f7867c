import Foundation

/// The pages only the preview serves: a lesson's error page, and the reload hook added to
/// every page it serves (never to the site `lessons build` writes).
enum PreviewPages {
    /// Where the served pages listen for rebuilds (server-sent events).
    static let eventsPath = "/__droplab/events"

    /// The script that reloads the page when the site has moved past `generation`. It asks
    /// with `since=`, so a rebuild that finished between the page's load and the connection
    /// still reloads it; after a dropped connection the browser reconnects by itself.
    static func reloadScript(generation: Int) -> String {
        "<script>new EventSource(\"\(eventsPath)?since=\(generation)\")"
            + ".onmessage = function () { location.reload(); };</script>\n"
    }

    /// `html` with the reload script before its closing `</body>` (or at its end).
    static func injectingReload(into html: String, generation: Int) -> String {
        let script = reloadScript(generation: generation)
        guard let body = html.range(of: "</body>", options: .backwards) else { return html + script }
        var html = html
        html.insert(contentsOf: script, at: body.lowerBound)
        return html
    }

    /// The page of a lesson that failed: its diagnostics as the terminal prints them, styled
    /// like the site (its stylesheet, masthead and a sidebar linking the site's other `pages`).
    static func errorPage(lesson name: String, diagnostics: [String], pages: [String]) -> String {
        var html = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light dark">
            <title>\(HTML.escape(name)) failed · Droplab</title>
            <link rel="stylesheet" href="style.css">
            </head>
            <body>
            <header class="masthead"><a class="brand" href="index.html">Droplab</a> \
            <span class="tagline">preview: this lesson does not build</span></header>
            <div class="layout">
            <nav class="sidebar" aria-label="Lessons">
            <p class="nav-title"><a href="index.html">Overview</a></p>
            <ol>
            \(pages.map { "<li><a href=\"\(HTML.link(toFile: $0))\">\(HTML.escape(String($0.dropLast(5))))</a></li>\n" }.joined())</ol>
            </nav>
            <main id="content">
            <article>
            <h1>\(HTML.escape(name)) failed</h1>
            <p>The page comes back as soon as the lesson builds again; save the file and it reloads.</p>

            """
        for diagnostic in diagnostics {
            html += "<div class=\"run\"><div class=\"expected-error\">\n<p class=\"label\">Error</p>\n"
            html += "<pre class=\"diagnostic\">\(HTML.escape(diagnostic))</pre>\n</div></div>\n"
        }
        html += "</article>\n</main>\n</div>\n</body>\n</html>\n"
        return html
    }
}
