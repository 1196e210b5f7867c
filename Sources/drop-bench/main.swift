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

/// Median seconds per call, and the bytes a call leaves allocated while its result is alive.
func measure(_ body: () -> Tensor) -> (seconds: Double, bytes: Int) {
    var times: [Double] = []
    var bytes = 0
    for i in 0..<(repeats + 2) {
        let before = heapBytes()
        let start = now()
        let y = body()
        let elapsed = now() - start
        if i == 0 { bytes = heapBytes() - before }
        precondition(y.numel == x.numel)
        if i >= 2 { times.append(elapsed) }  // the first two calls warm caches and malloc
    }
    return (times.sorted()[times.count / 2], bytes)
}

/// The article's drop path: a `keep + rand` mask floored to 0/1, then `x / keep * mask`.
func articleDropPath(_ x: Tensor, dropProb: Double, generator: Generator) -> Tensor {
    let keep = Float(1 - dropProb)
    let r = rand(x.shape[0], 1, 1, generator: generator)  // (B, 1, 1)
    let mask = r.scalars.map { (keep + $0).rounded(.down) }
    let inner = x.numel / x.shape[0]
    let scaled = x.scalars.map { $0 / keep }
    var y = [Float](repeating: 0, count: x.numel)
    for i in 0..<x.numel { y[i] = scaled[i] * mask[i / inner] }
    return Tensor(y, shape: x.shape.dims)
}

let cases: [(String, () -> Tensor)] = [
    ("copy", { Tensor(x.scalars.withUnsafeBufferPointer { Array($0) }, shape: shape) }),
    ("dropPath p=0.1", { dropPath(x, dropProb: 0.1, training: true, generator: g) }),
    ("article rand+floor", { articleDropPath(x, dropProb: 0.1, generator: g) }),
    ("dropout p=0.1", { dropout(x, p: 0.1, generator: g) }),
]

print("drop-bench \(Drop.version): shape \(shape), median of \(repeats) calls")
let copy = measure(cases[0].1).seconds
print("op                    ms/call  × copy   MB allocated/call")
for (name, body) in cases {
    let (seconds, bytes) = measure(body)
    let columns = [
        name.padding(to: 20),
        format(seconds * 1e3, width: 8, decimals: 2),
        format(seconds / copy, width: 7, decimals: 2),
        format(Double(bytes) / 1_048_576, width: 10, decimals: 1),
    ]
    print(columns.joined(separator: "  "))
}

/// `value` right-aligned with a fixed number of decimals.
func format(_ value: Double, width: Int, decimals: Int) -> String {
    var buffer = [CChar](repeating: 0, count: 64)
    _ = withVaList([value]) { vsnprintf(&buffer, buffer.count, "%.\(decimals)f", $0) }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).padding(to: width, left: true)
}

extension String {
    func padding(to width: Int, left: Bool = false) -> String {
        let fill = String(repeating: " ", count: Swift.max(0, width - count))
        return left ? fill + self : self + fill
    }
}
