// 03-mask-shapes.swift: the run blocks of "The (b, 1, 1, 1) mask: one coin per sample, broadcast" (Lessons/03-mask-shapes.md), in order, each
// seeded as on the page (built with --seed 0). From a Droplab checkout, after `swift build`:
//   swift -swift-version 5 -module-name lesson -I .build/debug/Modules -L .build/debug -lLessonRuntime Site/downloads/03-mask-shapes.swift
// Another seed: change the manualSeed(…) numbers, or rebuild with `lessons build --seed N`.
import Drop
import LessonRuntime

// Figures are drawn on the lesson's page; run alone, each one is announced by a line.
func show(_ figure: some Figure) { show(svg: figure.svg) }
func show(svg: String) { print("[figure: \(svg.utf8.count) bytes of SVG]") }

// MARK: - Block 1 (Lessons/03-mask-shapes.md:17)
manualSeed(502840520)
let keepProb: Float = 0.6
let x = randn(3, 2, 2, 3)                 // (B, C, H, W)
let u = rand(3, 1, 1, 1)                  // (B, 1, 1, 1): one uniform number per sample
print(u)
let shifted = keepProb + u                // in [0.6, 1.6)
print(shifted)
let r = shifted.floor()                   // 1 keeps the sample, 0 drops it
print(r)
print(r.shape, "vs", x.shape)

// MARK: - Block 2 (Lessons/03-mask-shapes.md:47)
manualSeed(3316552402)
for b in 0..<3 {
    let dropped = u.scalars[b] < 1 - keepProb
    precondition(r.scalars[b] == (dropped ? 0 : 1),
                 "floor(q + u) must be 0 exactly when u < 1 - q")
    print("sample \(b): u = \(Tensor(u.scalars[b])) →", dropped ? "dropped" : "kept")
}

// MARK: - Block 3 (Lessons/03-mask-shapes.md:71)
manualSeed(3314749273)
let stretched = r * ones(3, 2, 2, 3)      // (3, 2, 2, 3): r copied over each sample
show(Heatmap(stretched, title: "r stretched to (3, 2, 2, 3): one value per sample",
             labels: [1: "kept (r = 1)", 0: "dropped (r = 0)"]))
let y = x / keepProb * r
precondition((x / keepProb * stretched).scalars == y.scalars,
             "broadcasting r must equal multiplying by the stretched mask")
print("x / keepProb * r == x / keepProb * stretched")

// MARK: - Block 4 (Lessons/03-mask-shapes.md:108)
manualSeed(1875520416)
let feature = ones(4, 3, 4, 4)                                    // (B, C, H, W)
// The mask shape of each rung, as a trailing comment:
let element = dropout(feature, p: 0.5, training: true)            // (B, C, H, W)
let block = dropBlock2d(feature, dropProb: 0.3, blockSize: 2)     // (B, 1, H, W), squares
let channel = dropout2d(feature, p: 0.5, training: true)          // (B, C, 1, 1)
let sample = dropPath(feature, dropProb: 0.5, training: true)     // (B, 1, 1, 1)
let mask: [Float: String] = [2: "kept, ×1/q = 2", 0: "dropped"]
show(Heatmap(element, title: "element: dropout", labels: mask))
show(Heatmap(block, title: "block: dropBlock2d, 2 × 2 squares shared by the channels",
             labels: [0: "dropped"]))
show(Heatmap(channel, title: "channel: dropout2d, mask (B, C, 1, 1)", labels: mask))
show(Heatmap(sample, title: "sample: dropPath, mask (B, 1, 1, 1)", labels: mask))
print("block: kept share", (block > 0).mean(), "scale", block.max())
print("channel coins:", channel.mean(dim: 3).mean(dim: 2))                     // (B, C)
print("sample coins: ", sample.mean(dim: 3).mean(dim: 2).mean(dim: 1))          // (B,)

// MARK: - Block 5 (Lessons/03-mask-shapes.md:148)
manualSeed(148158681)
var calls: [Tensor] = []
repeat {
    calls.append(stochasticDepth(ones(4, 1, 2, 2), p: 0.5, mode: .batch))   // mask (1, 1, 1, 1)
    precondition(calls.count <= 64, "64 equal coins in a row (probability 2^-63)")
} while calls.count < 4 || Set(calls.map { $0.scalars[0] }).count < 2
show(HeatmapPanels(
    calls.enumerated().map { Heatmap($1, title: "call \($0 + 1)") },
    title: "batch: stochasticDepth(.batch), mask (1, 1, 1, 1)", labels: mask))
print("batch coins:", calls.map { $0.scalars[0] == 0 ? "dropped" : "kept" }.joined(separator: ", "))

// MARK: - Block 6 (Lessons/03-mask-shapes.md:177)
manualSeed(3317166006)
/// True when `t`'s row-major entries are constant on each consecutive run of `length`.
func isConstant(_ t: Tensor, onRunsOf length: Int) -> Bool {
    stride(from: 0, to: t.numel, by: length).allSatisfy { start in
        t.scalars[start..<start + length].allSatisfy { $0 == t.scalars[start] }
    }
}

for t in [element, channel, sample] + calls {
    precondition(t.scalars.allSatisfy { $0 == 0 || $0 == 2 }, "every entry is 0 or 1/q")
}
precondition(isConstant(channel, onRunsOf: 4 * 4), "dropout2d: one coin per channel")
precondition(isConstant(sample, onRunsOf: 3 * 4 * 4), "dropPath: one coin per sample")
precondition(calls.allSatisfy { isConstant($0, onRunsOf: 4 * 2 * 2) }, "batch mode: one coin for all")
// All 12 channels constant by chance: probability (2 · 0.5^16)^12 = 2^-180.
precondition(!isConstant(element, onRunsOf: 4 * 4), "dropout: one coin per entry")
for b in 0..<4 {
    let holes = (0..<3).map { c in block[b][c].scalars.map { $0 == 0 } }
    precondition(holes[1] == holes[0] && holes[2] == holes[0], "dropBlock2d: channels share the squares")
}
print("every rung has exactly the structure of its mask shape")

// MARK: - Block 7 (Lessons/03-mask-shapes.md:203)
manualSeed(2654630322)
let tokens = ones(4, 5, 6)                                        // (B, N, D)
let dropped = dropPath(tokens, dropProb: 0.5, training: true)     // mask (B, 1, 1)
// Drawn as (B, 1, N, D), one row per sample.
show(Heatmap(dropped.reshape(4, 1, 5, 6), title: "dropPath on tokens: mask (B, 1, 1)", labels: mask))
for b in 0..<4 {
    let s = dropped[b].scalars
    precondition(s.allSatisfy { $0 == s[0] }, "all tokens of a sample share one coin")
}
print("each of the 4 samples: all 5 × 6 entries kept, or all dropped")

// MARK: - Block 8 (Lessons/03-mask-shapes.md:223)
// This block fails on purpose (should-fail); its error is on the page.
// let tokenBatch = randn(4, 5, 8)                      // (B, N, D)
// let shortMask = (Float(0.6) + rand(4)).floor()       // (4,): should have been (4, 1, 1)
// print(tokenBatch / 0.6 * shortMask)

// MARK: - Block 9 (Lessons/03-mask-shapes.md:234)
manualSeed(1920491191)
let images = randn(3, 2, 2, 3)                       // (B, C, H, W), and W == B
var wrongMask = (Float(0.6) + rand(3)).floor()       // (3,): lines up with W, not B
var draws = 1
while (wrongMask.sum().item() == 0 || wrongMask.sum().item() == 3) && draws < 60 {
    wrongMask = (Float(0.6) + rand(3)).floor()
    draws += 1
}
precondition(wrongMask.sum().item() == 1 || wrongMask.sum().item() == 2, "60 draws without a mixed mask")
print("draws:", draws)
let wronglyDropped = images / 0.6 * wrongMask        // no error!
show(Heatmap(ones(3, 2, 2, 3) * wrongMask,
             title: "mask (3,): columns dropped, not samples", labels: [1: "kept", 0: "dropped"]))
print(wrongMask)

// What happened: entry (b, c, h, w) was scaled by coin w, whatever its sample b.
for i in 0..<images.numel {
    let w = i % 3                                     // the last index of entry i
    let expected = images.scalars[i] / 0.6 * wrongMask.scalars[w]
    precondition(wronglyDropped.scalars[i] == expected,
                 "a (3,) mask is indexed by the last dimension")
}
print("each coin decided a column w of every sample, not a sample")
