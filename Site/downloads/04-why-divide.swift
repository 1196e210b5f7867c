// 04-why-divide.swift: the run blocks of "Why divide by the keep probability" (Lessons/04-why-divide.md), in order, each
// seeded as on the page (built with --seed 0). From a Droplab checkout, after `swift build`:
//   swift -swift-version 5 -module-name lesson -I .build/debug/Modules -L .build/debug -lLessonRuntime Site/downloads/04-why-divide.swift
// Another seed: change the manualSeed(…) numbers, or rebuild with `lessons build --seed N`.
import Drop
import LessonRuntime

// Figures are drawn on the lesson's page; run alone, each one is announced by a line.
func show(_ figure: some Figure) { show(svg: figure.svg) }
func show(svg: String) { print("[figure: \(svg.utf8.count) bytes of SVG]") }

// MARK: - Block 1 (Lessons/04-why-divide.md:44)
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

// MARK: - Block 2 (Lessons/04-why-divide.md:119)
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
