// 02-droppath.swift: the run blocks of "DropPath: dropping a whole residual branch, per sample" (Lessons/02-droppath.md), in order, each
// seeded as on the page (built with --seed 0). From a Droplab checkout, after `swift build`:
//   swift -swift-version 5 -module-name lesson -I .build/debug/Modules -L .build/debug -lLessonRuntime Site/downloads/02-droppath.swift
// Another seed: change the manualSeed(…) numbers, or rebuild with `lessons build --seed N`.
import Drop
import LessonRuntime

// Figures are drawn on the lesson's page; run alone, each one is announced by a line.
func show(_ figure: some Figure) { show(svg: figure.svg) }
func show(svg: String) { print("[figure: \(svg.utf8.count) bytes of SVG]") }

// MARK: - Block 1 (Lessons/02-droppath.md:57)
manualSeed(3314946443)
/// The blog post's `drop_path` (an early timm version), one Swift line per Python line.
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

/// "kept" or "dropped" for each sample of `y = dropPath(x)`, after checking that each sample is
/// all zeros or its input divided by `keepProb` (as `x / q`, or as timm's `x * (1 / q)`).
func sampleFates(_ x: Tensor, _ y: Tensor, keepProb: Float) -> [String] {
    (0..<x.shape[0]).map { b in
        let xs = x[b].scalars, ys = y[b].scalars
        let dropped = ys.allSatisfy { $0 == 0 }
        let kept = zip(xs, ys).allSatisfy { x, y in y == x / keepProb || y == x * (1 / keepProb) }
        precondition(dropped != kept, "sample \(b) must be dropped or kept as a whole")
        return kept ? "kept" : "dropped"
    }
}

/// The post's `DropPath` module.
final class ArticleDropPath: Module {
    var training = true
    let dropProb: Float

    init(dropProb: Float) { self.dropProb = dropProb }

    func callAsFunction(_ x: Tensor) -> Tensor {
        articleDropPath(x, dropProb: dropProb, training: training)
    }
}

// MARK: - Block 2 (Lessons/02-droppath.md:113)
manualSeed(524403257)
let input = randn(3, 2, 2, 3)
let drop1 = ArticleDropPath(dropProb: 0.4)
let drop2 = Dropout(p: 0.4)
var out1 = drop1(input), tries = 1
while Set(sampleFates(input, out1, keepProb: 0.6)).count < 2 {
    tries += 1
    precondition(tries <= 60, "60 tries without a mixed batch (probability 0.28^60)")
    out1 = drop1(input)
}
let out2 = drop2(input)
show(HeatmapPanels(
    [Heatmap(input, title: "input"), Heatmap(out1, title: "DropPath(0.4)"),
     Heatmap(out2, title: "Dropout(0.4)")],
    labels: [0: "exactly 0 (dropped)"]))
print("tries:", tries)
print("DropPath, per sample:", sampleFates(input, out1, keepProb: 0.6).joined(separator: ", "))
print(out1.shape, out2.shape)

// MARK: - Block 3 (Lessons/02-droppath.md:184)
manualSeed(3314749273)
let keepProb: Float = 1 - 0.4
let fates = sampleFates(input, out1, keepProb: keepProb)
let firstKept = fates.firstIndex(of: "kept")!
let at = firstKept * input.numel / input.shape[0]     // its first value
print("sample \(firstKept), first value: input / 0.6 =", Tensor(input.scalars[at] / keepProb))
print("                     DropPath    =", Tensor(out1.scalars[at]))
print("                     Dropout     =", Tensor(out2.scalars[at]),
      out2.scalars[at] == 0 ? "(dropped by its own coin)" : "(kept by its own coin)")
precondition("\(Tensor(out1.scalars[at]))" == "\(Tensor(input.scalars[at] / keepProb))",
             "a kept value must print as input / 0.6")
for b in 0..<3 where fates[b] == "kept" {
    precondition(zip(input[b].scalars, out1[b].scalars).allSatisfy { $1 == $0 / keepProb },
                 "the article's form divides: a kept sample is exactly x / 0.6")
}

// Dropout: every element is zero, or its input divided by q up to one float32 rounding:
// nn.Dropout multiplies by a mask holding 1/0.6 rounded to float32; it does not divide.
var keptElements = 0, lastBitDifferent = 0
for (x, y) in zip(input.scalars, out2.scalars) where y != 0 {
    precondition(abs(y - x / keepProb) <= (x / keepProb).ulp,
                 "a dropout survivor must be x / q")
    keptElements += 1
    if y != x / keepProb { lastBitDifferent += 1 }
}
print("DropPath kept \(fates.count { $0 == "kept" }) of 3 samples, each exactly x / 0.6")
print("Dropout kept \(keptElements) of \(input.numel) elements,",
      "each x / 0.6 up to float32 rounding")
print("survivors whose last bit differs from x / 0.6:", lastBitDifferent)

// MARK: - Block 4 (Lessons/02-droppath.md:229)
manualSeed(3974863147)
let x = randn(3, 2, 2, 3)
// Draw again until the batch is mixed, so the output shows both fates.
var y = dropPath(x, dropProb: 0.4, training: true), libraryTries = 1
while Set(sampleFates(x, y, keepProb: 0.6)).count < 2 {
    libraryTries += 1
    precondition(libraryTries <= 60, "60 tries without a mixed batch (probability 0.28^60)")
    y = dropPath(x, dropProb: 0.4, training: true)
}
print("dropPath, tries:", libraryTries, "→", sampleFates(x, y, keepProb: 0.6).joined(separator: ", "))
print("x[0, 0]:", x[0][0])
print("y[0, 0]:", y[0][0])

let dropPathModule = DropPath(dropProb: 0.4)        // modules start in training mode
print("DropPath module →", sampleFates(x, dropPathModule(x), keepProb: 0.6).joined(separator: ", "))

// MARK: - Block 5 (Lessons/02-droppath.md:274)
manualSeed(3317442159)
precondition(dropPath(x, dropProb: 0.4).scalars == x.scalars,
             "dropPath without training: true must return its input")
print("dropPath(x, dropProb: 0.4) == x           (timm: training defaults to false)")
precondition(dropout(x, p: 0.4).scalars != x.scalars, "dropout trains by default")
print("dropout(x, p: 0.4) != x                   (F.dropout: training defaults to true)")
precondition(stochasticDepth(ones(64, 1), p: 0.4, mode: .row).scalars != ones(64, 1).scalars,
             "stochasticDepth trains by default (a kept row is 1/0.6, not 1)")
print("stochasticDepth(…, mode: .row) drops too  (torchvision: training defaults to true)")

dropPathModule.eval()
precondition(dropPathModule(x).scalars == x.scalars,
             "DropPath in eval mode must return its input")
print("DropPath after eval() == x")
