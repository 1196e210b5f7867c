// 07-training.swift: the run blocks of "带着 dropout 训练：它对一个正在学习的网络做了什么" (Lessons/zh/07-training.md), in order, each
// seeded as on the page (built with --seed 0). From a Droplab checkout, after `swift build`:
//   swift -swift-version 5 -module-name lesson -I .build/debug/Modules -L .build/debug -lLessonRuntime Site/zh/downloads/07-training.swift
// Another seed: change the manualSeed(…) numbers, or rebuild with `lessons build --seed N`.
import Drop
import LessonRuntime

// Figures are drawn on the lesson's page; run alone, each one is announced by a line.
func show(_ figure: some Figure) { show(svg: figure.svg) }
func show(svg: String) { print("[figure: \(svg.utf8.count) bytes of SVG]") }
_lessonDeclareData("digits.txt", path: "Lessons/data/digits.txt")

// MARK: - Block 1 (Lessons/zh/07-training.md:16)
manualSeed(1080869134)
let digits = readDigits()                               // (1797, 64)，标签为 0…9
let n = 500
/// 取 (rows, 64) 张量的第 lo..<hi 行。
func rows(_ t: Tensor, _ lo: Int, _ hi: Int) -> Tensor {
    Tensor(Array(t.scalars[lo * 64 ..< hi * 64]), shape: [hi - lo, 64])
}
let trainX = rows(digits.images, 0, n), testX = rows(digits.images, n, 2 * n)   // 各为 (500, 64)
let testY = Array(digits.labels[n ..< 2 * n])
// 把 30 % 的训练标签换成错误的标签：换哪些、换成什么，都由本代码块的种子抽取。
let flip = rand(n).scalars, shift = (rand(n) * 9).floor().scalars
let noisyY = (0..<n).map { flip[$0] < 0.3 ? (digits.labels[$0] + 1 + Int(shift[$0])) % 10 : digits.labels[$0] }

/// 64-128-128-10 的 ReLU 网络，每个隐藏层之后接一个丢弃率为 p 的 dropout。
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
/// 把 `x` 写成 3 位小数，与 Python 的 `"%.3f" % x` 相同。
func fixed(_ x: Float) -> String {
    let thousandths = Int((Double(x).magnitude * 1000).rounded())
    let fraction = String(thousandths % 1000)
    return (x < 0 && thousandths > 0 ? "-" : "") + "\(thousandths / 1000)."
        + String(repeating: "0", count: 3 - fraction.count) + fraction
}
/// 打印这条断言的结果行（`Tests/Seeds/claim_margins.py` 会把它读回去），
/// 测得的 `value` 低于 `bound` 时让构建停止。
func claim(_ name: String, _ what: String, _ value: Float, atLeast bound: Float,
           file: StaticString = #file, line: UInt = #line) {
    print("claim \(name): \(what) \(fixed(value)) ≥ \(fixed(bound)) (margin \(fixed(value - bound)))")
    precondition(value >= bound, "\(name)：\(what) 测得 \(value)，低于界限 \(bound)", file: file, line: line)
}
/// 同上，用于必须不超过 `bound` 的 `value`。
func claim(_ name: String, _ what: String, _ value: Float, atMost bound: Float,
           file: StaticString = #file, line: UInt = #line) {
    print("claim \(name): \(what) \(fixed(value)) ≤ \(fixed(bound)) (margin \(fixed(bound - value)))")
    precondition(value <= bound, "\(name)：\(what) 测得 \(value)，高于界限 \(bound)", file: file, line: line)
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

var curves: [Double: (train: [Float], test: [Float])] = [:]
var nets: [Double: MLP] = [:]
for p in [0.0, 0.5] {
    let net = MLP(p: p)
    let opt = AdamW(net.parameters, lr: 1e-3, weightDecay: 0)   // 即 Adam：没有权重衰减
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
print("步数      训练准确率（噪声标签）         测试准确率")
print("          p = 0     p = 0.5              p = 0     p = 0.5")
for k in stride(from: 1, to: 12, by: 2) {
    let step = String(25 * (k + 1))
    print(String(repeating: " ", count: 4 - step.count) + step + "      \(fixed(plain.train[k]))     \(fixed(dropped.train[k]))"
          + "              \(fixed(plain.test[k]))     \(fixed(dropped.test[k]))")
}
let steps = (1...12).map { Float(25 * $0) }
let accuracyCurves: [LinePlot.Series] = [
    .init("训练，p = 0", x: steps, y: plain.train), .init("训练，p = 0.5", x: steps, y: dropped.train),
    .init("测试，p = 0", x: steps, y: plain.test), .init("测试，p = 0.5", x: steps, y: dropped.test),
]
show(LinePlot(
    accuracyCurves, reference: .init(0.7, label: "正确标签的比例"),
    title: "30 % 标签有误的手写数字：训练过程中的准确率",
    xLabel: "Adam 步数", yLabel: "准确率（训练集按噪声标签计）"))
claim("memorise", "第 300 步时的训练准确率之差（p = 0 减 p = 0.5）：",
      plain.train[11] - dropped.train[11], atLeast: 0.15)
claim("noisy-test", "第 300 步时测试准确率的提升（p = 0.5 减 p = 0）：",
      dropped.test[11] - plain.test[11], atLeast: 0.08)

// MARK: - Block 2 (Lessons/zh/07-training.md:130)
manualSeed(1098562400)
/// 每一行最大值的下标（并列时取第一个，与 argmax 相同）。
func argmaxRows(_ t: Tensor) -> [Int] {
    let z = t.scalars, k = t.shape[1]
    return (0..<t.shape[0]).map { i in (1..<k).reduce(0) { z[i * k + $1] > z[i * k + $0] ? $1 : $0 } }
}
let trained = nets[0.5]!                                   // 来自第一个代码块
let evaluated = argmaxRows(noGrad { trained(testX, training: false) })
var summed = zeros(n, 10)                                  // (500, 10)
for _ in 0..<100 {
    summed = summed + noGrad { trained(testX, training: true).softmax(dim: 1) }
}
let averaged = argmaxRows(summed / 100)
let agree = zip(evaluated, averaged).filter { $0 == $1 }.count
print("500 个测试数字中，评估模式与 100 个掩码的平均给出相同 arg-max 的比例：",
      fixed(Float(agree) / Float(n)))
print("测试准确率：评估模式", fixed(accuracy(noGrad { trained(testX, training: false) }, testY)),
      " 100 个掩码的平均", fixed(accuracy(summed, testY)))
claim("mask-average-close", "两者一致的测试数字所占比例", Float(agree) / Float(n), atLeast: 0.9)
claim("mask-average-differs", "两者不一致的比例", Float(n - agree) / Float(n), atLeast: 0.002)

// MARK: - Block 3 (Lessons/zh/07-training.md:232)
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
        // 网络在评估模式下（不用 dropout）在训练数字上的损失。
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
let notReached = 310   // 代表“超过 300”
print("p        训练损失降到 0.5 以下所需的步数      最后一次检查时的损失")
for p in [0.0, 0.5, 0.8, 0.9, 0.99] {
    let shown = reached[p].map { String($0) } ?? "> 300"
    print("\(p)" + String(repeating: " ", count: 9 - "\(p)".count) + shown
          + String(repeating: " ", count: 37 - shown.count) + fixed(finalLoss[p]!))
}
show(LinePlot(lossCurves, reference: .init(threshold, label: "阈值 0.5"),
              title: "训练损失（评估时不用 dropout），直到降到 0.5 以下",
              xLabel: "Adam 步数", yLabel: "训练数字上的交叉熵"))
let needed = [0.0, 0.5, 0.8, 0.9].map { Float(reached[$0] ?? notReached) }
claim("sweep-order", "相邻丢弃率（0、0.5、0.8、0.9）之间所需步数之差的最小值：",
      zip(needed.dropFirst(), needed).map { $0 - $1 }.min()!, atLeast: 0)
claim("sweep-slower", "p = 0.8 比 p = 0 多需要的步数：", needed[2] - needed[0], atLeast: 30)
let ln10: Float = 2.3025851   // 以 1/10 的概率随机猜每个数字时的损失
claim("sweep-stall", "|p = 0.99 训练 300 步后的损失 − ln 10|", abs(finalLoss[0.99]! - ln10), atMost: 0.05)

// MARK: - Block 4 (Lessons/zh/07-training.md:341)
manualSeed(922254360)
import Glibc

/// 三条螺旋臂上的 n 个点（第 i 个点在第 i % 3 条臂上），带一点高斯噪声，由种子抽取。
func spirals(_ n: Int) -> (points: Tensor, labels: [Int]) {
    let t = rand(n).scalars                             // 点在臂上的位置，0…1
    let noise = randn(n, 2) * 0.04                      // (n, 2)
    var xy: [Float] = []
    for i in 0..<n {
        let r = Double(t[i]), angle = 3 * Double.pi * r + 2 * Double.pi * Double(i % 3) / 3
        xy += [Float(r * cos(angle)), Float(r * sin(angle))]
    }
    return (Tensor(xy, shape: [n, 2]) + noise, (0..<n).map { $0 % 3 })
}

/// 2 → 32，六个残差块 h + dropPath(fc2(relu(fc1(h))))，每个块有自己的丢弃率，32 → 3。
final class ResidualNet {
    let embed = Linear(inFeatures: 2, outFeatures: 32)
    let blocks = (0..<6).map { _ in (Linear(inFeatures: 32, outFeatures: 32), Linear(inFeatures: 32, outFeatures: 32)) }
    let head = Linear(inFeatures: 32, outFeatures: 3)
    let rates: [Double]
    init(rates: [Double]) { self.rates = rates }
    var parameters: [Tensor] {
        embed.parameters() + blocks.flatMap { $0.0.parameters() + $0.1.parameters() } + head.parameters()
    }
    /// 返回 logits；`skipping` 在测试时删去那个块（即它的分支）。
    func callAsFunction(_ x: Tensor, training: Bool, skipping: Int? = nil) -> Tensor {
        var h = embed(x)                                                      // (n, 32)
        for (i, (fc1, fc2)) in blocks.enumerated() where i != skipping {
            h = h + dropPath(fc2(fc1(h).relu()), dropProb: rates[i], training: training)
        }
        return head(h)
    }
}

/// 用 Adam 在这些点上训练 `net` 300 步；返回每 10 步一次的训练损失（评估模式）。
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
    ("均匀 0.5", [Double](repeating: 0.5, count: 6)),
    ("线性 0 → 0.5", dropPathSchedule(rate: 0.5, depth: 6)),
]
var spiralLosses: [[Float]] = []
for (name, rates) in schedules {
    spiralLosses.append(fit(ResidualNet(rates: rates), spiral))
    print(name + String(repeating: " ", count: 16 - name.count), "丢弃率", Tensor(rates.map(Float.init)),
          " 第 100、200、300 步后的损失：", [9, 19, 29].map { fixed(spiralLosses.last![$0]) }.joined(separator: " "))
}
let checks = (1...30).map { Float(10 * $0) }
show(LinePlot(
    zip(schedules, spiralLosses).map { LinePlot.Series($0.0.0, x: checks, y: $0.1) },
    title: "三条螺旋臂、六个残差块：最大 drop-path 丢弃率相同，调度不同",
    xLabel: "Adam 步数", yLabel: "训练点上的交叉熵（评估模式）"))
/// 评估损失降到 0.3 以下所需的步数（始终降不到就记为 310）。
func stepsToFit(_ losses: [Float]) -> Float { Float(10 * ((losses.firstIndex { $0 < 0.3 } ?? 30) + 1)) }
claim("droppath-schedule", "损失降到 0.3 以下所需的步数，均匀比线性多出：",
      stepsToFit(spiralLosses[0]) - stepsToFit(spiralLosses[1]), atLeast: 0)
