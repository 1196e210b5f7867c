// 02-droppath.swift: the run blocks of "DropPath：按样本丢弃整条残差分支" (Lessons/zh/02-droppath.md), in order, each
// seeded as on the page (built with --seed 0). From a Droplab checkout, after `swift build`:
//   swift -swift-version 5 -module-name lesson -I .build/debug/Modules -L .build/debug -lLessonRuntime Site/zh/downloads/02-droppath.swift
// Another seed: change the manualSeed(…) numbers, or rebuild with `lessons build --seed N`.
import Drop
import LessonRuntime

// Figures are drawn on the lesson's page; run alone, each one is announced by a line.
func show(_ figure: some Figure) { show(svg: figure.svg) }
func show(svg: String) { print("[figure: \(svg.utf8.count) bytes of SVG]") }

// MARK: - Block 1 (Lessons/zh/02-droppath.md:29)
manualSeed(3314946443)
/// 博客文章里的 `drop_path`（timm 的早期版本），一行 Python 对应一行 Swift。
func articleDropPath(_ x: Tensor, dropProb: Float = 0, training: Bool = false)
    -> Tensor
{
    // if drop_prob == 0. or not training: return x
    if dropProb == 0 || !training { return x }
    // keep_prob = 1 - drop_prob
    let keepProb = 1 - dropProb
    // shape = (x.shape[0],) + (1,) * (x.ndim - 1)
    let shape = [x.shape[0]] + Array(repeating: 1, count: x.ndim - 1)  // (b, 1, 1, 1)
    // random_tensor = keep_prob + torch.rand(shape, dtype=x.dtype, device=x.device)
    var randomTensor = keepProb + rand(shape)
    // random_tensor.floor_()
    randomTensor = randomTensor.floor()
    // output = x.div(keep_prob) * random_tensor
    let output = x / keepProb * randomTensor
    // return output
    return output
}

/// 对 `y = dropPath(x)` 的每个样本给出 "kept" 或 "dropped"；事先检查每个样本要么全为零，
/// 要么是输入除以 `keepProb`（按 `x / q` 计算，或按 timm 的 `x * (1 / q)` 计算）。
func sampleFates(_ x: Tensor, _ y: Tensor, keepProb: Float) -> [String] {
    (0..<x.shape[0]).map { b in
        let xs = x[b].scalars, ys = y[b].scalars
        let dropped = ys.allSatisfy { $0 == 0 }
        let kept = zip(xs, ys).allSatisfy { x, y in y == x / keepProb || y == x * (1 / keepProb) }
        precondition(dropped != kept, "样本 \(b) 必须整体丢弃或整体保留")
        return kept ? "kept" : "dropped"
    }
}

/// 原文的 `DropPath` 模块。
final class ArticleDropPath: Module {
    var training = true
    let dropProb: Float

    init(dropProb: Float) { self.dropProb = dropProb }

    func callAsFunction(_ x: Tensor) -> Tensor {
        articleDropPath(x, dropProb: dropProb, training: training)
    }
}

// MARK: - Block 2 (Lessons/zh/02-droppath.md:79)
manualSeed(524403257)
let input = randn(3, 2, 2, 3)
let drop1 = ArticleDropPath(dropProb: 0.4)
let drop2 = Dropout(p: 0.4)
var out1 = drop1(input), tries = 1
while Set(sampleFates(input, out1, keepProb: 0.6)).count < 2 {
    tries += 1
    precondition(tries <= 60, "连续 60 次都没有得到混合的批次（概率 0.28^60）")
    out1 = drop1(input)
}
let out2 = drop2(input)
show(HeatmapPanels(
    [Heatmap(input, title: "输入"), Heatmap(out1, title: "DropPath(0.4)"),
     Heatmap(out2, title: "Dropout(0.4)")],
    labels: [0: "正好为 0 (丢弃)"]))
print("尝试次数：", tries)
print("DropPath 逐样本结果：", sampleFates(input, out1, keepProb: 0.6).joined(separator: ", "))
print(out1.shape, out2.shape)

// MARK: - Block 3 (Lessons/zh/02-droppath.md:146)
manualSeed(3314749273)
let keepProb: Float = 1 - 0.4
let fates = sampleFates(input, out1, keepProb: keepProb)
let firstKept = fates.firstIndex(of: "kept")!
let at = firstKept * input.numel / input.shape[0]     // 该样本的第一个值
print("样本 \(firstKept) 的第一个值：input / 0.6 =", Tensor(input.scalars[at] / keepProb))
print("　　　　　　　　   DropPath    =", Tensor(out1.scalars[at]))
print("　　　　　　　　   Dropout     =", Tensor(out2.scalars[at]),
      out2.scalars[at] == 0 ? "（被它自己的硬币丢弃）" : "（被它自己的硬币保留）")
precondition("\(Tensor(out1.scalars[at]))" == "\(Tensor(input.scalars[at] / keepProb))",
             "保留的值打印出来必须与 input / 0.6 相同")
for b in 0..<3 where fates[b] == "kept" {
    precondition(zip(input[b].scalars, out1[b].scalars).allSatisfy { $1 == $0 / keepProb },
                 "文章的形式做的是除法：被保留的样本恰好等于 x / 0.6")
}

// Dropout：每个元素要么为零，要么是输入除以 q，至多相差一次 float32 舍入：
// nn.Dropout 乘以一个掩码，掩码中存的是舍入到 float32 的 1/0.6；它并不做除法。
var keptElements = 0, lastBitDifferent = 0
for (x, y) in zip(input.scalars, out2.scalars) where y != 0 {
    precondition(abs(y - x / keepProb) <= (x / keepProb).ulp,
                 "dropout 保留下来的值必须等于 x / q")
    keptElements += 1
    if y != x / keepProb { lastBitDifferent += 1 }
}
print("DropPath 保留了 \(fates.count { $0 == "kept" }) 个样本（共 3 个），每个都恰好是 x / 0.6")
print("Dropout 保留了 \(keptElements) 个元素（共 \(input.numel) 个），",
      "每个都是 x / 0.6，至多相差一次 float32 舍入")
print("最后一位与 x / 0.6 不同的保留值个数：", lastBitDifferent)

// MARK: - Block 4 (Lessons/zh/02-droppath.md:185)
manualSeed(3974863147)
let x = randn(3, 2, 2, 3)
// 重新抽取，直到批次中既有保留也有丢弃，好让输出同时展示两种结果。
var y = dropPath(x, dropProb: 0.4, training: true), libraryTries = 1
while Set(sampleFates(x, y, keepProb: 0.6)).count < 2 {
    libraryTries += 1
    precondition(libraryTries <= 60, "连续 60 次都没有得到混合的批次（概率 0.28^60）")
    y = dropPath(x, dropProb: 0.4, training: true)
}
print("dropPath，尝试次数：", libraryTries, "→", sampleFates(x, y, keepProb: 0.6).joined(separator: ", "))
print("x[0, 0]:", x[0][0])
print("y[0, 0]:", y[0][0])

let dropPathModule = DropPath(dropProb: 0.4)        // 模块创建时处于训练模式
print("DropPath 模块 →", sampleFates(x, dropPathModule(x), keepProb: 0.6).joined(separator: ", "))

// MARK: - Block 5 (Lessons/zh/02-droppath.md:227)
manualSeed(3317442159)
precondition(dropPath(x, dropProb: 0.4).scalars == x.scalars,
             "不传 training: true 时，dropPath 必须返回输入")
print("dropPath(x, dropProb: 0.4) == x           (timm：training 默认为 false)")
precondition(dropout(x, p: 0.4).scalars != x.scalars, "dropout 默认处于训练状态")
print("dropout(x, p: 0.4) != x                   (F.dropout：training 默认为 true)")
precondition(stochasticDepth(ones(64, 1), p: 0.4, mode: .row).scalars != ones(64, 1).scalars,
             "stochasticDepth 默认处于训练状态（保留的行是 1/0.6，而不是 1）")
print("stochasticDepth(…, mode: .row)            (torchvision：同样会丢弃，training 默认为 true)")

dropPathModule.eval()
precondition(dropPathModule(x).scalars == x.scalars,
             "评估模式下 DropPath 必须返回输入")
print("eval() 之后，DropPath == x")
