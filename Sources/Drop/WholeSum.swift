internal import _DropKernels

// Whole-tensor `sum`, `mean` and `var` with the bits of the in-order Double chain, fast.
//
// The defined result (`Reduce.swift`, pinned by the fixtures) is one Double running sum over the
// elements in order k = 0, 1, 2, …, rounded once to Float at the end: a chain of dependent adds,
// one element per add latency. Here the same sum is computed in blocks of `wholeBlock` elements
// on Drop's threads, and a rigorous bound on how far the in-order chain can be from it is kept
// alongside (the rounding-error analysis of recursive summation, Higham, *Accuracy and Stability of
// Numerical Algorithms*, §4.2: each add of the chain errs by at most u·|its result|, u = 2⁻⁵³).
// If every Double within that bound rounds to the same Float, that Float *is* the chain's result,
// bit for bit, and is returned. Otherwise the chain itself runs: always when an element is
// infinite or NaN, and for random data rarely (measured on randn of 64 × 197 × 768: the sum and
// the mean fell back for 0 of 100 seeds, the variance for 1; after a ReLU, 2 and 1 of 100).
//
// How the bound is kept tight is `CertifiedSum.init`'s story: for each block, the range the
// chain's partial sums can take, which binades it spans, and whether the block's elements are
// coarse enough for the chain's adds to be exact there. Every term is inflated by a safety factor
// that covers the rounding of the bound's own arithmetic.

/// Elements per block of the fast pass (fixed: the blocking never depends on the thread count,
/// though the certified result would not either).
let wholeBlock = wholeSumBlock
/// Tensors below this many elements are summed by the chain itself (it is fast enough there).
let wholeFastThreshold = 1 << 15

/// The unit roundoff of Double (also used by `LineSums.swift`).
let u = 0x1p-53
/// γ for one block's summation tree: wholeBlock / 16 values per lane in 2 × 8 lanes, at most 8
/// adds across the lanes (however `sum()` orders them), and up to 15 tail adds in a short last block.
private let gammaBlock: Double = {
    let h = Double(wholeBlock / 16 + 8 + 16)
    return h * u / (1 - h * u)
}()
/// The runs the sum's and the mean's certification walks, in turn: 4 blocks first (a quarter of
/// the walk; for randn of 64 × 197 × 768 it certified 98 sums and 99 means of 100 seeds), then 1.
let sumWalk = [4, 1]
/// Covers the relative rounding of the bounds' own arithmetic (≤ 2³¹·u ≈ 2⁻²², many times over).
let safety = 1.01

/// A compensated (Neumaier) running sum: |value − exact| ≤ 2u·|value| + 4m·u²·Σ|terms| for m
/// terms (Higham §4.3), so the blocks' running total adds next to nothing to the bound.
private struct RunningSum {
    private var high = 0.0, low = 0.0
    var value: Double { high + low }

    mutating func add(_ x: Double) {
        let t = high + x
        low += Swift.abs(high) >= Swift.abs(x) ? (high - t) + x : (x - t) + high
        high = t
    }
}

/// Runs `body` with the blocks of `count` floats at `x`, computed on Drop's threads (the kernel
/// build's `valueBlocksKernel`); with `mean`, of their squared deviations fl(fl(x − mean)²)
/// instead. The blocks live in a pooled scratch buffer: allocated afresh, their few hundred KiB
/// would be mapped and faulted on every call (half the time of a 10M-element sum).
private func withBlockSums<Result>(
    _ x: UnsafePointer<Float>, count: Int, mean: Double? = nil,
    _ body: (UnsafeBufferPointer<BlockSum>) -> Result
) -> Result {
    let blocks = (count + wholeBlock - 1) / wholeBlock
    let floats = (blocks * MemoryLayout<BlockSum>.stride + 3) / MemoryLayout<Float>.stride
    return withScratch(count: floats) { scratch in
        let base = UnsafeMutableRawPointer(scratch).bindMemory(to: BlockSum.self, capacity: blocks)
        forEachRange(blocks, itemSize: wholeBlock) { range in
            if let mean { kernels.squareBlocks(x, count, mean, range, base) } else {
                kernels.valueBlocks(x, count, range, base)
            }
        }
        return body(UnsafeBufferPointer(start: base, count: blocks))
    }
}

/// What the first pass learned: the fast sum, Σ|x| (as computed), and a bound on how far the
/// in-order chain's Double result can be from the fast sum.
private struct CertifiedSum {
    let sum: Double
    let magnitude: Double
    let bound: Double
    /// A bound on |fast sum − exact sum|, which is part of `bound`.
    let fastError: Double

    /// Reads the blocks of `n` values (`n` < 2³¹), walking the chain's possible partial sums
    /// `group` blocks at a time.
    ///
    /// In a run of elements (here: `group` adjacent blocks) the chain's partial sums all lie
    /// within `slack + A` of the fast prefix before it, where `slack` bounds the chain's error so
    /// far plus the fast prefix's, and A is the run's Σ|x|; say they are all below 2^(e+1). Each
    /// add errs by at most half an ulp of its result, so by 2^(e − 53). Sharper, when every
    /// nonzero element of the run is at least 2^(e − 29) in magnitude, so a multiple of
    /// 2^(e − 52), the ulp of binade e: an add is then exact unless its result lies in a higher
    /// binade than any rounding so far has reached (the partial sum stays a multiple of the last
    /// rounded result's ulp), so the roundings climb through distinct binades and add up to less
    /// than 2^(e − 52); and if all the partial sums lie in the one binade [2^e, 2^(e+1)), none
    /// rounds at all. Longer runs mean a shorter walk (it runs on one thread) but a looser bound.
    ///
    /// The fast sum is exact within a block whose Σ|x| is below 2⁵³ times the granularity of its
    /// smallest element (every partial sum is then a representable multiple of it); otherwise
    /// it errs by at most γ·A_b. The blocks' running total is compensated.
    init(_ blocks: UnsafeBufferPointer<BlockSum>, n: Int, group: Int) {
        let m = Double(blocks.count)
        var running = RunningSum(), chain = 0.0, seen = 0.0, blockErrors = 0.0
        func fast(_ prefix: Double) -> Double {
            safety * blockErrors + 2 * u * Swift.abs(prefix) + 4 * m * u * u * seen
        }
        var first = 0
        while first < blocks.count {
            let run = first..<Swift.min(blocks.count, first + group)
            var runMagnitude = 0.0, smallest = Float.infinity
            for b in blocks[run] {
                runMagnitude += b.magnitude
                smallest = Swift.min(smallest, b.smallest)
            }
            let prefix = running.value
            let slack = safety * (chain + fast(prefix))
            // (1 + 2γ) also covers the rounding of the run's few adds above.
            let spread = runMagnitude * (1 + 2 * gammaBlock)
            let top = (Swift.abs(prefix) + slack + spread) * (1 + 4 * u)
            let bottom = (Swift.abs(prefix) - slack - spread) * (1 - 4 * u)
            if top > 0 {  // else every partial sum is zero: exact
                let e = top.exponent
                if Double(smallest) >= power(e - 29) {
                    if !(bottom > 0 && bottom.exponent == e) { chain += power(e - 52) }
                } else {
                    let length = Double(Swift.min(run.count * wholeBlock, n - first * wholeBlock))
                    chain += length * power(e - 53)
                }
            }
            for b in blocks[run] {
                let spread = b.magnitude * (1 + 2 * gammaBlock)
                if !(spread < 0x1p53 * granularity(b.smallest)) { blockErrors += gammaBlock * b.magnitude }
                seen += b.magnitude
                running.add(b.sum)
            }
            first = run.upperBound
        }
        sum = running.value
        magnitude = seen
        fastError = safety * fast(sum)
        bound = safety * chain + fastError
    }
}

/// 2^e as a Double.
@inline(__always)
private func power(_ e: Int) -> Double { Double(sign: .plus, exponent: e, significand: 1) }

/// A power of two that every float at least as large as `smallest` in magnitude is a multiple of
/// (infinity for infinity: a block of zeros).
@inline(__always)
private func granularity(_ smallest: Float) -> Double {
    guard smallest.isFinite else { return .infinity }
    return smallest.isNormal ? power(Int(smallest.exponent) - 23) : 0x1p-149
}

/// `f(x)` for every x within `bound` of `value`, if they are one Float (bit for bit), given a
/// non-decreasing `f`; nil if not, or if anything is not finite. A zero bound (all elements
/// zero) means `value` is the chain's result exactly.
func certain(_ value: Double, within bound: Double, _ f: (Double) -> Float) -> Float? {
    guard value.isFinite, bound.isFinite else { return nil }
    if bound == 0 { return f(value) }
    let low = f((value - bound).nextDown), high = f((value + bound).nextUp)
    return low.bitPattern == high.bitPattern ? low : nil
}

extension Tensor {
    /// The whole-tensor sum with the in-order chain's bits, or nil to run the chain; `groups` as
    /// in `certifiedMoments` (tests try others).
    func certifiedWholeSum(groups: [Int] = sumWalk) -> Float? {
        certifiedMoments(groups: groups) { sum, _ in certain(sum.sum, within: sum.bound) { Float($0) } }
    }

    /// The whole-tensor mean with the in-order chain's bits, or nil to run the chain.
    func certifiedWholeMean(groups: [Int] = sumWalk) -> Float? {
        let n = Double(numel)
        return certifiedMoments(groups: groups) { sum, _ in
            certain(sum.sum, within: sum.bound) { Float($0 / n) }
        }
    }

    /// The whole-tensor variance (`correction` as in `var`) with the two-pass chain's bits, or nil
    /// to run the chain.
    ///
    /// The chain takes the mean m = P_n / n from the first chain, then sums fl(fl(x − m)²) in
    /// order. Here the fast mean m̂ stands in for m (they differ by at most Δ), and the bound on
    /// the second sum adds what that changes: Σ(x − m)² − Σ(x − m̂)² = (m̂ − m)(2Σ(x − m̂) + n(m̂ − m)),
    /// each term's three roundings (3u relative), and the chain's own error over positive terms
    /// (at most u times the sum of its partial sums, each below the fast prefix at its block's end).
    func certifiedWholeVariance(correction: Int) -> Float? {
        let count = numel
        let divisor = Double(count - correction)
        guard divisor > 0 else { return nil }
        return certifiedMoments { first, x in
            guard first.sum.isFinite, first.magnitude.isFinite else { return nil }
            let n = Double(count)
            let mean = first.sum / n
            // |m − m̂| ≤ Δ: the sums differ by ≤ bound, and each quotient rounds once.
            let delta = safety * (first.bound / n + u * (2 * Swift.abs(mean) + first.bound / n))
            return withBlockSums(x, count: count, mean: mean) { squares in
                var running = RunningSum(), prefixBound = 0.0
                for (index, b) in squares.enumerated() {
                    running.add(b.sum)
                    let length = Double(Swift.min(wholeBlock, count - index * wholeBlock))
                    prefixBound += length * running.value
                }
                let q = running.value
                // The fast sum's relative error over positive terms, and the prefixes' with it.
                let gamma = safety * (gammaBlock + 2 * u + 4 * Double(squares.count) * u * u)
                // |T_n − n·m̂| ≤ |T_n − Ŝ| + |Ŝ − n·m̂| ≤ fast error + u|Ŝ|.
                let meanShift = delta * (2 * (first.fastError + u * Swift.abs(first.sum)) + n * delta)
                let exactSquares = q * (1 + 2 * gamma)  // ≥ Σ(x − m̂)²
                // Σ|x − m̂| ≤ √(n · Σ(x − m̂)²) (Cauchy–Schwarz): no pass of its own.
                let deviationMagnitude = (n * exactSquares).squareRoot() * safety
                let chainError =
                    u * (1 + 8 * u) * (1 + gamma)
                    * (prefixBound + n * (2 * delta * deviationMagnitude + n * delta * delta))
                let bound =
                    safety * safety
                    * (3.01 * u * (2 * exactSquares + meanShift) + meanShift + gamma * q + chainError)
                return certain(q, within: bound) { Float($0 / divisor) }
            }
        }
    }

    /// Runs the first blocked pass over the elements (≥ `wholeFastThreshold`, < 2³¹ of them) and
    /// hands its certified sum and the elements to `body`, walking the blocks in runs of each of
    /// `groups` in turn until `body` gives a result; nil for small or huge tensors.
    private func certifiedMoments(
        groups: [Int] = [1], _ body: (CertifiedSum, UnsafePointer<Float>) -> Float?
    ) -> Float? {
        let count = numel
        guard count >= wholeFastThreshold, count < 1 << 31 else { return nil }
        return withElements { buffer in
            let x = buffer.baseAddress!
            return withBlockSums(x, count: count) { blocks in
                for group in groups {
                    if let result = body(CertifiedSum(blocks, n: count, group: group), x) { return result }
                }
                return nil
            }
        }
    }
}
