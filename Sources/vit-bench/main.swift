// Forward pass of a depth-12, dim-192, 3-head BlockStack on (8, 197, 192) in eval mode, timed
// like Benchmarks/vit_bench.py (median of the timed runs after warm-up), on Drop's default number
// of threads (`DROP_NUM_THREADS`, else the CPUs online); compare with the same `--threads`.
//
//     swift run -c release vit-bench [runs]
//     DROP_NUM_THREADS=1 swift run -c release vit-bench [runs]
import Drop

let runs = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 15 : 15
manualSeed(0)
let stack = BlockStack(depth: 12, dim: 192, numHeads: 3).eval()
let count = 8 * 197 * 192
// Any well-scaled input will do: the cost does not depend on the values.
let x = Tensor((0..<count).map { Float(($0 * 7919) % 1000) / 500 - 1 }, shape: [8, 197, 192])

let clock = ContinuousClock()
// A polynomial hash of the output's bits: equal between builds (e.g. with `-target-cpu`) iff every
// element is, up to collisions, which shows that the kernels' results do not depend on the CPU.
let fingerprint = stack(x).scalars.reduce(UInt64(0)) { $0 &* 31 &+ UInt64($1.bitPattern) }
var checksum: Float = 0  // printed, so that no forward pass can be optimised away
for _ in 0..<2 { checksum += stack(x).scalars[0] }  // warm-up
var times: [Double] = []
for _ in 0..<runs {
    let elapsed = clock.measure { checksum += stack(x).scalars[0] }
    times.append(
        Double(elapsed.components.seconds) * 1e3
            + Double(elapsed.components.attoseconds) * 1e-15)
}
times.sort()
let median =
    times.count % 2 == 1
    ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
print(
    "Drop \(Drop.version) vit-bench, \(getNumThreads()) thread(s), \(KernelBuild.selected) kernels: median \(median.rounded()) ms over \(runs) runs "
        + "(min \(times.first!.rounded()), max \(times.last!.rounded())); "
        + "output fingerprint \(String(fingerprint, radix: 16)) [\(checksum)]")
