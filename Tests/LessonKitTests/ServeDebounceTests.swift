import Foundation
import Testing

@testable import LessonKit

/// Changes close together cost one rebuild, holding all of them.
@Suite struct ServeDebounceTests {
    @Test func twoChangesInQuickSuccessionAreOneBatch() async throws {
        let debouncer = Debouncer(quiet: .milliseconds(100))
        let start = ContinuousClock.now
        debouncer.add(["b.md"])
        try await Task.sleep(for: .milliseconds(30))
        debouncer.add(["a.md", "b.md"])
        #expect(await debouncer.next() == ["a.md", "b.md"])
        #expect(ContinuousClock.now - start >= .milliseconds(130), "waits for quiet after the last change")
        debouncer.finish()
        #expect(await debouncer.next() == nil)
    }

    @Test func twoSavesInQuickSuccessionGiveOneRebuildWithBoth() async throws {
        let folder = try ServeFixtures.folder([
            "a.md": ServeFixtures.lesson("Alpha", prose: "One."), "b.md": ServeFixtures.lesson("Beta", prose: "One."),
        ])
        let session = PreviewSession(builder: try ServeFixtures.builder(folder))
        await session.rebuild()
        let watcher = try FileWatcher(directory: folder, suffix: ".md")
        // Generous, so that a loaded machine (the whole suite runs at once) cannot split the two.
        let debouncer = Debouncer(quiet: .milliseconds(500))
        watcher.start { debouncer.add($0) }
        defer { watcher.stop() }
        let reports = Lines()
        let loop = Task { await session.watch(debouncer) { reports.append($0) } }

        try ServeFixtures.write(ServeFixtures.lesson("Alpha", prose: "Two."), to: "a.md", in: folder)
        try ServeFixtures.write(ServeFixtures.lesson("Beta", prose: "Two."), to: "b.md", in: folder)
        #expect(await ChannelFixtures.eventually(within: 10) { !reports.all.isEmpty })
        try await Task.sleep(for: .milliseconds(1000))
        #expect(reports.all.count == 1, "one rebuild: \(reports.all)")
        #expect(reports.all.first?.hasPrefix("rebuild 2 (a.md, b.md") == true)
        #expect(await ServeFixtures.page(session, "/a.html").contains("Two."))
        #expect(await ServeFixtures.page(session, "/b.html").contains("Two."))
        debouncer.finish()
        await loop.value
    }
}
