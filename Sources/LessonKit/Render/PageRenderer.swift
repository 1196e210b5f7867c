/// Lays rendered lessons out as complete pages: sidebar, contents, pager, footer.
struct PageRenderer {
    /// Every lesson, in course order (the sidebar lists them all).
    let lessons: [RenderedLesson]
    /// What the footer says about the build.
    let context: SiteContext

    /// The page of `lessons[position]`.
    func lessonPage(at position: Int) -> String {
        let lesson = lessons[position]
        var main = ""
        if !lesson.sections.isEmpty {
            main += "<nav class=\"toc\" aria-label=\"On this page\">\n<p class=\"nav-title\">On this page</p>\n<ol>\n"
            for section in lesson.sections {
                main += "<li class=\"level-\(section.level)\"><a href=\"#\(section.id)\">\(HTML.escape(section.text))</a></li>\n"
            }
            main += "</ol>\n</nav>\n"
        }
        main += "<article>\n\(lesson.bodyHTML)</article>\n"
        main += Downloads.aside(lesson.downloads)
        main += "<nav class=\"pager\" aria-label=\"Previous and next lesson\">\n"
        let previous = position > 0 ? (lessons[position - 1].page, lessons[position - 1].title) : ("index.html", "Overview")
        main += "<a class=\"previous\" rel=\"prev\" href=\"\(HTML.link(toFile: previous.0))\"><span>Previous</span> \(HTML.escape(previous.1))</a>\n"
        if position + 1 < lessons.count {
            let next = lessons[position + 1]
            main += "<a class=\"next\" rel=\"next\" href=\"\(HTML.link(toFile: next.page))\"><span>Next</span> \(HTML.escape(next.title))</a>\n"
        }
        main += "</nav>\n"
        return page(title: "\(lesson.title) · Droplab", current: lesson.page, main: main)
    }

    /// The course's front page: the overview, then every lesson with its summary.
    func indexPage(overviewHTML: String) -> String {
        var main = "<article>\n\(overviewHTML)<h2 id=\"lessons\">Lessons</h2>\n<ol class=\"lesson-list\">\n"
        for lesson in lessons {
            main += "<li><a href=\"\(HTML.link(toFile: lesson.page))\">\(HTML.escape(lesson.title))</a>"
            if let summary = lesson.summaryHTML { main += "\n<p>\(summary)</p>" }
            main += "</li>\n"
        }
        main += "</ol>\n</article>\n"
        return page(title: "Droplab · Dropout vs DropPath", current: "index.html", main: main)
    }

    /// The search page: results for `?q=` when scripts run, and always the index of the words
    /// of every heading, each with the sections holding it.
    func searchPage(_ index: SearchIndex) -> String {
        var main = "<article>\n<h1 id=\"index\">Search and index</h1>\n"
        main += "<div id=\"search-page-results\" hidden>\n<h2 id=\"results\">Results</h2>\n<ol></ol>\n</div>\n"
        main += "<p>Every word of every heading, with the sections that use it. Type in the box above "
            + "to search every word of the lessons (prose, code and glossary) instead.</p>\n"
        main += "<dl class=\"book-index\">\n"
        for (term, entries) in index.terms where index.headingTerms.contains(term) {
            main += "<dt>\(HTML.escape(term))</dt>\n<dd>"
            main += entries.map { entry in
                let section = index.entries[entry]
                return "<a href=\"\(section.href)\">\(HTML.escape(String(section.lesson.prefix { $0 != " " }))) · \(HTML.escape(section.title))</a>"
            }.joined(separator: ", ")
            main += "</dd>\n"
        }
        main += "</dl>\n</article>\n"
        return page(title: "Search and index · Droplab", current: SearchIndex.pageName, main: main)
    }

    /// A whole page around `main` (internal: the preview's error pages use it too).
    func page(title: String, current: String, main: String) -> String {
        var html = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light dark">
            <title>\(HTML.escape(title))</title>
            <link rel="stylesheet" href="style.css">
            <script src="\(SearchIndex.scriptName)" defer></script>
            <script src="\(SearchScript.name)" defer></script>
            </head>
            <body>
            <a class="skip" href="#content">Skip to content</a>
            <header class="masthead"><a class="brand" href="index.html">Droplab</a> \
            <span class="tagline">Dropout vs DropPath, with real outputs</span>
            <form class="search" role="search" action="\(SearchIndex.pageName)">
            <input type="search" name="q" placeholder="Search the lessons" aria-label="Search the lessons" autocomplete="off">
            <a class="search-index" href="\(SearchIndex.pageName)">Index</a>
            <ol class="search-results" hidden></ol>
            </form></header>
            <div class="layout">
            <nav class="sidebar" aria-label="Lessons">
            <p class="nav-title"><a href="index.html"\(current == "index.html" ? " aria-current=\"page\"" : "")>Overview</a></p>
            <ol>

            """
        for lesson in lessons {
            let mark = lesson.page == current ? " aria-current=\"page\"" : ""
            html += "<li><a href=\"\(HTML.link(toFile: lesson.page))\"\(mark)>\(HTML.escape(lesson.title))</a></li>\n"
        }
        html += "</ol>\n</nav>\n<main id=\"content\">\n\(main)</main>\n</div>\n"
        html += """
            <footer class="footer">
            <p>Every output on these pages was produced by running the code above it with seed \
            <code>\(context.seed)</code> and Drop <code>\(HTML.escape(context.dropVersion))</code>. \
            Regenerate them with <code>swift run lessons build --seed \(context.seed)</code>.</p>
            <p>Formulas are set in Droplab Math, a subset of STIX Two Math \
            (<a href="\(MathFont.licencePath)">SIL Open Font License 1.1</a>).</p>
            </footer>
            </body>
            </html>

            """
        return html
    }
}
