import Foundation
import Glibc
import Testing
@testable import Drop

/// One recorded PyTorch result from `Fixtures/speed.json` (see `make_speed_fixtures.py`).
struct FastPathCase: Decodable, CustomStringConvertible {
    var op: String
    var seed: UInt64
    var x: [Int]
    var y: [Int]
    var digest: String

    var description: String { "\(op) \(x) \(y)" }

    static let all: [FastPathCase] = {
        struct File: Decodable { var cases: [FastPathCase] }
        let url = Bundle.module.url(forResource: "Fixtures/speed", withExtension: "json")!
        return try! JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
    }()

    /// Drop's result for this case, from the inputs PyTorch drew; `inWindows` hands the op
    /// windows on larger arrays instead (`x[1]` of a NaN, x, NaN stack), as `x[i]` makes them.
    func run(inWindows: Bool = false) -> Tensor {
        let g = Generator(seed: seed)
        switch op {
        case "randn": return randn(x, generator: g)
        case "randn_mean_std": return randn(x, mean: 0.5, std: 2.5, generator: g)
        case "uniform": return rand(x, from: -2, to: 3, generator: g)
        case "linspace": return linspace(-3, 5, x[0])
        default: break
        }
        var a = randn(x, generator: g), b = rand(y, generator: g)
        if inWindows { (a, b) = (Self.window(a), Self.window(b)) }
        switch op {
        case "add": return a + b
        case "sub": return a - b
        case "mul": return a * b
        case "div": return a / b
        case "lt": return a < b
        case "ge": return a >= b
        case "eq": return a.floor() .== b.floor()
        case "scaled_mul": return a / 0.9 * b
        case "gt": return a > b
        case "le": return a <= b
        case "ne": return a.floor() .!= b.floor()
        case "add_scalar": return a + 1.5
        case "mul_scalar": return a * 0.9
        case "div_scalar": return a / 0.9
        case "rdiv_scalar": return 2 / a
        case "neg": return -a
        case "lt_scalar": return a < 0.5
        case "floor": return a.floor()
        case "abs": return a.abs()
        case "sub_scalar": return a - 1.5
        case "rsub_scalar": return 1.5 - a
        case "radd_scalar": return 1.5 + a
        case "rmul_scalar": return 0.9 * a
        case "relu": return a.relu()
        case "gt_scalar": return a > 0.5
        case "le_scalar": return a <= 0.5
        case "ge_scalar": return a >= 0.5
        case "eq_scalar": return a.floor() .== 0
        case "ne_scalar": return a.floor() .!= 0
        case "max": return a.max()
        case "min": return a.min()
        default: fatalError("unknown op \(op)")
        }
    }

    /// `t` as row 1 of a 3-row stack whose other rows are NaN: a window (no copy) that an op
    /// reading past it would turn NaN.
    static func window(_ t: Tensor) -> Tensor {
        let poison = [Float](repeating: .nan, count: t.numel)
        let row = Tensor(poison + t.scalars + poison, shape: [3] + t.shape.dims)[1]
        precondition(row.window == t.numel)
        return row
    }
}

@Suite("Fast paths give PyTorch's bits at sizes straddling SIMD widths and the thread split")
struct FastPathParityTests {
    @Test("elementwise, broadcasting, comparisons and randn (Fixtures/speed.json)",
        arguments: FastPathCase.all)
    func matchesPyTorch(_ recorded: FastPathCase) {
        #expect(digest(recorded.run()) == recorded.digest)
    }

    @Test("the same bits when the inputs are windows on larger arrays (x[i])",
        arguments: FastPathCase.all)
    func windowsMatchPyTorch(_ recorded: FastPathCase) {
        #expect(digest(recorded.run(inWindows: true)) == recorded.digest)
    }

    @Test("sqrt is correctly rounded (PyTorch's is within an ulp, and CPU-dependent)")
    func squareRoot() {
        for n in [1, 7, 8, 9, 1023, 1024, 1025, 1 << 20 + 3] {
            let x = rand([n], generator: Generator(seed: UInt64(n))) * 100
            #expect(bits(x.sqrt()) == x.scalars.map { Float(Double($0).squareRoot()).bitPattern })
        }
    }

    @Test("in-place arithmetic equals the out-of-place result")
    func inPlace() {
        for n in [1, 7, 8, 9, 1023, 1024, 1025, 1 << 20 + 3] {
            let g = Generator(seed: UInt64(n))
            let x = randn([n], generator: g), y = rand([n], generator: g)
            var z = x
            z += y
            #expect(bits(z) == bits(x + y))
            z -= y
            #expect(bits(z) == bits(x + y - y))
        }
    }
}

/// The reductions and softmax as Drop computed them before their kernels ran eight lines side
/// by side on several threads: one line at a time, in order, in a Double. The fast kernels must
/// give these bits exactly, whatever the thread count.
enum ScalarReference {
    static func line(_ t: Tensor, _ d: Int, _ q: Int) -> [Float] {
        let (_, n, inner) = t.lines(around: d)
        let start = (q / inner) * n * inner + q % inner
        return (0..<n).map { t.scalars[start + $0 * inner] }
    }

    static func sum(_ v: [Float]) -> Double { v.reduce(0.0) { $0 + Double($1) } }

    /// The bits of every line's sum and mean along `d`, each line summed alone, in order.
    static func sumsAndMeans(_ t: Tensor, _ d: Int) -> (sums: [UInt32], means: [UInt32]) {
        let lines = (0..<t.numel / t.shape[d]).map { line(t, d, $0) }
        return (
            lines.map { Float(sum($0)).bitPattern },
            lines.map { Float(sum($0) / Double($0.count)).bitPattern })
    }

    static func variance(_ v: [Float], correction: Int) -> Float {
        let mean = sum(v) / Double(v.count)
        let squares = v.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) }
        return Float(squares / Double(Swift.max(v.count - correction, 0)))
    }

    static func extreme(_ v: [Float], _ better: (Float, Float) -> Bool) -> Float {
        var best = v[0]
        for x in v {
            if x.isNaN { return x }
            if better(x, best) { best = x }
        }
        return best
    }

    static func softmax(_ v: [Float]) -> [Float] {
        var largest = -Float.infinity
        for x in v { largest = Swift.max(largest, x) }
        let e = v.map { expf($0 - largest) }
        let total = Float(e.reduce(0.0) { $0 + Double($1) })
        return e.map { $0 / total }
    }
}

@Suite("Reductions and softmax keep their bits on every thread count", .serialized)
struct ReductionOrderTests {
    /// Normal values with zeros of both signs, infinities and NaNs mixed in.
    static func input(_ shape: [Int], seed: UInt64) -> Tensor {
        var x = randn(shape, generator: Generator(seed: seed))
        for i in stride(from: 3, to: x.numel, by: 97) { x.scalars[i] = 0 }
        for i in stride(from: 5, to: x.numel, by: 89) { x.scalars[i] = -0.0 }
        if seed % 2 == 1 {
            for i in stride(from: 11, to: x.numel, by: 4099) { x.scalars[i] = .infinity }
            for i in stride(from: 13, to: x.numel, by: 5003) { x.scalars[i] = .nan }
        }
        return x
    }

    static let shapes: [[Int]] = [
        [1], [7], [8], [9], [1023], [1024], [1025], [1 << 20 + 3], [3, 7, 9], [2, 1025, 9],
        [1025, 1024], [9, 8, 1], [1, 1, 7],
    ]

    @Test("each dim, as the one-line scalar loop did it", arguments: 0..<shapes.count)
    func alongEveryDim(_ index: Int) {
        let defaultThreads = getNumThreads()
        defer { setNumThreads(defaultThreads) }
        for seed: UInt64 in [1, 2] {
            let x = Self.input(Self.shapes[index], seed: seed)
            for threads in [1, 2, 3] {
                setNumThreads(threads)
                for d in 0..<x.ndim {
                    let lines = x.numel / x.shape[d]
                    let want = (0..<lines).map { ScalarReference.line(x, d, $0) }
                    let chains = ScalarReference.sumsAndMeans(x, d)
                    #expect(bits(x.sum(dim: d)) == chains.sums)
                    #expect(bits(x.mean(dim: d, keepdim: true)) == chains.means)
                    #expect(
                        bits(x.var(dim: d)) == want.map { ScalarReference.variance($0, correction: 1).bitPattern })
                    #expect(bits(x.max(dim: d)) == want.map { ScalarReference.extreme($0, >).bitPattern })
                    let soft = x.softmax(dim: d)
                    for (q, line) in want.enumerated() {
                        #expect(
                            ScalarReference.line(soft, d, q).map(\.bitPattern)
                                == ScalarReference.softmax(line).map(\.bitPattern))
                    }
                }
                let all = x.scalars
                #expect(x.sum().item().bitPattern == Float(ScalarReference.sum(all)).bitPattern)
                #expect(x.var().item().bitPattern == ScalarReference.variance(all, correction: 1).bitPattern)
                #expect(x.max().item().bitPattern == ScalarReference.extreme(all, >).bitPattern)
                #expect(x.min().item().bitPattern == ScalarReference.extreme(all, <).bitPattern)
            }
        }
    }
}

@Suite("Sums and means along a dim keep each line's in-order chain bits", .serialized)
struct LineSumTests {
    /// Values whose magnitudes span 2⁻⁴⁰ … 2⁴⁰, so that many lines' fast sums are not
    /// certified and their chains run, and many are.
    static func wild(_ shape: [Int], seed: UInt64) -> Tensor {
        let g = Generator(seed: seed)
        let x = randn(shape, generator: g), e = rand(shape, generator: g)
        var scaled = x
        for i in 0..<x.numel {
            scaled.scalars[i] = x.scalars[i] * Float(sign: .plus, exponent: Int(e.scalars[i] * 80) - 40, significand: 1)
        }
        return scaled
    }

    @Test("wide-ranging values, lines of 1 to 1,025, every dim, 1 to 3 threads")
    func wideRanging() {
        let defaultThreads = getNumThreads()
        defer { setNumThreads(defaultThreads) }
        let shapes: [[Int]] = [
            [40, 1], [40, 7], [40, 8], [40, 9], [40, 15], [40, 16], [40, 17], [40, 33],
            [9, 1023], [9, 1024], [9, 1025], [3, 600, 9], [700, 5, 3],
        ]
        for (index, shape) in shapes.enumerated() {
            let x = Self.wild(shape, seed: UInt64(index))
            for threads in [1, 2, 3] {
                setNumThreads(threads)
                for d in 0..<x.ndim {
                    let chains = ScalarReference.sumsAndMeans(x, d)
                    #expect(bits(x.sum(dim: d)) == chains.sums)
                    #expect(bits(x.mean(dim: d)) == chains.means)
                }
            }
        }
    }

    @Test("lines of tiny, subnormal, huge and overflowing values give the chain's result")
    func tinyAndHugeLines() {
        // Scales from 1e-30 to 3e38 (where randn's tail overflows to ±infinity and the chain
        // runs); the mixed lines also hold subnormals and zeros every 7th value.
        for (index, scale) in [Float(1e-30), 1e-22, 1e25, 3e38].enumerated() {
            let x = randn([50, 40], generator: Generator(seed: UInt64(index))) * scale
            var mixed = x
            for i in stride(from: 0, to: mixed.numel, by: 7) { mixed.scalars[i] = Float(i % 5) * 1e-41 }
            for t in [x, mixed] {
                let chains = ScalarReference.sumsAndMeans(t, 1)
                #expect(bits(t.sum(dim: 1)) == chains.sums)
                #expect(bits(t.mean(dim: 1)) == chains.means)
            }
        }
    }

    @Test("a line whose fast sum is not its chain's still gives the chain's result")
    func uncertifiedLine() {
        // In order: 2⁶⁰ + 1 rounds back to 2⁶⁰, so the chain gives 0; the lanes see the 1 alone.
        var values = [Float](repeating: 0, count: 32)
        values[0] = 0x1p60
        values[1] = 1
        values[2] = -0x1p60
        let x = Tensor(values).reshape(1, 32)
        #expect(x.sum(dim: 1).scalars == [0])
        #expect(x.mean(dim: 1).scalars == [0])
    }
}
