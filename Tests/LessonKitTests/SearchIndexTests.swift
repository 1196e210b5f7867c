import Testing

@testable import LessonKit

/// The search index holds every word of every section (headings, prose, code, the glossary's
/// table), each pointing at the section's anchor; CJK text by bigrams; the page without
/// scripts lists the heading words. The whole index of the fixture course is the golden file
/// `Golden/Site/search-index.js` (SiteRendererTests).
@Suite struct SearchIndexTests {
    static func index() throws -> SearchIndex {
        let lessons = try SiteRendererTests.course().map { try LessonRenderer.render($0) }
        return SearchIndex(lessons: lessons)
    }

    static func entries(holding term: String) throws -> [String] {
        let index = try Self.index()
        let postings = index.terms.first { $0.term == term }?.entries ?? []
        return postings.map { index.entries[$0].href }
    }

    @Test func termsAreLowerCasedWordsAndCJKBigrams() {
        #expect(SearchIndex.terms(in: "DropPath drops the Branch, 0.1 of a x_2") == ["droppath", "drops", "branch"])
        #expect(SearchIndex.terms(in: "保留概率 and 率") == ["保留", "留概", "概率", "率"])
        #expect(SearchIndex.terms(in: "nn.Dropout(p=0.5)") == ["nn", "dropout"])
    }

    @Test func sectionsAreFoundByProseCodeHeadingsAndChinese() throws {
        #expect(try Self.entries(holding: "emphasis") == ["01-everything.html#prose-and-gfm"])
        #expect(try Self.entries(holding: "mask").contains("01-everything.html#run-blocks"), "code of a run block")
        #expect(try Self.entries(holding: "bernoulli") == ["01-everything.html#math"], "formulas by their TeX")
        #expect(try Self.entries(holding: "中文") == ["01-everything.html#prose-and-gfm"])
        #expect(try Self.entries(holding: "summary").contains("02-next.html"), "the top of a page has no anchor")
        #expect(try Self.entries(holding: "the").isEmpty, "stop words are left out")
    }

    @Test func theScriptDefinesTheIndexAndEscapesText() throws {
        let script = try Self.index().script
        #expect(script.hasPrefix("// The search index of this site"))
        #expect(script.contains("window.droplabSearchIndex = {\"entries\": [\n[\"01-everything.html\", \"Everything: the fixture lesson\", \"1 · Everything: the fixture lesson\"]"))
        #expect(SearchIndex.quoted("a\"b\\c</script>\n") == "\"a\\\"b\\\\c\\u003c/script>\\n\"")
        #expect(try Self.index().script == Self.index().script)
    }

    @Test func withoutScriptsTheSearchPageIsAnIndexOfHeadingWords() throws {
        let page = try SiteRendererTests.page("search.html")
        #expect(page.contains("<dt>gfm</dt>\n<dd><a href=\"01-everything.html#prose-and-gfm\">1 · Prose and GFM</a></dd>"))
        #expect(page.contains("<form class=\"search\" role=\"search\" action=\"search.html\">"))
        #expect(!page.contains("<dt>emphasis</dt>"), "only heading words are listed")
        for name in ["01-everything.html", "index.html"] {
            let html = try SiteRendererTests.page(name)
            #expect(html.contains("<script src=\"search-index.js\" defer></script>\n<script src=\"search.js\" defer></script>"))
            #expect(html.contains("<a class=\"search-index\" href=\"search.html\">Index</a>"))
        }
    }
}
