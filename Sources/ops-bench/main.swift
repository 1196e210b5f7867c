import Drop
import Glibc

// Times every public op of Drop at a small (1,024-element) and a large (64·197·768) size, in
// whatever build links it: `Benchmarks/ops_bench.sh` builds it with `swift build` (debug), the
// build lessons link, and runs `Benchmarks/ops_bench.py` on the same cases beside it.
// Usage: ops-bench [rounds] [op ...]; prints `size<TAB>op<TAB>median seconds per call`, for every
// op or only those named, interleaved in the full list's order (for profiling one:
// `perf record .build/debug/ops-bench 50 -x`; `OPS_BENCH_SIZE=small` or `large` for one size).

let rounds = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 9
let named = Set(CommandLine.arguments.dropFirst(2))
let only = named.isEmpty ? nil : named
// 2 threads, as `ops_bench.py` gives PyTorch; `DROP_NUM_THREADS` (also Drop's own default) overrides.
setNumThreads(getenv("DROP_NUM_THREADS").flatMap { Int(String(cString: $0)) }.flatMap { $0 > 0 ? $0 : nil } ?? 2)

/// Seconds on the monotonic clock.
func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// The cases of one size, as `(name, call)`; the names match `ops_bench.py`'s.
func cases(large: Bool) -> [(String, () -> Any)] {
    let shape = large ? [64, 197, 768] : [4, 8, 32]  // (B, N, D)
    let (b, d) = (shape[0], shape[2])
    let g = Generator(seed: 0)
    let x = randn(shape, generator: g)
    let y = rand(shape, generator: g)
    let r = rand([b, 1, 1], generator: g)
    let bias = randn([d], generator: g)
    let m = large ? 1576 : 32, k = large ? 768 : 32
    let a = randn([m, k], generator: g), w = randn([k, k], generator: g)
    let n = x.numel
    // The modules run on a (B', 197, 768) slice whose element count is ≥ 1M when large.
    let tokens = large ? randn([8, 197, 768], generator: g) : randn([1, 4, 256], generator: g)
    let dim = tokens.shape[2]
    let linear = Linear(inFeatures: dim, outFeatures: dim, generator: g)
    let norm = LayerNorm(dim)
    let gelu = GELU()
    let heads = large ? 12 : 4
    let attention = Attention(dim: dim, numHeads: heads)
    let mlp = Mlp(inFeatures: dim, hiddenFeatures: 4 * dim)
    let block = Block(dim: dim, numHeads: heads, dropPath: 0.1)
    // Losses on (N, C) logits, DropBlock on (B, C, H, W) maps, batch norm on (N, C): ≥ 1M
    // elements when large, 1,024 when small.
    let (rows, classes) = large ? (1024, 1024) : (8, 128)
    let logits = randn([rows, classes], generator: g)
    let targets = (0..<rows).map { $0 * 7919 % classes }
    let maps = large ? randn([16, 64, 32, 32], generator: g) : randn([1, 4, 16, 16], generator: g)
    let features = large ? randn([1024, 1024], generator: g) : randn([32, 32], generator: g)
    let batchNorm = BatchNorm1d(features.shape[1])
    let unsqueezed = x.unsqueeze(1)
    return [
        ("zeros", { zeros(shape) }),
        ("full", { full(shape, 0.5) }),
        ("ones", { ones(shape) }),
        ("arange", { arange(Float(n)) }),
        ("linspace", { linspace(0, 1, n) }),
        ("rand", { rand(shape, generator: g) }),
        ("rand_from_to", { rand(shape, from: -1, to: 1, generator: g) }),
        ("randn", { randn(shape, generator: g) }),
        ("bernoulli_p", { bernoulli(shape, p: 0.9, generator: g) }),
        ("bernoulli_probs", { bernoulli(y, generator: g) }),
        ("x+x", { x + x }),
        ("x-y", { x - y }),
        ("x*y", { x * y }),
        ("x/y", { x / y }),
        ("x+1.5", { x + 1.5 }),
        ("x*0.9", { x * 0.9 }),
        ("x/0.9", { x / 0.9 }),
        ("2/y", { 2 / y }),
        ("-x", { -x }),
        ("x*r(B,1,1)", { x * r }),
        ("x/0.9*r", { x / 0.9 * r }),
        ("x+bias(D)", { x + bias }),
        ("x<y", { x < y }),
        ("x<0.5", { x < 0.5 }),
        ("x+=y", { var z = x; z += y; return z }),
        ("exp", { x.exp() }),
        ("log", { y.log() }),
        ("sqrt", { y.sqrt() }),
        ("abs", { x.abs() }),
        ("floor", { x.floor() }),
        ("relu", { x.relu() }),
        ("erf", { x.erf() }),
        ("sum", { x.sum() }),
        ("sum(dim:2)", { x.sum(dim: 2) }),
        ("sum(dim:0)", { x.sum(dim: 0) }),
        ("mean(dim:2,keepdim)", { x.mean(dim: 2, keepdim: true) }),
        ("mean", { x.mean() }),
        ("var(dim:2)", { x.var(dim: 2) }),
        ("var", { x.var() }),
        ("max", { x.max() }),
        ("max(dim:2)", { x.max(dim: 2) }),
        ("min", { x.min() }),
        ("softmax(dim:2)", { x.softmax(dim: 2) }),
        ("softmax(dim:1)", { x.softmax(dim: 1) }),
        ("logSoftmax(dim:2)", { x.logSoftmax(dim: 2) }),
        ("matmul", { a.matmul(w) }),
        ("reshape", { x.reshape(-1, d) }),
        ("x[i]", { x[1] }),
        ("transpose(1,2)", { x.transpose(1, 2) }),
        ("permute(2,0,1)", { x.permute(2, 0, 1) }),
        ("flatten", { x.flatten() }),
        ("unsqueeze", { x.unsqueeze(0) }),
        ("squeeze", { unsqueezed.squeeze(1) }),
        ("dropout", { dropout(x, p: 0.1, generator: g) }),
        ("dropPath", { dropPath(x, dropProb: 0.1, training: true, generator: g) }),
        ("dropout2d", { dropout2d(x, p: 0.1, generator: g) }),
        ("stochasticDepth", { stochasticDepth(x, p: 0.1, mode: .row, training: true, generator: g) }),
        ("dropBlock2d", { dropBlock2d(maps, dropProb: 0.1, blockSize: 7, generator: g) }),
        ("crossEntropy", { crossEntropy(logits, targets: targets) }),
        ("mseLoss", { mseLoss(x, y) }),
        ("BatchNorm1d", { batchNorm(features) }),
        ("Linear", { linear(tokens) }),
        ("LayerNorm", { norm(tokens) }),
        ("GELU", { gelu(tokens) }),
        ("Attention", { attention(tokens) }),
        ("Mlp", { mlp(tokens) }),
        ("Block", { block(tokens) }),
    ]
}

/// The median of each case's seconds per call over `rounds` rounds after one warm-up round; every
/// round calls each case once (large) or `calls` times (small), cases interleaved so that load
/// from other processes falls on all of them alike.
func medians(_ cases: [(String, () -> Any)], calls: Int) -> [Double] {
    var times = [[Double]](repeating: [], count: cases.count)
    for round in 0...rounds {
        for (i, (_, call)) in cases.enumerated() {
            let start = now()
            // Without recording gradients, as `ops_bench.py` times PyTorch under `torch.no_grad()`.
            noGrad { for _ in 0..<calls { _ = call() } }
            if round > 0 { times[i].append((now() - start) / Double(calls)) }
        }
    }
    return times.map { $0.sorted()[$0.count / 2] }
}

// `OPS_BENCH_SIZE=small` (or `large`) times one size only, for profiling.
let size = getenv("OPS_BENCH_SIZE").map { String(cString: $0) }
for large in [false, true] where size == nil || size == (large ? "large" : "small") {
    let all = cases(large: large).filter { only?.contains($0.0) ?? true }
    for ((name, _), seconds) in zip(all, medians(all, calls: large ? 1 : 200)) {
        print("\(large ? "large" : "small")\t\(name)\t\(seconds)")
    }
}
