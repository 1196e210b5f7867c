// 05-droppath-in-vit.swift: the run blocks of "DropPath in a Vision Transformer" (Lessons/05-droppath-in-vit.md), in order, each
// seeded as on the page (built with --seed 0). From a Droplab checkout, after `swift build`:
//   swift -swift-version 5 -module-name lesson -I .build/debug/Modules -L .build/debug -lLessonRuntime Site/downloads/05-droppath-in-vit.swift
// Another seed: change the manualSeed(…) numbers, or rebuild with `lessons build --seed N`.
import Drop
import LessonRuntime

// Figures are drawn on the lesson's page; run alone, each one is announced by a line.
func show(_ figure: some Figure) { show(svg: figure.svg) }
func show(svg: String) { print("[figure: \(svg.utf8.count) bytes of SVG]") }

// MARK: - Block 1 (Lessons/05-droppath-in-vit.md:38)
manualSeed(3971392592)
let plain = Block(dim: 8, numHeads: 2, dropPath: 0)
let regularised = Block(dim: 8, numHeads: 2, dropPath: 0.1)
print("rate 0:  ", type(of: plain.dropPath1), type(of: plain.dropPath2))
print("rate 0.1:", type(of: regularised.dropPath1), type(of: regularised.dropPath2))
precondition(plain.dropPath1 is Identity && plain.dropPath2 is Identity,
             "rate 0 must give Identity")
precondition(regularised.dropPath1 is DropPath && regularised.dropPath2 is DropPath,
             "a rate above 0 must give DropPath")

// MARK: - Block 2 (Lessons/05-droppath-in-vit.md:54)
manualSeed(2883516919)
let block = Block(dim: 8, numHeads: 2, dropPath: 0.5)
let x = randn(4, 3, 8)                                          // (B, N, D)
block.eval()
let evaluated = noGrad { block(x) }                             // (B, N, D)
precondition(block(x) == evaluated, "evaluation mode is deterministic")
// The branches before their drop paths:
// attnBranch(x) is attn(norm1(x)), mlpBranch(x) is mlp(norm2(x)).
let h = x + block.attnBranch(x)
precondition(evaluated == h + block.mlpBranch(h), "in evaluation both branches run")
print("token 0 of sample 0, in and out:")
print(x[0][0])                                                  // (D,)
print(evaluated[0][0])                                          // (D,): both branches added

// MARK: - Block 3 (Lessons/05-droppath-in-vit.md:86)
manualSeed(551885056)
block.train()
let hKept = x + 2 * block.attnBranch(x)                    // (B, N, D): attention kept
let candidates: [(String, Tensor)] = [
    ("attention dropped, MLP dropped", x),
    ("attention dropped, MLP kept   ", x + 2 * block.mlpBranch(x)),
    ("attention kept,    MLP dropped", hKept),
    ("attention kept,    MLP kept   ", hKept + 2 * block.mlpBranch(hKept)),
]

var pass = 0, droppedBranches = 0
repeat {
    pass += 1
    precondition(pass <= 50, "50 passes without a dropped branch (probability 256^-50)")
    let out = block(x)                                          // (B, N, D), random
    droppedBranches = 0
    print("pass \(pass):")
    for b in 0..<4 {
        let matches = candidates.indices.filter { candidates[$0].1[b] == out[b] }
        precondition(matches.count == 1,
                     "sample \(b) must equal exactly one candidate, bit for bit")
        droppedBranches += [2, 1, 1, 0][matches[0]]
        print("  sample \(b): \(candidates[matches[0]].0)")
    }
} while droppedBranches == 0
print("dropped branches in pass \(pass): \(droppedBranches),",
      "each contributing nothing")

// MARK: - Block 4 (Lessons/05-droppath-in-vit.md:173)
manualSeed(3584834943)
let rates = dropPathSchedule(rate: 0.1, depth: 12)
let huang = (1...12).map { Double($0) / 12 * 0.1 }            // drop rate 1 − q_l, q_L = 0.9
let mean = rates.reduce(0, +) / 12
show(BarChart(
    categories: (1...12).map(String.init),
    [.init("timm: linspace(0, 0.1, 12)", rates), .init("Huang et al.: (l / L) · 0.1", huang),
     .init("uniform, same mean (0.05)", Array(repeating: mean, count: 12))],
    title: "Drop rate per block, depth 12, maximum 0.1", xLabel: "block l", yLabel: "drop rate"))
print("timm's rates:", rates)
precondition(rates.count == 12 && rates[0] == 0, "the first block is never dropped")
precondition(abs(rates[11] - 0.1) < 1e-7, "the last block gets the full rate")
precondition(abs(mean - 0.05) < 1e-7, "the rates average 0.1 / 2")

let branches = 2 * rates.map { 1 - $0 }.reduce(0, +)
let skippedBlocks = rates.map { $0 * $0 }.reduce(0, +)
print("expected residual branches run per sample:", branches, "of 24")
print("expected blocks skipped whole (both branches dropped) per sample:", skippedBlocks)
precondition(abs(branches - 22.8) < 1e-5, "Σ 2(1 − p_l) = 24 − 24 · 0.05 = 22.8")
precondition(abs(skippedBlocks - 0.0418) < 1e-4, "Σ p_l² = 0.01 · 506 / 121")

// MARK: - Block 5 (Lessons/05-droppath-in-vit.md:218)
manualSeed(3382755833)
let stack = BlockStack(depth: 12, dim: 8, numHeads: 2, dropPathRate: 0.1)
let samples = 2_000
var active = zeros(samples, 1, 1)                       // (S, 1, 1): branches run
var skipped = zeros(samples, 1, 1)                      // (S, 1, 1): blocks skipped whole
var variance: Double = 0, skippedVariance: Double = 0
for (block, rate) in zip(stack.blocks, dropPathSchedule(rate: 0.1, depth: 12)) {
    let ran = [block.dropPath1, block.dropPath2].map { $0(ones(samples, 1, 1)) > 0 }  // 1 = ran
    active = active + ran[0] + ran[1]
    skipped = skipped + (1 - ran[0]) * (1 - ran[1])
    variance += 2 * Double(rate) * Double(1 - rate)
    skippedVariance += Double(rate * rate) * Double(1 - rate * rate)
}
let meanActive = Double(active.mean().item())
let meanSkipped = Double(skipped.mean().item())
let bound = 5 * (variance / Double(samples)).squareRoot()
let skippedBound = 5 * (skippedVariance / Double(samples)).squareRoot()
print("mean branches run over 2000 samples:", meanActive)
print("mean blocks skipped whole:", meanSkipped)
print("expected: 22.8 ±", Float(bound), "and 0.0418 ±", Float(skippedBound), "(5 standard errors)")
precondition(abs(meanActive - 22.8) <= bound, "the mean must match Σ 2(1 − p_l) = 22.8")
precondition(abs(meanSkipped - 0.0418) <= skippedBound, "the mean must match Σ p_l² ≈ 0.0418")

// MARK: - Block 6 (Lessons/05-droppath-in-vit.md:270)
manualSeed(313206973)
import Glibc

/// n points on three spiral arms (point i on arm i % 3) with a little Gaussian noise, from the seed.
func spirals(_ n: Int) -> (points: Tensor, labels: [Int]) {
    let t = rand(n).scalars                             // where on its arm, 0…1
    let noise = randn(n, 2) * 0.04                      // (n, 2)
    var xy: [Float] = []
    for i in 0..<n {
        let r = Double(t[i]), angle = 3 * Double.pi * r + 2 * Double.pi * Double(i % 3) / 3
        xy += [Float(r * cos(angle)), Float(r * sin(angle))]
    }
    return (Tensor(xy, shape: [n, 2]) + noise, (0..<n).map { $0 % 3 })
}

/// 2 → 32, six residual blocks h + dropPath(fc2(relu(fc1(h)))) with per-block rates, 32 → 3.
final class ResidualNet {
    let embed = Linear(inFeatures: 2, outFeatures: 32)
    let blocks = (0..<6).map { _ in (Linear(inFeatures: 32, outFeatures: 32), Linear(inFeatures: 32, outFeatures: 32)) }
    let head = Linear(inFeatures: 32, outFeatures: 3)
    let rates: [Double]
    init(rates: [Double]) { self.rates = rates }
    var parameters: [Tensor] {
        embed.parameters() + blocks.flatMap { $0.0.parameters() + $0.1.parameters() } + head.parameters()
    }
    /// The logits; `skipping` deletes that block (its branch) at test time.
    func callAsFunction(_ x: Tensor, training: Bool, skipping: Int? = nil) -> Tensor {
        var h = embed(x)                                                      // (n, 32)
        for (i, (fc1, fc2)) in blocks.enumerated() where i != skipping {
            h = h + dropPath(fc2(fc1(h).relu()), dropProb: rates[i], training: training)
        }
        return head(h)
    }
}

/// Trains `net` on the points with Adam (lr 5e-3) for 300 steps.
func fit(_ net: ResidualNet, _ data: (points: Tensor, labels: [Int])) {
    let opt = AdamW(net.parameters, lr: 5e-3, weightDecay: 0)
    for _ in 1...300 {
        opt.zeroGrad()
        crossEntropy(net(data.points, training: true), targets: data.labels).backward()
        opt.step()
    }
}
/// The share of points whose largest logit is at their arm.
func accuracy(_ logits: Tensor, _ labels: [Int]) -> Float {
    let z = logits.scalars
    let hits = labels.indices.filter { i in (0..<3).allSatisfy { z[i * 3 + $0] <= z[i * 3 + labels[i]] } }
    return Float(hits.count) / Float(labels.count)
}
/// `x` with 3 decimals, as Python's `"%.3f" % x`.
func fixed(_ x: Float) -> String {
    let thousandths = Int((Double(x).magnitude * 1000).rounded())
    let fraction = String(thousandths % 1000)
    return (x < 0 && thousandths > 0 ? "-" : "") + "\(thousandths / 1000)."
        + String(repeating: "0", count: 3 - fraction.count) + fraction
}
/// Prints the claim's line (read back by `Tests/Seeds/claim_margins.py`); stops the build if false.
func claim(_ name: String, _ what: String, _ value: Float, atLeast bound: Float,
           file: StaticString = #file, line: UInt = #line) {
    print("claim \(name): \(what) \(fixed(value)) ≥ \(fixed(bound)) (margin \(fixed(value - bound)))")
    precondition(value >= bound, "\(name): \(what) is \(value), below \(bound)", file: file, line: line)
}
/// The same for a `value` that must stay at or below `bound`.
func claim(_ name: String, _ what: String, _ value: Float, atMost bound: Float,
           file: StaticString = #file, line: UInt = #line) {
    print("claim \(name): \(what) \(fixed(value)) ≤ \(fixed(bound)) (margin \(fixed(bound - value)))")
    precondition(value <= bound, "\(name): \(what) is \(value), above \(bound)", file: file, line: line)
}

let train = spirals(300), test = spirals(300)
let trainings: [(String, [Double])] = [
    ("rate 0", [Double](repeating: 0, count: 6)),
    ("uniform 0.5", [Double](repeating: 0.5, count: 6)),
    ("linear 0 → 0.5", dropPathSchedule(rate: 0.5, depth: 6)),
]
var costs: [[Float]] = []                                 // accuracy lost by deleting each block
for (name, rates) in trainings {
    let net = ResidualNet(rates: rates)
    fit(net, train)
    let full = accuracy(noGrad { net(test.points, training: false) }, test.labels)
    costs.append((0..<6).map { block in
        full - accuracy(noGrad { net(test.points, training: false, skipping: block) }, test.labels)
    })
    print(name + String(repeating: " ", count: 16 - name.count), "test accuracy", fixed(full),
          " lost by deleting block 0…5:", costs.last!.map(fixed).joined(separator: " "))
}
show(BarChart(
    categories: (0..<6).map { "block \($0)" },
    zip(trainings, costs).map { BarChart.Series($0.0.0, $0.1.map { max($0, 0) }) },  // a gain shows as 0
    title: "Test accuracy lost when one block is deleted after training",
    xLabel: "deleted block", yLabel: "accuracy lost"))
claim("rate0-first-critical", "accuracy lost deleting block 0 of the rate-0 network", costs[0][0], atLeast: 0.05)
claim("uniform-none-critical", "largest loss over blocks, uniform", costs[1].max()!, atMost: 0.2)
claim("linear-first-critical", "block 0's loss minus the largest other, linear",
      costs[2][0] - costs[2].dropFirst().max()!, atLeast: 0.25)
