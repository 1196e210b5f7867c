// 04-why-divide.swift: the run blocks of "Why divide by the keep probability" (Lessons/04-why-divide.md), in order, each
// seeded as on the page (built with --seed 0). From a Droplab checkout, after `swift build`:
//   swift -swift-version 5 -module-name lesson -I .build/debug/Modules -L .build/debug -lLessonRuntime Site/downloads/04-why-divide.swift
// Another seed: change the manualSeed(…) numbers, or rebuild with `lessons build --seed N`.
import Drop
import LessonRuntime

// Figures are drawn on the lesson's page; run alone, each one is announced by a line.
func show(_ figure: some Figure) { show(svg: figure.svg) }
func show(svg: String) { print("[figure: \(svg.utf8.count) bytes of SVG]") }
_lessonDeclareData("digits.txt", path: "Lessons/data/digits.txt")

// MARK: - Block 1 (Lessons/04-why-divide.md:47)
manualSeed(1061589000)
let a: Float = 1.5
let p: Float = 0.4
let q = 1 - p
let n = 4000
let draws = dropout(full([n], a), p: Double(p), training: true)  // (n,): n draws of y

var sumOfDraws = 0.0, sumOfSquares = 0.0, survivors = 0
var runningMean: [Float] = []
for (k, y) in draws.scalars.enumerated() {
    sumOfDraws += Double(y)
    sumOfSquares += Double(y) * Double(y)
    if y != 0 { survivors += 1 }
    runningMean.append(Float(sumOfDraws / Double(k + 1)))
}
let mean = Float(sumOfDraws / Double(n))
let variance = Float(sumOfSquares / Double(n)) - mean * mean
let sigma = a * (p / q).squareRoot()
let bound = 5 * sigma / Float(n).squareRoot()
// Plot every draw up to 200, where the curve moves, then every 20th, on a log axis.
let plotted = (1...n).filter { $0 <= 200 || $0 % 20 == 0 }
// The envelope starts at n = 10, where it fits the axis.
let envelopeDraws = plotted.filter { $0 >= 10 }.map(Float.init)
let halfWidth = envelopeDraws.map { 5 * sigma / $0.squareRoot() }
show(LinePlot(
    [.init("running mean of y", x: plotted.map(Float.init), y: plotted.map { runningMean[$0 - 1] })],
    bands: [.init("a ± 5σ/√n", x: envelopeDraws,
                  lower: halfWidth.map { a - $0 }, upper: halfWidth.map { a + $0 })],
    reference: .init(a, label: "a = 1.5"),
    title: "Running mean of inverted dropout, a = 1.5, p = 0.4",
    xLabel: "draws n (log scale)", yLabel: "mean of the first n draws", logX: true))
print("running mean after 10, 100, 1000, 4000 draws:",
      Tensor([runningMean[9], runningMean[99], runningMean[999], runningMean[n - 1]]))
print("|mean − a| =", Tensor(abs(mean - a)), " 5σ/√n =", Tensor(bound))
precondition(abs(mean - a) <= bound, "the mean of y must converge to a")

// The survivors' share is a binomial proportion around q, and
// y's variance is (a/q)² · share · (1 − share).
let share = Float(survivors) / Float(n)
let shareBound = 5 * (q * p / Float(n)).squareRoot()
let varianceBound =
    (a / q) * (a / q) * (abs(1 - 2 * q) * shareBound + shareBound * shareBound) + 1e-4
print("survivors:", Tensor(share), " q =", Tensor(q))
print("variance: ", Tensor(variance), " a²p/q =", Tensor(a * a * p / q))
precondition(abs(share - q) <= shareBound, "dropout must keep a share q of the draws")
precondition(abs(variance - a * a * p / q) <= varianceBound, "the variance is a²p/q")

// MARK: - Block 2 (Lessons/04-why-divide.md:122)
manualSeed(2956563690)
// p = 0.4 and q = 0.6, as above.
let activations = Tensor([0.5, -1.2, 2.0, 0.8, 1.1, 0.3, -0.4, 1.7])    // (8,)
let trials = 10_000
let m = bernoulli(full([trials, 8], q))                                // (trials, 8)
let batch = activations * ones(trials, 8)                              // (trials, 8)

/// The next layer's input z = Σ activations: mean in training, value in evaluation.
func nextLayer(training: Tensor, evaluation: Tensor) -> (train: Float, eval: Float) {
    (training.sum(dim: 1).mean().item(), evaluation.sum().item())
}
let inverted = nextLayer(training: batch * m / q, evaluation: activations)
let unscaled = nextLayer(training: batch * m, evaluation: activations)
let both = nextLayer(training: batch * m / q, evaluation: activations * q)
let forms = [("inverted  ", inverted), ("no scaling", unscaled), ("both      ", both)]
for (name, z) in forms {
    print(name, " mean z in training:", Tensor(z.train),
          "  z at evaluation:", Tensor(z.eval),
          "  evaluation / training:", Tensor(z.eval / z.train))
}

// The training mean of z averages `trials` sums. Its standard error is
// √(Σ a_i² p/q / trials) for the divided forms, q times that for the unscaled one.
let se = (activations * activations).sum().item().squareRoot() * (p / q).squareRoot()
    / Float(trials).squareRoot()
let total = activations.sum().item()
precondition(abs(inverted.train - total) <= 5 * se, "inverted: training mean equals z")
precondition(abs(unscaled.train - q * total) <= 5 * q * se, "unscaled: q·z in training")
precondition(abs(both.train - total) <= 5 * se, "both: training mean equals z")
precondition(abs(both.eval - q * total) <= 1e-5, "both: evaluation sees q·z")

// MARK: - Block 3 (Lessons/04-why-divide.md:172)
manualSeed(2371154281)
let digits = readDigits()                                  // (1797, 64), labels 0…9
/// Rows lo..<hi of a (rows, 64) tensor.
func rows(_ t: Tensor, _ lo: Int, _ hi: Int) -> Tensor {
    Tensor(Array(t.scalars[lo * 64 ..< hi * 64]), shape: [hi - lo, 64])
}
let trainX = rows(digits.images, 0, 1000), testX = rows(digits.images, 1000, 1797)
let trainY = Array(digits.labels[0 ..< 1000]), testY = Array(digits.labels[1000...])
let keep: Float = 0.6                                     // p = 0.4 after each of 6 hidden layers

/// 64 → six hidden ReLU layers of 64 → 10, inverted dropout after each hidden layer in training;
/// at evaluation each hidden layer's output is multiplied by `evalScale`.
final class DeepMLP {
    let hidden = (0..<6).map { _ in Linear(inFeatures: 64, outFeatures: 64) }
    let out = Linear(inFeatures: 64, outFeatures: 10)
    var parameters: [Tensor] { hidden.flatMap { $0.parameters() } + out.parameters() }
    func callAsFunction(_ x: Tensor, training: Bool, evalScale: Float = 1) -> Tensor {
        var h = x
        for layer in hidden {
            h = layer(h).relu()
            h = training ? dropout(h, p: Double(1 - keep)) : h * evalScale
        }
        return out(h)
    }
}
/// The share of rows whose largest logit is at the label (the first one on ties, as argmax).
func accuracy(_ logits: Tensor, _ labels: [Int]) -> Float {
    let z = logits.scalars, k = logits.shape[1]
    var hits = 0
    for (i, label) in labels.enumerated() {
        var best = 0
        for j in 1..<k where z[i * k + j] > z[i * k + best] { best = j }
        if best == label { hits += 1 }
    }
    return Float(hits) / Float(labels.count)
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

let deep = DeepMLP()
let opt = AdamW(deep.parameters, lr: 1e-3, weightDecay: 0)
for _ in 1...300 {
    opt.zeroGrad()
    crossEntropy(deep(trainX, training: true), targets: trainY).backward()
    opt.step()
}
print("evaluation               scale per layer   test loss   test accuracy")
var results: [(loss: Float, accuracy: Float)] = []
for (name, scale) in [("correct (identity)", Float(1)), ("divided by q again", 1 / keep), ("multiplied by q", keep)] {
    let logits = noGrad { deep(testX, training: false, evalScale: scale) }
    results.append((crossEntropy(logits, targets: testY).item(), accuracy(logits, testY)))
    print(name + String(repeating: " ", count: 25 - name.count) + fixed(scale)
          + "             " + fixed(results.last!.loss) + "       " + fixed(results.last!.accuracy))
}
print("(1/q)^6 =", fixed(1 / (keep * keep * keep * keep * keep * keep)), "  q^6 =", fixed(keep * keep * keep * keep * keep * keep))
claim("divided-again-loss", "test loss divided again ÷ correct", results[1].loss / results[0].loss, atLeast: 3)
claim("scaled-twice-accuracy", "accuracy lost when multiplied by q", results[0].accuracy - results[2].accuracy, atLeast: 0.15)
claim("divided-again-accuracy", "accuracy lost multiplied by q minus lost divided again",
      (results[0].accuracy - results[2].accuracy) - (results[0].accuracy - results[1].accuracy), atLeast: 0)

// MARK: - Block 4 (Lessons/04-why-divide.md:318)
manualSeed(3903467213)
// The first hidden layer of an untrained network, then dropout, then batch norm.
let layer = Linear(inFeatures: 64, outFeatures: 64)
let norm = BatchNorm1d(64)
let features = noGrad { layer(trainX).relu() }                    // (1000, 64), what dropout receives
for _ in 0..<60 {                                                  // 60 training batches: statistics settle
    _ = noGrad { norm(dropout(features, p: 0.5)) }
}
// What batch norm's input looks like at evaluation, with dropout off: the same features.
let evalMean = features.mean(dim: 0), evalVar = features.var(dim: 0)        // (64,) each
let meanRatio = (norm.runningMean.sum() / evalMean.sum()).item()
let varRatio = (norm.runningVar.sum() / evalVar.sum()).item()
print("running mean ÷ evaluation mean (summed over 64 features):    ", fixed(meanRatio))
print("running var ÷ evaluation variance (summed over 64 features):", fixed(varRatio))
claim("batchnorm-same-mean", "|mean ratio − 1|", abs(meanRatio - 1), atMost: 0.05)
claim("batchnorm-variance-overstated", "variance ratio", varRatio, atLeast: 1.5)
