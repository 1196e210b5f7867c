import Glibc
import Testing

@testable import Drop

/// The whole-tensor `sum`, `mean` and `var` take a blocked, threaded pass and return its result
/// only when an error bound proves the in-order Double chain gives the same Float; these specs
/// check the proof against the chain itself on data built to stress it.
@Suite("Whole-tensor sums keep the in-order chain's bits", .serialized)
struct WholeSumTests {
    /// The chain's results, as `Reduce.swift` defines them.
    static func chain(_ x: Tensor) -> (sum: Float, mean: Float, variance: Float, biased: Float) {
        (
            x.reduce(dim: nil, keepdim: false, Tensor.sum).item(),
            x.reduce(dim: nil, keepdim: false, Tensor.mean).item(),
            x.reduce(dim: nil, keepdim: false, Tensor.variance(correction: 1)).item(),
            x.reduce(dim: nil, keepdim: false, Tensor.variance(correction: 0)).item()
        )
    }

    /// Data meant to be hard on the bound: offsets, mixed magnitudes, cancellation, repeats.
    static func input(_ kind: Int, count: Int, seed: UInt64) -> Tensor {
        let g = Generator(seed: seed)
        let normal = randn([count], generator: g)
        switch kind {
        case 0: return normal
        case 1: return normal + 1000  // a large mean: the variance's second pass matters
        case 2: return rand([count], generator: g)  // all positive
        case 3:  // magnitudes from 1e-20 to 1e20
            let powers = (rand([count], generator: g) * 40 - 20).floor()
            return Tensor(
                zip(normal.scalars, powers.scalars).map { $0 * powf(10, $1) }, shape: [count])
        case 4:  // pairs that cancel, plus small noise: the sum is tiny against Σ|x|
            var v = normal.scalars
            for i in stride(from: 1, to: count, by: 2) { v[i] = -v[i - 1] + v[i] * 1e-6 }
            return Tensor(v, shape: [count])
        case 5: return full([count], 0.1)  // one value repeated
        case 6: return (rand([count], generator: g) * 100).floor()  // integers: exact sums
        case 7:  // 1 then tiny values adding up to half a Float ulp of 1: a tie in the final rounding
            var v = [Float](repeating: 0x1p-39, count: count)
            v[0] = 1
            return Tensor(v, shape: [count])
        case 8:  // large and subnormal values
            return Tensor(
                normal.scalars.enumerated().map { $0.offset % 3 == 0 ? $0.element * 1e30 : $0.element * 1e-40 },
                shape: [count])
        default:  // zeros of both signs
            return Tensor((0..<count).map { $0 % 2 == 0 ? 0 : -0.0 }, shape: [count])
        }
    }

    @Test("every certified result is the chain's, on hard data", arguments: 0..<10)
    func certifiedIsChain(_ kind: Int) {
        for (trial, count) in [1 << 15, 1 << 15 + 1, 1 << 15 + 4095, 100_003, 1 << 20 + 3].enumerated() {
            for seed in 0..<UInt64(trial < 3 ? 40 : 4) {
                let x = Self.input(kind, count: count, seed: seed * 7919 + UInt64(kind))
                let want = Self.chain(x)
                // Each walk on its own: runs of 1, 4 and 64 blocks.
                for groups in [[1], [4], [64]] {
                    if let s = x.certifiedWholeSum(groups: groups) {
                        #expect(s.bitPattern == want.sum.bitPattern)
                    }
                    if let m = x.certifiedWholeMean(groups: groups) {
                        #expect(m.bitPattern == want.mean.bitPattern)
                    }
                }
                if let v = x.certifiedWholeVariance(correction: 1) {
                    #expect(v.bitPattern == want.variance.bitPattern)
                }
                if let v = x.certifiedWholeVariance(correction: 0) {
                    #expect(v.bitPattern == want.biased.bitPattern)
                }
                // Whatever path ran, the public API gives the chain's bits.
                #expect(x.sum().item().bitPattern == want.sum.bitPattern)
                #expect(x.mean().item().bitPattern == want.mean.bitPattern)
                #expect(x.var().item().bitPattern == want.variance.bitPattern)
            }
        }
    }

    @Test("a tie in the final rounding falls back to the chain")
    func tieFallsBack() {
        let x = Self.input(7, count: 1 << 15 + 1, seed: 0)
        #expect(x.certifiedWholeSum() == nil)
        #expect(x.sum().item() == 1)  // 1 + 2⁻²⁴ exactly, rounded to even
    }

    @Test("non-finite elements fall back to the chain")
    func nonFiniteFallsBack() {
        var x = randn([1 << 16], generator: Generator(seed: 3))
        x.scalars[77] = .infinity
        #expect(x.certifiedWholeSum() == nil && x.sum().item() == .infinity)
        x.scalars[78] = .nan
        #expect(x.certifiedWholeMean() == nil && x.mean().item().isNaN)
        #expect(x.certifiedWholeVariance(correction: 1) == nil && x.var().item().isNaN)
    }

    @Test("the fast path is taken for ordinary data")
    func usuallyCertified() {
        var certified = (sum: 0, mean: 0, variance: 0)
        let trials = 40
        for seed in 0..<UInt64(trials) {
            let x = randn([1 << 20], generator: Generator(seed: seed))
            if x.certifiedWholeSum() != nil { certified.sum += 1 }
            if x.certifiedWholeMean() != nil { certified.mean += 1 }
            if x.certifiedWholeVariance(correction: 1) != nil { certified.variance += 1 }
        }
        #expect(certified.sum >= trials - 2)
        #expect(certified.mean >= trials - 2)
        #expect(certified.variance >= trials - 2)
    }
}
