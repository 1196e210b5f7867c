import Drop
import LessonRuntime
import Testing

@testable import LessonKit

@Suite struct SanitizerTests {
    func lesson(_ html: String) -> Result<String, Sanitizer.Refusal> { Sanitizer(policy: .lesson).sanitize(html) }
    func figure(_ svg: String) -> Result<String, Sanitizer.Refusal> { Sanitizer(policy: .figure).sanitize(svg) }

    @Test func harmlessHTMLIsWrittenBackCanonically() {
        #expect(lesson("<div class=\"note\"><strong>Raw</strong> text</div>") == .success("<div class=\"note\"><strong>Raw</strong> text</div>"))
        #expect(lesson("<A HREF='02-next.html#top' title=\"a &amp; b\">x</A>") == .success("<a href=\"02-next.html#top\" title=\"a &amp; b\">x</a>"))
        #expect(lesson("<a href=https://pytorch.org>docs</a> <img src=figure.png alt=\"a > b\">")
            == .success("<a href=\"https://pytorch.org\">docs</a> <img src=\"figure.png\" alt=\"a &gt; b\">"))
        #expect(lesson("a < b <!-- a note --> c") == .success("a &lt; b  c"), "comments are dropped, a stray < is text")
        #expect(lesson("<span style=\"color: #333; text-align: center\">s</span>") == .success("<span style=\"color: #333; text-align: center\">s</span>"))
    }

    @Test func refusalsSayWhatAndWhere() {
        #expect(lesson("<p>\nfine\n<img src=x onerror=alert(1)>") == .failure(.init(lineOffset: 2, message: "<img onerror>: event handlers are not allowed (pages carry no script)")))
        #expect(lesson("<a href=\"javascript:alert(1)\">") == .failure(.init(lineOffset: 0, message: "<a href>: links go to the site's pages, #fragments, http(s): or mailto:")))
        #expect(lesson("<a href=\"&colon;\">") == .failure(.init(lineOffset: 0, message: "character reference &colon;…: write the character itself")))
    }

    @Test func theRuntimesFiguresPassUnchanged() {
        let heatmap = Heatmap(Tensor([0, 1, 2, 3, 0, 5], shape: [2, 3]), title: "a <mask> & \"more\"").svg
        let plot = LinePlot([.init("mean", [1, 0.5, 0.75])], reference: .init(1, label: "E[y]"), title: "t", xLabel: "x", yLabel: "y").svg
        #expect(figure(heatmap) == .success(heatmap))
        #expect(figure(plot) == .success(plot))
    }

    @Test(arguments: [
        "<svg><script>alert(1)</script></svg>",
        "<svg onload=\"alert(1)\"></svg>",
        "<svg><a href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        "<svg><image href=\"http://evil.example/x.png\"/></svg>",
        "<svg><foreignObject><iframe src=\"x\"></iframe></foreignObject></svg>",
        "<svg><animate attributeName=\"href\" values=\"javascript:alert(1)\"/></svg>",
        "<svg><use href=\"http://evil.example/s.svg#x\"/></svg>",
        "<svg><style>@import url(http://evil.example/x.css)</style></svg>",
        "<svg><rect fill=\"url(http://evil.example/p.svg#g)\"/></svg>",
        "<svg><rect style=\"fill: url(#g)\"/></svg>",
        "<svg></svg></div><script>alert(1)</script>",
        "<svg><![CDATA[<script>alert(1)</script>]]></svg>",
        "<svg><g></svg>",
    ])
    func figuresThatCouldRunOrLoadAreRefused(svg: String) {
        guard case .failure = figure(svg) else {
            Issue.record("\(svg) was let through")
            return
        }
    }

    @Test func aBadFigureIsARenderErrorAtItsBlock() throws {
        let lesson = try LessonParser.parse(path: "a.md", source: "# F\n\n```swift run\nshow(svg: s)\n```\n")
        let executed = ExecutedLesson(lesson: lesson, results: [BlockResult(seed: 0, items: [.svg("<svg onload=alert(1)></svg>")])])
        #expect(throws: LessonError(
            stage: .render, path: "a.md", line: 3, block: 0,
            message: "figure: <svg onload>: event handlers are not allowed (pages carry no script)")) {
            try LessonRenderer.render(executed)
        }
    }
}
