/// Lays rendered lessons out as complete pages: sidebar, contents, pager, footer.
struct PageRenderer {
    /// Every lesson, in course order (the sidebar lists them all).
    let lessons: [RenderedLesson]
    /// What the footer says about the build.
    let context: SiteContext
    /// The words of the interface, in the pages' language.
    var interface: Interface = .english
    /// `<html lang>`.
    var lang = "en"
    /// The path from these pages to the site's root (`../` for a translation), where the
    /// stylesheet and `search.js` are.
    var root = ""
    /// These pages' folder in the site (`zh/`; empty for the source's), for commands naming a file.
    var folder = ""
    /// The other languages each page links to, in the course's order.
    var alternates: [Alternate] = []

    /// A link from each page to the same page in another language.
    struct Alternate {
        /// The link's text (`中文`) and its language (`zh-Hans`).
        var name: String
        var lang: String
        /// The path from these pages to that language's (`zh/`, `../`).
        var prefix: String
        /// Its pages: a page of this language links to the same name there if it has it.
        var pages: Set<String>
    }

    /// The page of `lessons[position]`.
    func lessonPage(at position: Int) -> String {
        let lesson = lessons[position]
        var main = ""
        if !lesson.sections.isEmpty {
            let onThisPage = HTML.escape(interface.onThisPage)
            main += "<nav class=\"toc\" aria-label=\"\(onThisPage)\">\n<p class=\"nav-title\">\(onThisPage)</p>\n<ol>\n"
            for section in lesson.sections {
                main += "<li class=\"level-\(section.level)\"><a href=\"#\(section.id)\">\(HTML.escape(section.text))</a></li>\n"
            }
            main += "</ol>\n</nav>\n"
        }
        main += "<article>\n\(lesson.bodyHTML)</article>\n"
        main += Downloads.aside(lesson.downloads, interface, site: folder)
        main += "<nav class=\"pager\" aria-label=\"\(HTML.escape(interface.pagerLabel))\">\n"
        let previous = position > 0 ? (lessons[position - 1].page, lessons[position - 1].title) : ("index.html", interface.overviewLink)
        main += "<a class=\"previous\" rel=\"prev\" href=\"\(HTML.link(toFile: previous.0))\"><span>\(HTML.escape(interface.previous))</span> \(HTML.escape(previous.1))</a>\n"
        if position + 1 < lessons.count {
            let next = lessons[position + 1]
            main += "<a class=\"next\" rel=\"next\" href=\"\(HTML.link(toFile: next.page))\"><span>\(HTML.escape(interface.next))</span> \(HTML.escape(next.title))</a>\n"
        }
        main += "</nav>\n"
        let article = lesson.lang.map { "<article lang=\"\($0)\">" } ?? "<article>"
        if article != "<article>" { main = main.replacingOccurrences(of: "<article>\n", with: article + "\n") }
        return page(title: "\(lesson.title) · \(interface.title)", current: lesson.page, main: main)
    }

    /// The course's front page: the overview, then every lesson with its summary.
    func indexPage(overviewHTML: String) -> String {
        var main = "<article>\n\(overviewHTML)<h2 id=\"lessons\">\(HTML.escape(interface.lessonsHeading))</h2>\n<ol class=\"lesson-list\">\n"
        for lesson in lessons {
            main += "<li><a href=\"\(HTML.link(toFile: lesson.page))\">\(HTML.escape(lesson.title))</a>"
            if let summary = lesson.summaryHTML { main += "\n<p>\(summary)</p>" }
            main += "</li>\n"
        }
        main += "</ol>\n</article>\n"
        return page(title: interface.indexTitle, current: "index.html", main: main)
    }

    /// The search page: results for `?q=` when scripts run, and always the index of the words
    /// of every heading, each with the sections holding it.
    func searchPage(_ index: SearchIndex) -> String {
        var main = "<article>\n<h1 id=\"index\">\(HTML.escape(interface.searchPageTitle))</h1>\n"
        main += "<div id=\"search-page-results\" hidden>\n<h2 id=\"results\">\(HTML.escape(interface.searchResults))</h2>\n<ol></ol>\n</div>\n"
        main += "<p>\(HTML.escape(interface.searchPageIntro))</p>\n"
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
        return page(title: "\(interface.searchPageTitle) · \(interface.title)", current: SearchIndex.pageName, main: main)
    }

    /// A whole page around `main` (internal: the preview's error pages use it too).
    func page(title: String, current: String, main: String) -> String {
        let ui = interface
        let search = HTML.escape(ui.searchPlaceholder)
        var languages = ""
        for other in alternates where other.pages.contains(current) {
            let text = Interface.fill(ui.languageLink, ["name": HTML.escape(other.name)])
            languages += "<a class=\"language\" href=\"\(HTML.escape(other.prefix))\(HTML.link(toFile: current))\" "
                + "hreflang=\"\(HTML.escape(other.lang))\" lang=\"\(HTML.escape(other.lang))\">\(text)</a>\n"
        }
        var html = """
            <!doctype html>
            <html lang="\(HTML.escape(lang))">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light dark">
            <title>\(HTML.escape(title))</title>
            <link rel="stylesheet" href="\(root)style.css">
            <script src="\(SearchIndex.scriptName)" defer></script>
            <script src="\(SearchScript.name)" defer></script>
            </head>
            <body>
            <a class="skip" href="#content">\(HTML.escape(ui.skipToContent))</a>
            <header class="masthead"><a class="brand" href="index.html">\(HTML.escape(ui.title))</a> \
            <span class="tagline">\(HTML.escape(ui.tagline))</span>
            \(languages)<form class="search" role="search" action="\(SearchIndex.pageName)">
            <input type="search" name="q" placeholder="\(search)" aria-label="\(search)" autocomplete="off">
            <a class="search-index" href="\(SearchIndex.pageName)">\(HTML.escape(ui.searchIndexLink))</a>
            <ol class="search-results" hidden></ol>
            </form></header>
            <div class="layout">
            <nav class="sidebar" aria-label="\(HTML.escape(ui.sidebarLabel))">
            <p class="nav-title"><a href="index.html"\(current == "index.html" ? " aria-current=\"page\"" : "")>\(HTML.escape(ui.overviewLink))</a></p>
            <ol>

            """
        for lesson in lessons {
            let mark = lesson.page == current ? " aria-current=\"page\"" : ""
            let lang = lesson.lang.map { " lang=\"\(HTML.escape($0))\"" } ?? ""
            html += "<li><a href=\"\(HTML.link(toFile: lesson.page))\"\(mark)\(lang)>\(HTML.escape(lesson.title))</a></li>\n"
        }
        html += "</ol>\n</nav>\n<main id=\"content\">\n\(main)</main>\n</div>\n"
        let seed = "<code>\(context.seed)</code>", drop = "<code>\(HTML.escape(context.dropVersion))</code>"
        let command = "<code>swift run lessons build --seed \(context.seed)</code>"
        let licence = "<a href=\"\(root)\(MathFont.licencePath)\">SIL Open Font License 1.1</a>"
        html += "<footer class=\"footer\">\n<p>\(Interface.fill(ui.footerRun, ["seed": seed, "drop": drop, "command": command]))</p>\n"
        html += "<p>\(Interface.fill(ui.footerFont, ["licence": licence]))</p>\n</footer>\n</body>\n</html>\n"
        return html
    }
}
