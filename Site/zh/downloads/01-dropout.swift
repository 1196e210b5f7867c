// 01-dropout.swift: the run blocks of "Dropout：随机关闭激活值" (Lessons/zh/01-dropout.md), in order, each
// seeded as on the page (built with --seed 0). From a Droplab checkout, after `swift build`:
//   swift -swift-version 5 -module-name lesson -I .build/debug/Modules -L .build/debug -lLessonRuntime Site/zh/downloads/01-dropout.swift
// Another seed: change the manualSeed(…) numbers, or rebuild with `lessons build --seed N`.
import Drop
import LessonRuntime

// Figures are drawn on the lesson's page; run alone, each one is announced by a line.
func show(_ figure: some Figure) { show(svg: figure.svg) }
func show(svg: String) { print("[figure: \(svg.utf8.count) bytes of SVG]") }

// MARK: - Block 1 (Lessons/zh/01-dropout.md:48)
manualSeed(850588242)
let x = randn(2, 8)
let drop = Dropout(p: 0.5)
let y = drop(x)
print(x)
print(y)

// MARK: - Block 2 (Lessons/zh/01-dropout.md:69)
manualSeed(3316552402)
let q: Float = 1 - 0.5
var survivors = 0
for (xi, yi) in zip(x.scalars, y.scalars) where yi != 0 {
    precondition(yi == xi / q, "保留下来的值必须等于输入除以 q")
    survivors += 1
}
print("保留了 \(survivors) 个激活值（共 \(x.numel) 个），每个都除以了 q = \(q)")

drop.eval()
precondition(drop(x).scalars == x.scalars, "评估模式下 dropout 是恒等映射")
print("评估模式：drop(x) == x")

// MARK: - Block 3 (Lessons/zh/01-dropout.md:98)
manualSeed(3110171372)
let a = Tensor([0.5, -1.2, 2.0, 0.8])            // 四个激活值
let p: Float = 0.4
let keep = 1 - p
let trials = 20_000
let copies = a * ones(trials, 4)                 // (trials, 4)：每次试验一份 a
let m = bernoulli(full([trials, 4], keep))       // (trials, 4)：1 = 保留，0 = 丢弃

let originalTrain = (copies * m).mean(dim: 0)             // m·a 对掩码的期望
let originalTest = a * keep                               // q·a
let invertedTrain = (copies * m / keep).mean(dim: 0)      // m·a/q 对掩码的期望
let invertedTest = a                                      // a
print("原始形式，训练时均值：", originalTrain)
print("原始形式，评估时输出：", originalTest)
print("反向形式，训练时均值：", invertedTrain)
print("反向形式，评估时输出：", invertedTest)

// 每个训练均值都是 `trials` 次独立抽样的平均：它与对应的评估值之差必须在
// 5 个标准误以内（每个分量出现误判的概率约为 170 万分之一）。
for i in 0..<4 {
    let ai = abs(a.scalars[i])
    let originalSE = ai * (keep * p).squareRoot() / Float(trials).squareRoot()
    let invertedSE = ai * (p / keep).squareRoot() / Float(trials).squareRoot()
    let originalGap = abs(originalTrain.scalars[i] - originalTest.scalars[i])
    let invertedGap = abs(invertedTrain.scalars[i] - invertedTest.scalars[i])
    precondition(originalGap <= 5 * originalSE, "原始形式：训练时均值必须等于 q·a")
    precondition(invertedGap <= 5 * invertedSE, "反向形式：训练时均值必须等于 a")
}
print("两种形式：训练时均值 == 评估时输出，误差在 5 个标准误以内")

// MARK: - Block 4 (Lessons/zh/01-dropout.md:157)
manualSeed(1012776088)
let maps = ones(2, 4, 3, 3)                                 // (B, C, H, W)
let elementwise = dropout(maps, p: 0.5, training: true)
let channelwise = dropout2d(maps, p: 0.5, training: true)
let maskLabels: [Float: String] = [2: "保留 ×1/q = 2", 0: "丢弃"]
show(Heatmap(elementwise, title: "dropout：单个像素消失", labels: maskLabels))
show(Heatmap(channelwise, title: "dropout2d：整个通道消失", labels: maskLabels))
print(channelwise.mean(dim: 3).mean(dim: 2))                // (B, C)：每个通道一个值

// MARK: - Block 5 (Lessons/zh/01-dropout.md:182)
manualSeed(3317442159)
for b in 0..<2 {
    for c in 0..<4 {
        let channel = channelwise[b][c].scalars
        precondition(channel.allSatisfy { $0 == channel[0] },
                     "dropout2d 必须整体保留或整体丢弃一个通道")
        precondition(channel[0] == 0 || channel[0] == 2,
                     "保留的通道要乘以 1/q = 2")
    }
}
print("dropout2d：8 个通道中，每个要么整体保留（×2），要么全为零")
