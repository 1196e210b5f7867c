// 01-dropout.swift: the run blocks of "Dropout: switching activations off at random" (Lessons/01-dropout.md), in order, each
// seeded as on the page (built with --seed 0). From a Droplab checkout, after `swift build`:
//   swift -swift-version 5 -module-name lesson -I .build/debug/Modules -L .build/debug -lLessonRuntime Site/downloads/01-dropout.swift
// Another seed: change the manualSeed(…) numbers, or rebuild with `lessons build --seed N`.
import Drop
import LessonRuntime

// Figures are drawn on the lesson's page; run alone, each one is announced by a line.
func show(_ figure: some Figure) { show(svg: figure.svg) }
func show(svg: String) { print("[figure: \(svg.utf8.count) bytes of SVG]") }

// MARK: - Block 1 (Lessons/01-dropout.md:68)
manualSeed(850588242)
let x = randn(2, 8)
let drop = Dropout(p: 0.5)
let y = drop(x)
print(x)
print(y)

// MARK: - Block 2 (Lessons/01-dropout.md:91)
manualSeed(3316552402)
let q: Float = 1 - 0.5
var survivors = 0
for (xi, yi) in zip(x.scalars, y.scalars) where yi != 0 {
    precondition(yi == xi / q, "a survivor must be its input divided by q")
    survivors += 1
}
print("\(survivors) of \(x.numel) activations survived, each divided by q = \(q)")

drop.eval()
precondition(drop(x).scalars == x.scalars, "in evaluation mode dropout is the identity")
print("eval mode: drop(x) == x")

// MARK: - Block 3 (Lessons/01-dropout.md:127)
manualSeed(3110171372)
let a = Tensor([0.5, -1.2, 2.0, 0.8])            // four activations
let p: Float = 0.4
let keep = 1 - p
let trials = 20_000
let copies = a * ones(trials, 4)                 // (trials, 4): a, once per trial
let m = bernoulli(full([trials, 4], keep))       // (trials, 4): 1 = kept, 0 = dropped

let originalTrain = (copies * m).mean(dim: 0)             // E over masks of m·a
let originalTest = a * keep                               // q·a
let invertedTrain = (copies * m / keep).mean(dim: 0)      // E over masks of m·a/q
let invertedTest = a                                      // a
print("original, mean in training:", originalTrain)
print("original, at evaluation:   ", originalTest)
print("inverted, mean in training:", invertedTrain)
print("inverted, at evaluation:   ", invertedTest)

// Each training mean is an average of `trials` independent draws: it must sit within
// 5 standard errors of its evaluation value (a 1-in-1.7-million miss per entry).
for i in 0..<4 {
    let ai = abs(a.scalars[i])
    let originalSE = ai * (keep * p).squareRoot() / Float(trials).squareRoot()
    let invertedSE = ai * (p / keep).squareRoot() / Float(trials).squareRoot()
    let originalGap = abs(originalTrain.scalars[i] - originalTest.scalars[i])
    let invertedGap = abs(invertedTrain.scalars[i] - invertedTest.scalars[i])
    precondition(originalGap <= 5 * originalSE, "original: training mean must be q·a")
    precondition(invertedGap <= 5 * invertedSE, "inverted: training mean must be a")
}
print("both forms: training mean == evaluation output, within 5 standard errors")

// MARK: - Block 4 (Lessons/01-dropout.md:205)
manualSeed(1012776088)
let maps = ones(2, 4, 3, 3)                                 // (B, C, H, W)
let elementwise = dropout(maps, p: 0.5, training: true)
let channelwise = dropout2d(maps, p: 0.5, training: true)
let maskLabels: [Float: String] = [2: "kept, ×1/q = 2", 0: "dropped"]
show(Heatmap(elementwise, title: "dropout: single pixels vanish", labels: maskLabels))
show(Heatmap(channelwise, title: "dropout2d: whole channels vanish", labels: maskLabels))
print(channelwise.mean(dim: 3).mean(dim: 2))                // (B, C): one per channel

// MARK: - Block 5 (Lessons/01-dropout.md:230)
manualSeed(3317442159)
for b in 0..<2 {
    for c in 0..<4 {
        let channel = channelwise[b][c].scalars
        precondition(channel.allSatisfy { $0 == channel[0] },
                     "dropout2d must keep or drop a whole channel")
        precondition(channel[0] == 0 || channel[0] == 2,
                     "a kept channel is scaled by 1/q = 2")
    }
}
print("dropout2d: each of the 8 channels is entirely kept (×2) or entirely zero")
