// Forward pass of a depth-12, dim-192, 3-head BlockStack on (8, 197, 192) in eval mode, timed
// like Benchmarks/vit_bench.py (median of the timed runs after warm-up), on Drop's default number
// of threads (`DROP_NUM_THREADS`, else the CPUs online) and its fastest kernels for this CPU
// (`DROP_KERNELS=portable|avx2|avx512` picks another); compare with the same `--threads`. Also
// times one product of `fc1`'s shape, (1576, 192) · (192, 768), in GFLOPS.
//
//     swift run -c release vit-bench [runs]
//     DROP_NUM_THREADS=1 swift run -c release vit-bench [runs]
import Drop

let runs = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 15 : 15
manualSeed(0)
let stack = BlockStack(depth: 12, dim: 192, numHeads: 3).eval()
// Any well-scaled inputs will do: the cost does not depend on the values.
func input(_ shape: [Int]) -> Tensor {
    let count = shape.reduce(1, *)
    return Tensor((0..<count).map { Float(($0 * 7919) % 1000) / 500 - 1 }, shape: shape)
}
let x = input([8, 197, 192])

/// The median of `runs` timings of `work` in milliseconds, after two untimed warm-up calls.
func medianMilliseconds(_ work: () -> Float) -> (median: Double, min: Double, max: Double) {
    var checksum: Float = 0  // printed below, so that no call can be optimised away
    for _ in 0..<2 { checksum += work() }
    var times: [Double] = []
    for _ in 0..<runs {
        let elapsed = ContinuousClock().measure { checksum += work() }
        times.append(
            Double(elapsed.components.seconds) * 1e3
                + Double(elapsed.components.attoseconds) * 1e-15)
    }
    times.sort()
    let median =
        times.count % 2 == 1
        ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
    if checksum.isNaN { print("(checksum \(checksum))") }
    return (median, times.first!, times.last!)
}

// A polynomial hash of the output's bits: equal between runs with other kernels or threads iff
// every element is (up to collisions): the results do not depend on the CPU.
let fingerprint = stack(x).scalars.reduce(UInt64(0)) { $0 &* 31 &+ UInt64($1.bitPattern) }
let forward = medianMilliseconds { stack(x).scalars[0] }
let (a, b) = (input([1576, 192]), input([192, 768]))
let product = medianMilliseconds { a.matmul(b).scalars[0] }
let gflops = 2.0 * 1576 * 192 * 768 / (product.median * 1e6)
print(
    "Drop \(Drop.version) vit-bench, \(getNumThreads()) thread(s), \(KernelBuild.selected) kernels: "
        + "median \(forward.median.rounded()) ms over \(runs) runs "
        + "(min \(forward.min.rounded()), max \(forward.max.rounded())); "
        + "output fingerprint \(String(fingerprint, radix: 16)); "
        + "fc1-shaped matmul \(gflops.rounded()) GFLOPS")
