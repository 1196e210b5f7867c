import Drop
import Glibc

// Times the dropout family on a ViT-B/16 activation, (64, 197, 768) float32, against a plain
// copy into fresh memory. Usage: swift run -c release drop-bench [repeats]

let repeats = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 25
let shape = [64, 197, 768]  // (B, N, D)
let g = Generator(seed: 0)
let x = randn(shape, generator: g)

/// Seconds on the monotonic clock.
func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// Bytes currently in use from malloc (`uordblks + hblkhd` of glibc's `mallinfo2()`), or 0 if
/// unavailable.
///
/// `<malloc.h>` is not part of Swift's Glibc module, so the function is looked up with `dlsym`.
/// It returns its 80-byte struct through a hidden pointer, which the x86-64 System V ABI passes
/// like a first argument: hence the `(pointer) -> Void` signature.
func heapBytes() -> Int {
    #if arch(x86_64)
    typealias MallInfo2 = @convention(c) (UnsafeMutablePointer<Int>) -> Void
    guard let symbol = dlsym(nil, "mallinfo2") else { return 0 }  // nil: RTLD_DEFAULT
    var fields = [Int](repeating: 0, count: 10)  // arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks, keepcost
    unsafeBitCast(symbol, to: MallInfo2.self)(&fields)
    return fields[7] + fields[4]
    #else
    return 0
    #endif
}

/// Minor page faults so far: each is one fresh 4 KiB page touched for the first time.
func minorFaults() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_minflt
}

/// What one call costs.
struct Measurement {
    /// Median wall time of a call.
    var seconds: Double
    /// Bytes still allocated after the call, while its result is alive (the output itself).
    var heldBytes: Int
    /// Fresh memory the call touched in 4 KiB pages (minor faults × page size): the output and
    /// any temporaries, except memory advised as huge pages, which faults 2 MiB at a time.
    var touchedBytes: Int
}

/// Times `repeats` rounds after two warm-up rounds; each round calls every case once, so that
/// load from other processes falls on all cases alike.
func measure(_ cases: [(String, () -> Tensor)]) -> [Measurement] {
    var times = [[Double]](repeating: [], count: cases.count)
    var held = [Int](repeating: 0, count: cases.count)
    var faults = [Int](repeating: 0, count: cases.count)
    for round in 0..<(repeats + 2) {
        for (c, (_, body)) in cases.enumerated() {
            let (heapBefore, faultsBefore) = (heapBytes(), minorFaults())
            let start = now()
            let y = body()
            let elapsed = now() - start
            if round == 0 { held[c] = heapBytes() - heapBefore }
            if round >= 2 {
                times[c].append(elapsed)
                faults[c] = Swift.max(faults[c], minorFaults() - faultsBefore)
            }
            precondition(y.numel == x.numel)
        }
    }
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    return cases.indices.map { c in
        Measurement(
            seconds: times[c].sorted()[times[c].count / 2], heldBytes: held[c],
            touchedBytes: faults[c] * page)
    }
}

/// The article's drop path, as a lesson writes it: a `keep + rand` mask floored to 0/1, then
/// `x / keep * mask` (three tensor operations, each allocating its result).
func articleDropPath(_ x: Tensor, dropProb: Double, generator: Generator) -> Tensor {
    let keepProb = Float(1 - dropProb)
    let r = (keepProb + rand(x.shape[0], 1, 1, generator: generator)).floor()  // (B, 1, 1)
    return x / keepProb * r
}

/// A copy of `x` into fresh memory allocated as Drop's kernels allocate outputs (huge pages).
func hugePageCopy(_ x: Tensor) -> Tensor {
    let values = x.scalars.withUnsafeBufferPointer { source in
        freshScalars(count: source.count) { out in
            out.initialize(from: source.baseAddress!, count: source.count)
        }
    }
    return Tensor(values, shape: x.shape.dims)
}

let cases: [(String, () -> Tensor)] = [
    ("copy", { Tensor(x.scalars.withUnsafeBufferPointer { Array($0) }, shape: shape) }),
    ("copy, huge pages", { hugePageCopy(x) }),
    ("dropPath p=0.1", { dropPath(x, dropProb: 0.1, training: true, generator: g) }),
    ("article rand+floor", { articleDropPath(x, dropProb: 0.1, generator: g) }),
    ("dropout p=0.1", { dropout(x, p: 0.1, generator: g) }),
]

print("drop-bench \(Drop.version): shape \(shape) float32, median of \(repeats) calls")
let results = measure(cases)
let mib = 1_048_576.0
print("op                    ms/call  × copy  MiB held  4K faults (MiB)")
for ((name, _), m) in zip(cases, results) {
    let columns = [
        name.padding(to: 20),
        format(m.seconds * 1e3, width: 8, decimals: 2),
        format(m.seconds / results[0].seconds, width: 7, decimals: 2),
        format(Double(m.heldBytes) / mib, width: 8, decimals: 1),
        format(Double(m.touchedBytes) / mib, width: 11, decimals: 1),
    ]
    print(columns.joined(separator: "  "))
}

/// `value` right-aligned with a fixed number of decimals.
func format(_ value: Double, width: Int, decimals: Int) -> String {
    cFormat("%.\(decimals)f", value).padding(to: width, left: true)
}

extension String {
    func padding(to width: Int, left: Bool = false) -> String {
        let fill = String(repeating: " ", count: Swift.max(0, width - count))
        return left ? fill + self : self + fill
    }
}
