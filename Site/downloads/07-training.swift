// 07-training.swift: the run blocks of "Training with dropout: what it does to a network that learns" (Lessons/07-training.md), in order, each
// seeded as on the page (built with --seed 0). From a Droplab checkout, after `swift build`:
//   swift -swift-version 5 -module-name lesson -I .build/debug/Modules -L .build/debug -lLessonRuntime Site/downloads/07-training.swift
// Another seed: change the manualSeed(…) numbers, or rebuild with `lessons build --seed N`.
import Drop
import LessonRuntime

// Figures are drawn on the lesson's page; run alone, each one is announced by a line.
func show(_ figure: some Figure) { show(svg: figure.svg) }
func show(svg: String) { print("[figure: \(svg.utf8.count) bytes of SVG]") }
_lessonDeclareData("digits.txt", path: "Lessons/data/digits.txt")

// MARK: - Block 1 (Lessons/07-training.md:22)
manualSeed(1080869134)
let digits = readDigits()                               // (1797, 64), labels 0…9
let n = 500
/// Rows lo..<hi of a (rows, 64) tensor.
func rows(_ t: Tensor, _ lo: Int, _ hi: Int) -> Tensor {
    Tensor(Array(t.scalars[lo * 64 ..< hi * 64]), shape: [hi - lo, 64])
}
let trainX = rows(digits.images, 0, n), testX = rows(digits.images, n, 2 * n)   // (500, 64) each
let testY = Array(digits.labels[n ..< 2 * n])
// 30 % of the training labels are replaced by a wrong one, both drawn from the block's seed.
let flip = rand(n).scalars, shift = (rand(n) * 9).floor().scalars
let noisyY = (0..<n).map { flip[$0] < 0.3 ? (digits.labels[$0] + 1 + Int(shift[$0])) % 10 : digits.labels[$0] }

/// 64-128-128-10 with ReLU, and dropout with rate p after each hidden layer.
final class MLP {
    let fc1 = Linear(inFeatures: 64, outFeatures: 128)
    let fc2 = Linear(inFeatures: 128, outFeatures: 128)
    let fc3 = Linear(inFeatures: 128, outFeatures: 10)
    let p: Double
    init(p: Double) { self.p = p }
    var parameters: [Tensor] { fc1.parameters() + fc2.parameters() + fc3.parameters() }
    func callAsFunction(_ x: Tensor, training: Bool) -> Tensor {
        var h = fc1(x).relu()
        if training && p > 0 { h = dropout(h, p: p) }
        h = fc2(h).relu()
        if training && p > 0 { h = dropout(h, p: p) }
        return fc3(h)
    }
}
/// `x` with 3 decimals, as Python's `"%.3f" % x`.
func fixed(_ x: Float) -> String {
    let thousandths = Int((Double(x).magnitude * 1000).rounded())
    let fraction = String(thousandths % 1000)
    return (x < 0 && thousandths > 0 ? "-" : "") + "\(thousandths / 1000)."
        + String(repeating: "0", count: 3 - fraction.count) + fraction
}
/// Prints the claim's line (which `Tests/Seeds/claim_margins.py` reads back) and stops the
/// build if the measured `value` is below `bound`.
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

var curves: [Double: (train: [Float], test: [Float])] = [:]
var nets: [Double: MLP] = [:]
for p in [0.0, 0.5] {
    let net = MLP(p: p)
    let opt = AdamW(net.parameters, lr: 1e-3, weightDecay: 0)   // Adam: no weight decay
    var train: [Float] = [], test: [Float] = []
    for step in 1...300 {
        opt.zeroGrad()
        crossEntropy(net(trainX, training: true), targets: noisyY).backward()
        opt.step()
        if step % 25 == 0 {
            noGrad {
                train.append(accuracy(net(trainX, training: false), noisyY))
                test.append(accuracy(net(testX, training: false), testY))
            }
        }
    }
    curves[p] = (train, test)
    nets[p] = net
}
let (plain, dropped) = (curves[0]!, curves[0.5]!)
print("step   training accuracy (noisy labels)   test accuracy")
print("          p = 0     p = 0.5              p = 0     p = 0.5")
for k in stride(from: 1, to: 12, by: 2) {
    let step = String(25 * (k + 1))
    print(String(repeating: " ", count: 4 - step.count) + step + "      \(fixed(plain.train[k]))     \(fixed(dropped.train[k]))"
          + "              \(fixed(plain.test[k]))     \(fixed(dropped.test[k]))")
}
let steps = (1...12).map { Float(25 * $0) }
let accuracyCurves: [LinePlot.Series] = [
    .init("training, p = 0", x: steps, y: plain.train), .init("training, p = 0.5", x: steps, y: dropped.train),
    .init("test, p = 0", x: steps, y: plain.test), .init("test, p = 0.5", x: steps, y: dropped.test),
]
show(LinePlot(
    accuracyCurves, reference: .init(0.7, label: "share of true labels"),
    title: "Digits with 30 % wrong labels: accuracy while training",
    xLabel: "Adam steps", yLabel: "accuracy (training: on the noisy labels)"))
claim("memorise", "training-accuracy gap at step 300, p = 0 minus p = 0.5,",
      plain.train[11] - dropped.train[11], atLeast: 0.15)
claim("noisy-test", "test-accuracy gain at step 300, p = 0.5 minus p = 0,",
      dropped.test[11] - plain.test[11], atLeast: 0.08)

// MARK: - Block 2 (Lessons/07-training.md:146)
manualSeed(1098562400)
/// The index of the largest value of each row (the first on ties, as argmax).
func argmaxRows(_ t: Tensor) -> [Int] {
    let z = t.scalars, k = t.shape[1]
    return (0..<t.shape[0]).map { i in (1..<k).reduce(0) { z[i * k + $1] > z[i * k + $0] ? $1 : $0 } }
}
let trained = nets[0.5]!                                   // from the first block
let evaluated = argmaxRows(noGrad { trained(testX, training: false) })
var summed = zeros(n, 10)                                  // (500, 10)
for _ in 0..<100 {
    summed = summed + noGrad { trained(testX, training: true).softmax(dim: 1) }
}
let averaged = argmaxRows(summed / 100)
let agree = zip(evaluated, averaged).filter { $0 == $1 }.count
print("share of the 500 test digits with the same arg-max in the evaluation pass and the 100-mask average:",
      fixed(Float(agree) / Float(n)))
print("test accuracy: evaluation pass", fixed(accuracy(noGrad { trained(testX, training: false) }, testY)),
      " average over 100 masks", fixed(accuracy(summed, testY)))
claim("mask-average-close", "share of test digits where both agree", Float(agree) / Float(n), atLeast: 0.9)
claim("mask-average-differs", "share where they disagree", Float(n - agree) / Float(n), atLeast: 0.002)

// MARK: - Block 3 (Lessons/07-training.md:259)
manualSeed(3927816838)
let cleanY = Array(digits.labels[0 ..< n])
let threshold: Float = 0.5
var reached: [Double: Int] = [:], finalLoss: [Double: Float] = [:]
var lossCurves: [LinePlot.Series] = []
for p in [0.0, 0.5, 0.8, 0.9, 0.99] {
    let net = MLP(p: p)
    let opt = AdamW(net.parameters, lr: 1e-3, weightDecay: 0)
    var checked: [Float] = [], losses: [Float] = []
    for step in 1...300 {
        opt.zeroGrad()
        crossEntropy(net(trainX, training: true), targets: cleanY).backward()
        opt.step()
        guard step % 10 == 0 else { continue }
        // The loss of the network as evaluated (no dropout) on the training digits.
        let loss = noGrad { crossEntropy(net(trainX, training: false), targets: cleanY).item() }
        checked.append(Float(step))
        losses.append(loss)
        finalLoss[p] = loss
        if loss < threshold && p < 0.99 {
            reached[p] = step
            break
        }
    }
    lossCurves.append(.init("p = \(p)", x: checked, y: losses))
}
let notReached = 310   // "more than 300"
print("p        steps to a training loss below 0.5   loss at the last check")
for p in [0.0, 0.5, 0.8, 0.9, 0.99] {
    let shown = reached[p].map { String($0) } ?? "> 300"
    print("\(p)" + String(repeating: " ", count: 9 - "\(p)".count) + shown
          + String(repeating: " ", count: 37 - shown.count) + fixed(finalLoss[p]!))
}
show(LinePlot(lossCurves, reference: .init(threshold, label: "threshold 0.5"),
              title: "Training loss (evaluated without dropout) until it drops below 0.5",
              xLabel: "Adam steps", yLabel: "cross-entropy on the training digits"))
let needed = [0.0, 0.5, 0.8, 0.9].map { Float(reached[$0] ?? notReached) }
claim("sweep-order", "smallest step from one rate to the next higher (0, 0.5, 0.8, 0.9):",
      zip(needed.dropFirst(), needed).map { $0 - $1 }.min()!, atLeast: 0)
claim("sweep-slower", "extra steps p = 0.8 needs over p = 0:", needed[2] - needed[0], atLeast: 30)
let ln10: Float = 2.3025851   // the loss of guessing each digit with probability 1/10
claim("sweep-stall", "|loss at p = 0.99 after 300 steps − ln 10|", abs(finalLoss[0.99]! - ln10), atMost: 0.05)

// MARK: - Block 4 (Lessons/07-training.md:378)
manualSeed(922254360)
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

/// Trains `net` on the points with Adam for 300 steps; the evaluated training loss every 10.
func fit(_ net: ResidualNet, _ data: (points: Tensor, labels: [Int])) -> [Float] {
    let opt = AdamW(net.parameters, lr: 1e-2, weightDecay: 0)
    var losses: [Float] = []
    for step in 1...300 {
        opt.zeroGrad()
        crossEntropy(net(data.points, training: true), targets: data.labels).backward()
        opt.step()
        if step % 10 == 0 {
            losses.append(noGrad { crossEntropy(net(data.points, training: false), targets: data.labels).item() })
        }
    }
    return losses
}

let spiral = spirals(300)
let schedules: [(String, [Double])] = [
    ("uniform 0.5", [Double](repeating: 0.5, count: 6)),
    ("linear 0 → 0.5", dropPathSchedule(rate: 0.5, depth: 6)),
]
var spiralLosses: [[Float]] = []
for (name, rates) in schedules {
    spiralLosses.append(fit(ResidualNet(rates: rates), spiral))
    print(name + String(repeating: " ", count: 16 - name.count), "rates", Tensor(rates.map(Float.init)),
          " loss after 100, 200, 300 steps:", [9, 19, 29].map { fixed(spiralLosses.last![$0]) }.joined(separator: " "))
}
let checks = (1...30).map { Float(10 * $0) }
show(LinePlot(
    zip(schedules, spiralLosses).map { LinePlot.Series($0.0.0, x: checks, y: $0.1) },
    title: "Three spirals, six residual blocks: the same maximum drop-path rate, two schedules",
    xLabel: "Adam steps", yLabel: "cross-entropy (evaluated) on the training points"))
/// Steps until the evaluated loss is below 0.3 (310 if it never is).
func stepsToFit(_ losses: [Float]) -> Float { Float(10 * ((losses.firstIndex { $0 < 0.3 } ?? 30) + 1)) }
claim("droppath-schedule", "extra steps to a loss below 0.3, uniform over linear:",
      stepsToFit(spiralLosses[0]) - stepsToFit(spiralLosses[1]), atLeast: 0)
