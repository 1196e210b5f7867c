// 03-mask-shapes.swift: the run blocks of "(b, 1, 1, 1) 掩码：每个样本一枚硬币，再广播出去" (Lessons/zh/03-mask-shapes.md), in order, each
// seeded as on the page (built with --seed 0). From a Droplab checkout, after `swift build`:
//   swift -swift-version 5 -module-name lesson -I .build/debug/Modules -L .build/debug -lLessonRuntime Site/zh/downloads/03-mask-shapes.swift
// Another seed: change the manualSeed(…) numbers, or rebuild with `lessons build --seed N`.
import Drop
import LessonRuntime

// Figures are drawn on the lesson's page; run alone, each one is announced by a line.
func show(_ figure: some Figure) { show(svg: figure.svg) }
func show(svg: String) { print("[figure: \(svg.utf8.count) bytes of SVG]") }

// MARK: - Block 1 (Lessons/zh/03-mask-shapes.md:13)
manualSeed(502840520)
let keepProb: Float = 0.6
let x = randn(3, 2, 2, 3)                 // (B, C, H, W)
let u = rand(3, 1, 1, 1)                  // (B, 1, 1, 1)：每个样本一个均匀分布的随机数
print(u)
let shifted = keepProb + u                // 取值在 [0.6, 1.6) 内
print(shifted)
let r = shifted.floor()                   // 1 表示保留该样本，0 表示丢弃
print(r)
print(r.shape, "vs", x.shape)

// MARK: - Block 2 (Lessons/zh/03-mask-shapes.md:42)
manualSeed(3316552402)
for b in 0..<3 {
    let dropped = u.scalars[b] < 1 - keepProb
    precondition(r.scalars[b] == (dropped ? 0 : 1),
                 "floor(q + u) 必须为 0，当且仅当 u < 1 - q")
    print("样本 \(b)：u = \(Tensor(u.scalars[b])) →", dropped ? "丢弃" : "保留")
}

// MARK: - Block 3 (Lessons/zh/03-mask-shapes.md:63)
manualSeed(3314749273)
let stretched = r * ones(3, 2, 2, 3)      // (3, 2, 2, 3)：r 被复制到每个样本上
show(Heatmap(stretched, title: "r 拉伸为 (3, 2, 2, 3)：每个样本一个值",
             labels: [1: "保留 (r = 1)", 0: "丢弃 (r = 0)"]))
let y = x / keepProb * r
precondition((x / keepProb * stretched).scalars == y.scalars,
             "广播 r 的结果必须与乘以拉伸后的掩码相同")
print("x / keepProb * r == x / keepProb * stretched")

// MARK: - Block 4 (Lessons/zh/03-mask-shapes.md:93)
manualSeed(1875520416)
let feature = ones(4, 3, 4, 4)                                    // (B, C, H, W)
// 每一级的掩码形状写在行尾注释里：
let element = dropout(feature, p: 0.5, training: true)            // (B, C, H, W)
let block = dropBlock2d(feature, dropProb: 0.3, blockSize: 2)     // (B, 1, H, W)，方块
let channel = dropout2d(feature, p: 0.5, training: true)          // (B, C, 1, 1)
let sample = dropPath(feature, dropProb: 0.5, training: true)     // (B, 1, 1, 1)
let mask: [Float: String] = [2: "保留 ×1/q = 2", 0: "丢弃"]
show(Heatmap(element, title: "元素：dropout", labels: mask))
show(Heatmap(block, title: "块：dropBlock2d，各通道共用 2 × 2 方块",
             labels: [0: "丢弃"]))
show(Heatmap(channel, title: "通道：dropout2d，掩码 (B, C, 1, 1)", labels: mask))
show(Heatmap(sample, title: "样本：dropPath，掩码 (B, 1, 1, 1)", labels: mask))
print("块：保留比例", (block > 0).mean(), "缩放", block.max())
print("逐通道硬币：", channel.mean(dim: 3).mean(dim: 2))                     // (B, C)
print("逐样本硬币：", sample.mean(dim: 3).mean(dim: 2).mean(dim: 1))          // (B,)

// MARK: - Block 5 (Lessons/zh/03-mask-shapes.md:131)
manualSeed(148158681)
var calls: [Tensor] = []
repeat {
    calls.append(stochasticDepth(ones(4, 1, 2, 2), p: 0.5, mode: .batch))   // 掩码 (1, 1, 1, 1)
    precondition(calls.count <= 64, "连续 64 枚硬币结果相同（概率 2^-63）")
} while calls.count < 4 || Set(calls.map { $0.scalars[0] }).count < 2
show(HeatmapPanels(
    calls.enumerated().map { Heatmap($1, title: "第 \($0 + 1) 次调用") },
    title: "批次：stochasticDepth(.batch)，掩码 (1, 1, 1, 1)", labels: mask))
print("逐批次硬币：", calls.map { $0.scalars[0] == 0 ? "丢弃" : "保留" }.joined(separator: ", "))

// MARK: - Block 6 (Lessons/zh/03-mask-shapes.md:158)
manualSeed(3317166006)
/// 当 `t` 按行优先顺序排列的元素在每段连续的 `length` 个元素上都是常数时，返回 true。
func isConstant(_ t: Tensor, onRunsOf length: Int) -> Bool {
    stride(from: 0, to: t.numel, by: length).allSatisfy { start in
        t.scalars[start..<start + length].allSatisfy { $0 == t.scalars[start] }
    }
}

for t in [element, channel, sample] + calls {
    precondition(t.scalars.allSatisfy { $0 == 0 || $0 == 2 }, "每个元素都是 0 或 1/q")
}
precondition(isConstant(channel, onRunsOf: 4 * 4), "dropout2d：每个通道一枚硬币")
precondition(isConstant(sample, onRunsOf: 3 * 4 * 4), "dropPath：每个样本一枚硬币")
precondition(calls.allSatisfy { isConstant($0, onRunsOf: 4 * 2 * 2) }, "batch 模式：所有元素共用一枚硬币")
// 12 个通道碰巧全为常数的概率：(2 · 0.5^16)^12 = 2^-180。
precondition(!isConstant(element, onRunsOf: 4 * 4), "dropout：每个元素一枚硬币")
for b in 0..<4 {
    let holes = (0..<3).map { c in block[b][c].scalars.map { $0 == 0 } }
    precondition(holes[1] == holes[0] && holes[2] == holes[0], "dropBlock2d：各通道共用同样的方块")
}
print("每一级的结构都与它的掩码形状完全一致")

// MARK: - Block 7 (Lessons/zh/03-mask-shapes.md:183)
manualSeed(2654630322)
let tokens = ones(4, 5, 6)                                        // (B, N, D)
let dropped = dropPath(tokens, dropProb: 0.5, training: true)     // 掩码 (B, 1, 1)
// 画成 (B, 1, N, D)，每个样本一行。
show(Heatmap(dropped.reshape(4, 1, 5, 6), title: "对 token 做 dropPath：掩码 (B, 1, 1)", labels: mask))
for b in 0..<4 {
    let s = dropped[b].scalars
    precondition(s.allSatisfy { $0 == s[0] }, "一个样本的所有 token 共用一枚硬币")
}
print("4 个样本中的每一个：5 × 6 个元素要么全部保留，要么全部丢弃")

// MARK: - Block 8 (Lessons/zh/03-mask-shapes.md:201)
// This block fails on purpose (should-fail); its error is on the page.
// let tokenBatch = randn(4, 5, 8)                      // (B, N, D)
// let shortMask = (Float(0.6) + rand(4)).floor()       // (4,)：本应是 (4, 1, 1)
// print(tokenBatch / 0.6 * shortMask)

// MARK: - Block 9 (Lessons/zh/03-mask-shapes.md:209)
manualSeed(1920491191)
let images = randn(3, 2, 2, 3)                       // (B, C, H, W)，且 W == B
var wrongMask = (Float(0.6) + rand(3)).floor()       // (3,)：对齐的是 W，而不是 B
var draws = 1
while (wrongMask.sum().item() == 0 || wrongMask.sum().item() == 3) && draws < 60 {
    wrongMask = (Float(0.6) + rand(3)).floor()
    draws += 1
}
precondition(wrongMask.sum().item() == 1 || wrongMask.sum().item() == 2, "连续 60 次都没有抽到混合的掩码")
print("抽取次数：", draws)
let wronglyDropped = images / 0.6 * wrongMask        // 没有报错！
show(Heatmap(ones(3, 2, 2, 3) * wrongMask,
             title: "掩码 (3,)：丢弃的是列，不是样本", labels: [1: "保留", 0: "丢弃"]))
print(wrongMask)

// 实际发生的事：元素 (b, c, h, w) 被乘以第 w 枚硬币，与它属于哪个样本 b 无关。
for i in 0..<images.numel {
    let w = i % 3                                     // 元素 i 的最后一个下标
    let expected = images.scalars[i] / 0.6 * wrongMask.scalars[w]
    precondition(wronglyDropped.scalars[i] == expected,
                 "形状为 (3,) 的掩码按最后一个维度索引")
}
print("每枚硬币决定的是每个样本的第 w 列，而不是某一个样本")
