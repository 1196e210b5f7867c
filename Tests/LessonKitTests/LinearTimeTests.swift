import Foundation
import Testing

@testable import LessonKit

/// Pathological lessons that made the old engine's passes quadratic: a 720 KB paragraph of
/// backtick runs and a 10,000-deep list. Parsing four times as much must take about four
/// times as long; quadratic passes would take sixteen. The factor allowed is generous (the
/// machine may be loaded), and the best of five runs is compared.
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

    /// The best of five runs of each size, the two sizes taking turns, so that load that comes
    /// and goes (other tests run alongside) falls on both.
    static func growth(_ make: (Int) -> String, _ size: Int) -> Double {
        let clock = ContinuousClock()
        let sources = [make(size), make(4 * size)]
        var best = [Duration](repeating: .seconds(1_000), count: 2)
        for _ in 0..<5 {
            for (i, source) in sources.enumerated() {
                best[i] = min(best[i], clock.measure { _ = try? ParsedPage.body(source) })
            }
        }
        return best[1] / best[0]
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
