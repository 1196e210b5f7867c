import Foundation
import Testing

@testable import LessonKit

/// Prints how long rendering a six-lesson course from cached results takes (the budget is
/// 0.1 s). Opt-in and assertion-free: timings belong to measurements, not to tests.
/// Run with `DROPLAB_MEASURE=1 swift test -c release --filter SiteRenderingSpeed`.
@Test(.enabled(if: ProcessInfo.processInfo.environment["DROPLAB_MEASURE"] == "1"))
func siteRenderingSpeed() throws {
    let everything = try SiteRendererTests.course()[0]
    let course = (1...6).map { n in
        var copy = everything
        copy.lesson.name = "0\(n)-lesson.md"
        copy.lesson.path = "Lessons/0\(n)-lesson.md"
        return copy
    }
    let clock = ContinuousClock()
    _ = try SiteRenderer.render(course, context: SiteRendererTests.context)  // warm-up
    let runs = 20
    let elapsed = try clock.measure {
        for _ in 0..<runs { _ = try SiteRenderer.render(course, context: SiteRendererTests.context) }
    }
    let bytes = try SiteRenderer.render(course, context: SiteRendererTests.context).reduce(0) { $0 + $1.contents.count }
    print("site rendering: 6 lessons, \(bytes) bytes, \(elapsed / runs) per render (mean of \(runs))")
}
