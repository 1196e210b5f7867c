// 06-summary.swift: the run blocks of "总结：Dropout 与 DropPath" (Lessons/zh/06-summary.md), in order, each
// seeded as on the page (built with --seed 0). From a Droplab checkout, after `swift build`:
//   swift -swift-version 5 -module-name lesson -I .build/debug/Modules -L .build/debug -lLessonRuntime Site/zh/downloads/06-summary.swift
// Another seed: change the manualSeed(…) numbers, or rebuild with `lessons build --seed N`.
import Drop
import LessonRuntime

// Figures are drawn on the lesson's page; run alone, each one is announced by a line.
func show(_ figure: some Figure) { show(svg: figure.svg) }
func show(svg: String) { print("[figure: \(svg.utf8.count) bytes of SVG]") }

// MARK: - Block 1 (Lessons/zh/06-summary.md:35)
manualSeed(290775799)
/// 把 `v` 四舍五入到 `digits` 位小数：`decimals(2.0 / 3, 2)` 得到 "0.67"。
func decimals(_ v: Double, _ digits: Int) -> String {
    let scale = (0..<digits).reduce(1) { product, _ in product * 10 }
    let n = Int((abs(v) * Double(scale)).rounded())
    let fraction = String(n % scale)
    return (v < 0 && n != 0 ? "-" : "") + "\(n / scale)."
        + String(repeating: "0", count: digits - fraction.count) + fraction
}

print("p     p/q    被丢弃分支的比例（线性调度，最大为 p，深度 12）")
for p in [0.1, 0.2, 0.3, 0.5, 0.7, 0.9] {
    let dropped = Double(dropPathSchedule(rate: p, depth: 12).reduce(0, +)) / 12
    precondition(abs(dropped - p / 2) < 1e-6, "线性调度丢弃的分支比例是 p / 2")
    let row = [decimals(p, 1), decimals(p / (1 - p), 2), decimals(dropped, 2)]
    print(row.joined(separator: "   "))
}

let x = randn(2, 3)
precondition(dropout(x, p: 0, training: true) == x, "p = 0 时是恒等映射")
let allDropped = dropout(x, p: 1, training: true)
precondition(allDropped.scalars.allSatisfy { $0 == 0 }, "p = 1 时得到全零，而不是 NaN")
let allPathsDropped = dropPath(x, dropProb: 1, training: true)
precondition(allPathsDropped.scalars.allSatisfy { $0 == 0 }, "dropProb = 1 时得到全零")
print(allDropped)
print(allPathsDropped)
