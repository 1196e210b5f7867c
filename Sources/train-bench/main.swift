// One AdamW training step of a depth-4, dim-64, 4-head, qkv-bias BlockStack with drop-path rate
// 0.1 on randn(32, 17, 64): zero grads, forward, (y*y).mean(), backward, step. Prints the median
// step over the timed runs and the process's peak resident memory; compare with
// Benchmarks/train_bench.py (`Benchmarks/train_bench.sh` runs both, in the debug build lessons link).
//
//     swift run train-bench [runs]
import Drop
import Glibc

let runs = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 30 : 30
manualSeed(0)
let stack = BlockStack(depth: 4, dim: 64, numHeads: 4, qkvBias: true, dropPathRate: 0.1)
let optimizer = AdamW(stack.parameters(), lr: 1e-3)
let x = randn(32, 17, 64)

@MainActor func step() -> Float {
    optimizer.zeroGrad()
    let y = stack(x)
    let loss = (y * y).mean()
    loss.backward()
    optimizer.step()
    return loss.item()
}

for _ in 0..<3 { _ = step() }  // warm-up: worker threads, scratch pools
var times: [Double] = []
var lastLoss: Float = 0
for _ in 0..<runs {
    let elapsed = ContinuousClock().measure { lastLoss = step() }
    times.append(Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) * 1e-15)
}
times.sort()
var usage = rusage()
getrusage(RUSAGE_SELF.rawValue, &usage)
let median = times[times.count / 2]
print(
    "Drop \(Drop.version) train-bench, \(getNumThreads()) thread(s): median step "
        + "\(Double(Int(median * 10)) / 10) ms over \(runs) runs (min \(Double(Int(times[0] * 10)) / 10), "
        + "max \(Double(Int(times.last! * 10)) / 10)); peak RSS \(usage.ru_maxrss / 1024) MiB; last loss \(lastLoss)")
