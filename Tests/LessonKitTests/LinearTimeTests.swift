import Foundation
import Testing

@testable import LessonKit

/// Pathological lessons that made the old engine's passes quadratic: a 720 KB paragraph of
/// backtick runs and a 10,000-deep list. Parsing four times as much must take about four
/// times as long; quadratic passes would take sixteen. The factor allowed is generous (the
/// machine may be loaded), and the best of three runs is compared.
@Suite struct LinearTimeTests {
    /// Unmatched backtick runs of many lengths, and dollars between them.
    static func backticks(_ kilobytes: Int) -> String {
        var text = "# B\n\n"
        var n = 0
        while text.utf8.count < kilobytes * 1024 {
            text += String(repeating: "`", count: n % 17 + 1) + " $a " 
            n += 1
        }
        return text + "\n"
    }

    /// A list nested `depth` deep, one item per line.
    static func deepList(_ depth: Int) -> String {
        "# L\n\n" + String(repeating: "- ", count: depth) + "x $y$\n"
    }

    static func bestOfThree(_ source: String) -> Duration {
        let clock = ContinuousClock()
        return (0..<3).map { _ in clock.measure { _ = try? ParsedPage.body(source) } }.min()!
    }

    static func growth(_ make: (Int) -> String, _ size: Int) -> Double {
        let small = bestOfThree(make(size)), large = bestOfThree(make(4 * size))
        return large / small
    }

    @Test func aParagraphOfBacktickRunsParsesInLinearTime() {
        let factor = Self.growth(Self.backticks, 180)
        #expect(factor < 9, "4× the text took \(factor)× the time")
    }

    @Test func aDeepListParsesInLinearTime() {
        let factor = Self.growth(Self.deepList, 2_500)
        #expect(factor < 9, "4× the depth took \(factor)× the time")
    }
}
