// 05-droppath-in-vit.swift: the run blocks of "Vision Transformer 中的 DropPath" (Lessons/zh/05-droppath-in-vit.md), in order, each
// seeded as on the page (built with --seed 0). From a Droplab checkout, after `swift build`:
//   swift -swift-version 5 -module-name lesson -I .build/debug/Modules -L .build/debug -lLessonRuntime Site/zh/downloads/05-droppath-in-vit.swift
// Another seed: change the manualSeed(…) numbers, or rebuild with `lessons build --seed N`.
import Drop
import LessonRuntime

// Figures are drawn on the lesson's page; run alone, each one is announced by a line.
func show(_ figure: some Figure) { show(svg: figure.svg) }
func show(svg: String) { print("[figure: \(svg.utf8.count) bytes of SVG]") }

// MARK: - Block 1 (Lessons/zh/05-droppath-in-vit.md:30)
manualSeed(3971392592)
let plain = Block(dim: 8, numHeads: 2, dropPath: 0)
let regularised = Block(dim: 8, numHeads: 2, dropPath: 0.1)
print("丢弃率 0：  ", type(of: plain.dropPath1), type(of: plain.dropPath2))
print("丢弃率 0.1：", type(of: regularised.dropPath1), type(of: regularised.dropPath2))
precondition(plain.dropPath1 is Identity && plain.dropPath2 is Identity,
             "丢弃率为 0 时必须得到 Identity")
precondition(regularised.dropPath1 is DropPath && regularised.dropPath2 is DropPath,
             "丢弃率大于 0 时必须得到 DropPath")

// MARK: - Block 2 (Lessons/zh/05-droppath-in-vit.md:45)
manualSeed(2883516919)
let block = Block(dim: 8, numHeads: 2, dropPath: 0.5)
let x = randn(4, 3, 8)                                          // (B, N, D)
block.eval()
let evaluated = noGrad { block(x) }                             // (B, N, D)
precondition(block(x) == evaluated, "评估模式是确定性的")
// 两条分支在各自的 drop path 之前的值：
// attnBranch(x) 即 attn(norm1(x))，mlpBranch(x) 即 mlp(norm2(x))。
let h = x + block.attnBranch(x)
precondition(evaluated == h + block.mlpBranch(h), "评估时两条分支都会运行")
print("样本 0 的第 0 个 token，输入与输出：")
print(x[0][0])                                                  // (D,)
print(evaluated[0][0])                                          // (D,)：两条分支都已加上

// MARK: - Block 3 (Lessons/zh/05-droppath-in-vit.md:73)
manualSeed(551885056)
block.train()
let hKept = x + 2 * block.attnBranch(x)                    // (B, N, D)：注意力分支保留
let candidates: [(String, Tensor)] = [
    ("注意力丢弃，MLP 丢弃", x),
    ("注意力丢弃，MLP 保留", x + 2 * block.mlpBranch(x)),
    ("注意力保留，MLP 丢弃", hKept),
    ("注意力保留，MLP 保留", hKept + 2 * block.mlpBranch(hKept)),
]

var pass = 0, droppedBranches = 0
repeat {
    pass += 1
    precondition(pass <= 50, "连续 50 轮都没有分支被丢弃（概率为 256^-50）")
    let out = block(x)                                          // (B, N, D)，随机
    droppedBranches = 0
    print("第 \(pass) 轮：")
    for b in 0..<4 {
        let matches = candidates.indices.filter { candidates[$0].1[b] == out[b] }
        precondition(matches.count == 1,
                     "样本 \(b) 必须与恰好一个候选逐位相等")
        droppedBranches += [2, 1, 1, 0][matches[0]]
        print("  样本 \(b)：\(candidates[matches[0]].0)")
    }
} while droppedBranches == 0
print("第 \(pass) 轮共丢弃 \(droppedBranches) 条分支，",
      "每条的贡献都恰好为零")

// MARK: - Block 4 (Lessons/zh/05-droppath-in-vit.md:148)
manualSeed(3584834943)
let rates = dropPathSchedule(rate: 0.1, depth: 12)
let huang = (1...12).map { Double($0) / 12 * 0.1 }            // 丢弃率 1 − q_l，q_L = 0.9
let mean = rates.reduce(0, +) / 12
show(BarChart(
    categories: (1...12).map(String.init),
    [.init("timm：linspace(0, 0.1, 12)", rates), .init("Huang 等：(l / L) · 0.1", huang),
     .init("均匀丢弃率，均值相同（0.05）", Array(repeating: mean, count: 12))],
    title: "各块的丢弃率（深度 12，最大值 0.1）", xLabel: "块 l", yLabel: "丢弃率"))
print("timm 的丢弃率：", rates)
precondition(rates.count == 12 && rates[0] == 0, "第一个块从不被丢弃")
precondition(abs(rates[11] - 0.1) < 1e-7, "最后一个块取满丢弃率")
precondition(abs(mean - 0.05) < 1e-7, "丢弃率的平均值是 0.1 / 2")

let branches = 2 * rates.map { 1 - $0 }.reduce(0, +)
let skippedBlocks = rates.map { $0 * $0 }.reduce(0, +)
print("每个样本期望运行的残差分支数：", branches, "（共 24 条）")
print("每个样本期望整块跳过（两条分支都被丢弃）的块数：", skippedBlocks)
precondition(abs(branches - 22.8) < 1e-5, "Σ 2(1 − p_l) = 24 − 24 · 0.05 = 22.8")
precondition(abs(skippedBlocks - 0.0418) < 1e-4, "Σ p_l² = 0.01 · 506 / 121")

// MARK: - Block 5 (Lessons/zh/05-droppath-in-vit.md:186)
manualSeed(3382755833)
let stack = BlockStack(depth: 12, dim: 8, numHeads: 2, dropPathRate: 0.1)
let samples = 2_000
var active = zeros(samples, 1, 1)                       // (S, 1, 1)：运行的分支数
var skipped = zeros(samples, 1, 1)                      // (S, 1, 1)：整块跳过的块数
var variance: Double = 0, skippedVariance: Double = 0
for (block, rate) in zip(stack.blocks, dropPathSchedule(rate: 0.1, depth: 12)) {
    let ran = [block.dropPath1, block.dropPath2].map { $0(ones(samples, 1, 1)) > 0 }  // 1 = 运行了
    active = active + ran[0] + ran[1]
    skipped = skipped + (1 - ran[0]) * (1 - ran[1])
    variance += 2 * Double(rate) * Double(1 - rate)
    skippedVariance += Double(rate * rate) * Double(1 - rate * rate)
}
let meanActive = Double(active.mean().item())
let meanSkipped = Double(skipped.mean().item())
let bound = 5 * (variance / Double(samples)).squareRoot()
let skippedBound = 5 * (skippedVariance / Double(samples)).squareRoot()
print("2000 个样本平均运行的分支数：", meanActive)
print("平均整块跳过的块数：", meanSkipped)
print("期望：22.8 ±", Float(bound), "和 0.0418 ±", Float(skippedBound), "（5 个标准误）")
precondition(abs(meanActive - 22.8) <= bound, "均值必须与 Σ 2(1 − p_l) = 22.8 相符")
precondition(abs(meanSkipped - 0.0418) <= skippedBound, "均值必须与 Σ p_l² ≈ 0.0418 相符")

// MARK: - Block 6 (Lessons/zh/05-droppath-in-vit.md:232)
manualSeed(313206973)
import Glibc

/// 由种子生成的 n 个点，分布在三条螺旋臂上（第 i 个点在第 i % 3 条臂上），带一点高斯噪声。
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
    /// 输出 logits；`skipping` 在测试时删去那个块（它的分支）。
    func callAsFunction(_ x: Tensor, training: Bool, skipping: Int? = nil) -> Tensor {
        var h = embed(x)                                                      // (n, 32)
        for (i, (fc1, fc2)) in blocks.enumerated() where i != skipping {
            h = h + dropPath(fc2(fc1(h).relu()), dropProb: rates[i], training: training)
        }
        return head(h)
    }
}

/// 用 Adam（学习率 5e-3）在这些点上训练 `net` 300 步。
func fit(_ net: ResidualNet, _ data: (points: Tensor, labels: [Int])) {
    let opt = AdamW(net.parameters, lr: 5e-3, weightDecay: 0)
    for _ in 1...300 {
        opt.zeroGrad()
        crossEntropy(net(data.points, training: true), targets: data.labels).backward()
        opt.step()
    }
}
/// 最大 logit 恰好落在所属螺旋臂上的点所占的比例。
func accuracy(_ logits: Tensor, _ labels: [Int]) -> Float {
    let z = logits.scalars
    let hits = labels.indices.filter { i in (0..<3).allSatisfy { z[i * 3 + $0] <= z[i * 3 + labels[i]] } }
    return Float(hits.count) / Float(labels.count)
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

let train = spirals(300), test = spirals(300)
let trainings: [(String, [Double])] = [
    ("全为 0", [Double](repeating: 0, count: 6)),
    ("全为 0.5", [Double](repeating: 0.5, count: 6)),
    ("线性 0 → 0.5", dropPathSchedule(rate: 0.5, depth: 6)),
]
var costs: [[Float]] = []                                 // 删去每个块造成的准确率下降
for (name, rates) in trainings {
    let net = ResidualNet(rates: rates)
    fit(net, train)
    let full = accuracy(noGrad { net(test.points, training: false) }, test.labels)
    costs.append((0..<6).map { block in
        full - accuracy(noGrad { net(test.points, training: false, skipping: block) }, test.labels)
    })
    print(name + String(repeating: " ", count: 16 - name.count), "测试准确率", fixed(full),
          " 分别删去块 0…5 后的下降：", costs.last!.map(fixed).joined(separator: " "))
}
show(BarChart(
    categories: (0..<6).map { "块 \($0)" },
    zip(trainings, costs).map { BarChart.Series($0.0.0, $0.1.map { max($0, 0) }) },  // 准确率反而上升时画作 0
    title: "训练后删去一个块，测试准确率的下降",
    xLabel: "删去的块", yLabel: "准确率的下降"))
claim("rate0-first-critical", "丢弃率为 0 的网络删去块 0 后准确率的下降", costs[0][0], atLeast: 0.05)
claim("uniform-none-critical", "均匀丢弃率：各块中最大的下降", costs[1].max()!, atMost: 0.2)
claim("linear-first-critical", "线性调度：块 0 的下降减去其余各块中最大的下降",
      costs[2][0] - costs[2].dropFirst().max()!, atLeast: 0.25)
