// 04-why-divide.swift: the run blocks of "为什么要除以保留概率" (Lessons/zh/04-why-divide.md), in order, each
// seeded as on the page (built with --seed 0). From a Droplab checkout, after `swift build`:
//   swift -swift-version 5 -module-name lesson -I .build/debug/Modules -L .build/debug -lLessonRuntime Site/zh/downloads/04-why-divide.swift
// Another seed: change the manualSeed(…) numbers, or rebuild with `lessons build --seed N`.
import Drop
import LessonRuntime

// Figures are drawn on the lesson's page; run alone, each one is announced by a line.
func show(_ figure: some Figure) { show(svg: figure.svg) }
func show(svg: String) { print("[figure: \(svg.utf8.count) bytes of SVG]") }
_lessonDeclareData("digits.txt", path: "Lessons/data/digits.txt")

// MARK: - Block 1 (Lessons/zh/04-why-divide.md:36)
manualSeed(1061589000)
let a: Float = 1.5
let p: Float = 0.4
let q = 1 - p
let n = 4000
let draws = dropout(full([n], a), p: Double(p), training: true)  // (n,)：y 的 n 次抽样

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
// 前 200 次抽样（曲线的变化都在这一段）每次都画，之后每 20 次画一次，横轴取对数。
let plotted = (1...n).filter { $0 <= 200 || $0 % 20 == 0 }
// 包络从 n = 10 开始画：从这里起，它才落在坐标轴的范围之内。
let envelopeDraws = plotted.filter { $0 >= 10 }.map(Float.init)
let halfWidth = envelopeDraws.map { 5 * sigma / $0.squareRoot() }
show(LinePlot(
    [.init("y 的累积平均", x: plotted.map(Float.init), y: plotted.map { runningMean[$0 - 1] })],
    bands: [.init("a ± 5σ/√n", x: envelopeDraws,
                  lower: halfWidth.map { a - $0 }, upper: halfWidth.map { a + $0 })],
    reference: .init(a, label: "a = 1.5"),
    title: "反向 dropout 的累积平均（a = 1.5，p = 0.4）",
    xLabel: "抽样次数 n（对数坐标）", yLabel: "前 n 次抽样的平均值", logX: true))
print("抽样 10、100、1000、4000 次后的累积平均：",
      Tensor([runningMean[9], runningMean[99], runningMean[999], runningMean[n - 1]]))
print("|mean − a| =", Tensor(abs(mean - a)), " 5σ/√n =", Tensor(bound))
precondition(abs(mean - a) <= bound, "y 的均值必须收敛到 a")

// 保留比例是一个以 q 为中心的二项比例，
// y 的方差为 (a/q)² · share · (1 − share)。
let share = Float(survivors) / Float(n)
let shareBound = 5 * (q * p / Float(n)).squareRoot()
let varianceBound =
    (a / q) * (a / q) * (abs(1 - 2 * q) * shareBound + shareBound * shareBound) + 1e-4
print("保留比例：", Tensor(share), " q =", Tensor(q))
print("方差：    ", Tensor(variance), " a²p/q =", Tensor(a * a * p / q))
precondition(abs(share - q) <= shareBound, "dropout 保留的抽样比例必须是 q")
precondition(abs(variance - a * a * p / q) <= varianceBound, "方差应为 a²p/q")

// MARK: - Block 2 (Lessons/zh/04-why-divide.md:106)
manualSeed(2956563690)
// 与上面相同：p = 0.4，q = 0.6。
let activations = Tensor([0.5, -1.2, 2.0, 0.8, 1.1, 0.3, -0.4, 1.7])    // (8,)
let trials = 10_000
let m = bernoulli(full([trials, 8], q))                                // (trials, 8)
let batch = activations * ones(trials, 8)                              // (trials, 8)

/// 下一层的输入 z = Σ activations：训练时取它的均值，评估时取它的值。
func nextLayer(training: Tensor, evaluation: Tensor) -> (train: Float, eval: Float) {
    (training.sum(dim: 1).mean().item(), evaluation.sum().item())
}
let inverted = nextLayer(training: batch * m / q, evaluation: activations)
let unscaled = nextLayer(training: batch * m, evaluation: activations)
let both = nextLayer(training: batch * m / q, evaluation: activations * q)
let forms = [("反向缩放", inverted), ("不缩放  ", unscaled), ("双重缩放", both)]
for (name, z) in forms {
    print(name, " 训练时 z 的均值：", Tensor(z.train),
          "  评估时的 z：", Tensor(z.eval),
          "  评估 / 训练：", Tensor(z.eval / z.train))
}

// 训练时 z 的均值是对 `trials` 个和取平均。对做了除法的两种形式，
// 它的标准误为 √(Σ a_i² p/q / trials)；不缩放的形式则是它的 q 倍。
let se = (activations * activations).sum().item().squareRoot() * (p / q).squareRoot()
    / Float(trials).squareRoot()
let total = activations.sum().item()
precondition(abs(inverted.train - total) <= 5 * se, "反向缩放：训练时的均值等于 z")
precondition(abs(unscaled.train - q * total) <= 5 * q * se, "不缩放：训练时为 q·z")
precondition(abs(both.train - total) <= 5 * se, "双重缩放：训练时的均值等于 z")
precondition(abs(both.eval - q * total) <= 1e-5, "双重缩放：评估时看到的是 q·z")

// MARK: - Block 3 (Lessons/zh/04-why-divide.md:144)
manualSeed(2371154281)
let digits = readDigits()                                  // (1797, 64)，标签为 0…9
/// 形状为 (rows, 64) 的张量中的第 lo..<hi 行。
func rows(_ t: Tensor, _ lo: Int, _ hi: Int) -> Tensor {
    Tensor(Array(t.scalars[lo * 64 ..< hi * 64]), shape: [hi - lo, 64])
}
let trainX = rows(digits.images, 0, 1000), testX = rows(digits.images, 1000, 1797)
let trainY = Array(digits.labels[0 ..< 1000]), testY = Array(digits.labels[1000...])
let keep: Float = 0.6                                     // 6 个隐藏层之后各有一个 dropout，p = 0.4

/// 64 → 六个宽度为 64 的 ReLU 隐藏层 → 10；训练时每个隐藏层之后做反向 dropout，
/// 评估时每个隐藏层的输出乘以 `evalScale`。
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
/// 最大 logit 恰好落在标签上的行所占的比例（并列时取第一个，与 argmax 相同）。
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
/// 保留 3 位小数的 `x`，与 Python 的 `"%.3f" % x` 相同。
func fixed(_ x: Float) -> String {
    let thousandths = Int((Double(x).magnitude * 1000).rounded())
    let fraction = String(thousandths % 1000)
    return (x < 0 && thousandths > 0 ? "-" : "") + "\(thousandths / 1000)."
        + String(repeating: "0", count: 3 - fraction.count) + fraction
}
/// 打印这条断言的一行（`Tests/Seeds/claim_margins.py` 会读回它）；断言不成立时终止构建。
func claim(_ name: String, _ what: String, _ value: Float, atLeast bound: Float,
           file: StaticString = #file, line: UInt = #line) {
    print("claim \(name): \(what) \(fixed(value)) ≥ \(fixed(bound)) (margin \(fixed(value - bound)))")
    precondition(value >= bound, "\(name)：\(what) 为 \(value)，低于 \(bound)", file: file, line: line)
}
/// 同上，用于必须不超过 `bound` 的 `value`。
func claim(_ name: String, _ what: String, _ value: Float, atMost bound: Float,
           file: StaticString = #file, line: UInt = #line) {
    print("claim \(name): \(what) \(fixed(value)) ≤ \(fixed(bound)) (margin \(fixed(bound - value)))")
    precondition(value <= bound, "\(name)：\(what) 为 \(value)，高于 \(bound)", file: file, line: line)
}

let deep = DeepMLP()
let opt = AdamW(deep.parameters, lr: 1e-3, weightDecay: 0)
for _ in 1...300 {
    opt.zeroGrad()
    crossEntropy(deep(trainX, training: true), targets: trainY).backward()
    opt.step()
}
print("评估方式                       每层缩放          测试损失    测试准确率")
var results: [(loss: Float, accuracy: Float)] = []
for (name, scale) in [("正确（恒等）", Float(1)), ("评估时再除以 q", 1 / keep), ("评估时多乘以 q", keep)] {
    let logits = noGrad { deep(testX, training: false, evalScale: scale) }
    results.append((crossEntropy(logits, targets: testY).item(), accuracy(logits, testY)))
    print(name + String(repeating: " ", count: 25 - name.count) + fixed(scale)
          + "             " + fixed(results.last!.loss) + "       " + fixed(results.last!.accuracy))
}
print("(1/q)^6 =", fixed(1 / (keep * keep * keep * keep * keep * keep)), "  q^6 =", fixed(keep * keep * keep * keep * keep * keep))
claim("divided-again-loss", "测试损失之比：再除以 q ÷ 正确", results[1].loss / results[0].loss, atLeast: 3)
claim("scaled-twice-accuracy", "多乘以 q 时准确率的下降", results[0].accuracy - results[2].accuracy, atLeast: 0.15)
claim("divided-again-accuracy", "准确率的下降：多乘以 q 时减去再除以 q 时",
      (results[0].accuracy - results[2].accuracy) - (results[0].accuracy - results[1].accuracy), atLeast: 0)

// MARK: - Block 4 (Lessons/zh/04-why-divide.md:278)
manualSeed(3903467213)
// 一个未经训练的网络的第一个隐藏层，之后是 dropout，再之后是批归一化。
let layer = Linear(inFeatures: 64, outFeatures: 64)
let norm = BatchNorm1d(64)
let features = noGrad { layer(trainX).relu() }                    // (1000, 64)：dropout 接收的输入
for _ in 0..<60 {                                                  // 60 个训练批次：统计量趋于稳定
    _ = noGrad { norm(dropout(features, p: 0.5)) }
}
// 评估时批归一化的输入是什么样子：dropout 关闭，就是这些特征本身。
let evalMean = features.mean(dim: 0), evalVar = features.var(dim: 0)        // 各为 (64,)
let meanRatio = (norm.runningMean.sum() / evalMean.sum()).item()
let varRatio = (norm.runningVar.sum() / evalVar.sum()).item()
print("滑动均值 ÷ 评估时的均值（对 64 个特征求和）：", fixed(meanRatio))
print("滑动方差 ÷ 评估时的方差（对 64 个特征求和）：", fixed(varRatio))
claim("batchnorm-same-mean", "|均值之比 − 1|", abs(meanRatio - 1), atMost: 0.05)
claim("batchnorm-variance-overstated", "方差之比", varRatio, atLeast: 1.5)
