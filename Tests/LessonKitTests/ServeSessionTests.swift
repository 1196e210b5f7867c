import Foundation
import Testing

@testable import LessonKit

/// The preview's rebuild loop, without a browser or HTTP: what a change re-runs, what a failing
/// lesson shows, and that the site it holds is the one `lessons build` writes.
@Suite struct ServeSessionTests {
    @Test func proseReRendersWithoutExecutingABlockReRunsOnlyItsLessonAndAFailureRecovers() async throws {
        let folder = try ServeFixtures.folder([
            "a.md": ServeFixtures.lesson("Alpha", prose: "Alpha prose.", code: "print(\"alpha\", 1)"),
            "b.md": ServeFixtures.lesson("Beta", prose: "Beta prose.", code: "print(\"beta\", 1)"),
        ])
        let session = PreviewSession(builder: try ServeFixtures.builder(folder))

        let first = await session.rebuild()
        #expect(first.executed == ["a.md", "b.md"] && first.failed.isEmpty)
        #expect(await ServeFixtures.page(session, "/a.html").contains("alpha 1"))

        // Prose, even a paragraph that moves the block down, is rendered without executing.
        try ServeFixtures.write(
            ServeFixtures.lesson("Alpha", prose: "Alpha prose, edited.\n\nA new paragraph.", code: "print(\"alpha\", 1)"),
            to: "a.md", in: folder)
        let prose = await session.rebuild(changes: ["a.md"])
        #expect(prose.executed.isEmpty && prose.changed)
        #expect(prose.report.contains("rebuild 2 (a.md)") && prose.report.contains("nothing re-ran"))
        let edited = await ServeFixtures.page(session, "/a.html")
        #expect(edited.contains("A new paragraph.") && edited.contains("alpha 1"))

        // A block change re-runs its lesson only.
        try ServeFixtures.write(
            ServeFixtures.lesson("Beta", prose: "Beta prose.", code: "print(\"beta\", 2)"), to: "b.md", in: folder)
        let block = await session.rebuild(changes: ["b.md"])
        #expect(block.executed == ["b.md"])
        #expect(await ServeFixtures.page(session, "/b.html").contains("beta 2"))

        // A broken lesson gets an error page as the terminal prints it; the others keep working.
        try ServeFixtures.write(
            ServeFixtures.lesson("Alpha", prose: "Alpha prose.", code: "print(notDefined)"), to: "a.md", in: folder)
        let broken = await session.rebuild(changes: ["a.md"])
        #expect(broken.executed == ["a.md"] && broken.failed == ["a.md"])
        let errorPage = await ServeFixtures.page(session, "/a.html")
        #expect(errorPage.contains("/a.md:6:7: error: [compile] block 1: cannot find"))
        #expect(errorPage.contains("&gt; 6 | print(notDefined)"), "the lesson's lines around the error")
        #expect(errorPage.contains("<link rel=\"stylesheet\" href=\"style.css\">"), "styled like the site")
        #expect(broken.report.contains("1 failing: a.md") && broken.report.contains("> 6 | print(notDefined)"))
        #expect(await ServeFixtures.page(session, "/b.html").contains("beta 2"))
        #expect(await session.response(to: "/index.html").status == 200)

        // Fixing it brings the lesson back.
        try ServeFixtures.write(
            ServeFixtures.lesson("Alpha", prose: "Alpha prose.", code: "print(\"alpha\", 3)"), to: "a.md", in: folder)
        let fixed = await session.rebuild(changes: ["a.md"])
        #expect(fixed.failed.isEmpty && fixed.executed == ["a.md"])
        #expect(await ServeFixtures.page(session, "/a.html").contains("alpha 3"))
    }

    @Test func theSiteHeldIsWhatBuildWritesAndOnlyServedPagesCarryTheReloadScript() async throws {
        let folder = try ServeFixtures.folder([
            "a.md": ServeFixtures.lesson("Alpha", prose: "Alpha prose."),
            "index.md": ServeFixtures.lesson("Course", prose: "The overview."),
        ])
        let builder = try ServeFixtures.builder(folder)
        let session = PreviewSession(builder: builder)
        await session.rebuild()
        let built = await builder.render { _ in }
        #expect(built.failures.isEmpty)
        #expect(await session.siteFiles == built.files.sorted { $0.path < $1.path })
        // Built pages load only the site's own search scripts; the reload script is the preview's.
        for file in built.files {
            let text = String(decoding: file.contents, as: UTF8.self)
            #expect(!text.contains("__droplab") && !text.contains("<script>"))
        }

        let served = await session.response(to: "/a.html")
        let page = String(decoding: served.body, as: UTF8.self)
        let raw = String(decoding: built.files.first { $0.path == "a.html" }!.contents, as: UTF8.self)
        #expect(served.contentType == "text/html; charset=utf-8")
        let generation = await session.generation
        #expect(page == PreviewPages.injectingReload(into: raw, generation: generation))
        #expect(page.contains("<script>new EventSource(\"/__droplab/events?since=1\").onmessage"))
        #expect(page.hasSuffix("</script>\n</body>\n</html>\n"))
        #expect(await session.response(to: "/style.css").body == Array(Stylesheet.css.utf8))
    }

    @Test func aPageLoadedBeforeARebuildIsToldToReloadAtOnce() async throws {
        let folder = try ServeFixtures.folder(["a.md": ServeFixtures.lesson("Alpha", prose: "One.")])
        let session = PreviewSession(builder: try ServeFixtures.builder(folder))
        await session.rebuild()
        let listening = await session.events(since: 1)
        try ServeFixtures.write(ServeFixtures.lesson("Alpha", prose: "Two."), to: "a.md", in: folder)
        await session.rebuild()
        var iterator = listening.makeAsyncIterator()
        #expect(await iterator.next() == 2)
        // A page still showing generation 1 connects late: it hears about generation 2 at once.
        var late = await session.events(since: 1).makeAsyncIterator()
        #expect(await late.next() == 2)
        // Saving without a change does not reload anything.
        let same = await session.rebuild()
        let generation = await session.generation
        #expect(!same.changed && generation == 2)
    }
}
