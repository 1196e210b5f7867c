import Testing

@testable import LessonKit

/// What a request may name: the site's own files, nothing outside it.
@Suite struct ServeRequestTests {
    @Test func onlyTheSitesOwnFilesCanBeNamed() {
        #expect(PreviewResponse.sitePath(forTarget: "/") == "index.html")
        #expect(PreviewResponse.sitePath(forTarget: "/02-droppath.html?x=1#top") == "02-droppath.html")
        #expect(PreviewResponse.sitePath(forTarget: "/downloads/") == "downloads/index.html")
        for target in [
            "/../Package.swift", "/%2e%2e/Package.swift", "/%2E%2E%2FPackage.swift", "/a/../../Package.swift",
            "/./index.html", "//etc/passwd", "/a//b.html", "index.html", "", "/..%5cPackage.swift",
            "/%00index.html", "/%zz",
        ] {
            #expect(PreviewResponse.sitePath(forTarget: target) == nil, "\(target)")
        }
    }

    @Test func eachFileHasItsMediaType() {
        #expect(PreviewResponse.contentType(of: "a.html") == "text/html; charset=utf-8")
        #expect(PreviewResponse.contentType(of: "style.css") == "text/css; charset=utf-8")
        #expect(PreviewResponse.contentType(of: "figures/x.svg") == "image/svg+xml")
        #expect(PreviewResponse.contentType(of: ".droplab-site") == "application/octet-stream")
    }

    @Test func pathsOutsideTheSiteAre404() async throws {
        let folder = try ServeFixtures.folder(["a.md": ServeFixtures.lesson("Alpha", prose: "One.")])
        let session = PreviewSession(builder: try ServeFixtures.builder(folder))
        await session.rebuild()
        #expect(await session.response(to: "/a.html").status == 200)
        for target in ["/../Package.swift", "/%2e%2e/Package.swift", "/etc/passwd", "//etc/passwd", "/a.md", "/nope.html"] {
            #expect(await session.response(to: target).status == 404, "\(target)")
        }
    }
}
