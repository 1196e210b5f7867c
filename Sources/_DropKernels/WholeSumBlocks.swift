/// Elements per block of a whole-tensor sum's fast pass (`Sources/Drop/WholeSum.swift` certifies
/// the result against the in-order chain; the block size enters its error bound). Blocks of 4,096
/// made the certification's walk (on one thread) a quarter as long, but its looser bound sent 2
/// of 100 seeds' sums of randn 64 × 197 × 768 to the chain, 16 times as slow, against 0 of 100
/// with 1,024. So the blocks stay at 1,024 and the walk takes runs of 4 first, then of 1 if it
/// must (`CertifiedSum` in WholeSum.swift).
@usableFromInline package let wholeSumBlock = 1024
/// 1 + 2⁻¹⁶: lifts a block's magnitude sum in Float lanes above the exact one (see below).
@usableFromInline let magnitudeMargin = 1 + 0x1p-16

/// One block of a whole-tensor sum: the Double sum of its values, an upper bound on the sum of
/// their magnitudes, and its smallest nonzero magnitude (infinity if none; 0 for the variance's
/// squares, which don't ask).
@usableFromInline package struct BlockSum: Sendable {
    @usableFromInline package var sum: Double
    @usableFromInline package var magnitude: Double
    @usableFromInline package var smallest: Float

    @inlinable
    package init(sum: Double, magnitude: Double, smallest: Float) {
        self.sum = sum
        self.magnitude = magnitude
        self.smallest = smallest
    }
}

/// Blocks `blocks` of the `count` floats at `x` into `out[b]`: each block's values summed in
/// 2 × 8 Double lanes (`wholeSumBlock` / 16 values per lane, then the lanes, then a short tail
/// in order). The magnitudes are summed in 16 Float lanes, a third fewer instructions than in
/// Double: each lane's 64 adds err by less than 64 · 2⁻²⁴ = 2⁻¹⁸ relatively, so the lanes' sum
/// times `magnitudeMargin` is above the exact one (or infinite: the caller then runs the chain).
/// Every 64 bytes it reads, it asks for the line `prefetchDistance` ahead.
@inlinable
package func valueBlocksKernel<Build>(
    _: Build.Type, _ x: UnsafePointer<Float>, count: Int, blocks: Range<Int>,
    into out: UnsafeMutablePointer<BlockSum>
) {
    let signless = SIMD16<UInt32>(repeating: 0x7fff_ffff)
    for b in blocks {
        let start = b * wholeSumBlock, end = min(count, start + wholeSumBlock)
        var s0 = SIMD8<Double>(), s1 = SIMD8<Double>()
        var m = SIMD16<Float>()
        // The smallest nonzero magnitude's bits minus one: a zero wraps to the largest key.
        var least = SIMD16<UInt32>(repeating: .max)
        var i = start
        while i + 16 <= end {
            prefetch(x + i + prefetchDistance)
            let bits = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD16<UInt32>.self)
            let v = unsafeBitCast(bits, to: SIMD16<Float>.self)
            let magnitudeBits = bits & signless
            let a = unsafeBitCast(magnitudeBits, to: SIMD16<Float>.self)
            let key = magnitudeBits &- 1
            least.replace(with: key, where: key .< least)
            s0 += widened(v.lowHalf)
            s1 += widened(v.highHalf)
            m += a
            i += 16
        }
        var sum = (s0 + s1).sum()
        var magnitude = (widened(m.lowHalf) + widened(m.highHalf)).sum() * magnitudeMargin
        let key = least.min()
        var smallest = key == .max ? Float.infinity : Float(bitPattern: key &+ 1)
        while i < end {
            let v = Double(x[i])
            sum += v
            magnitude += abs(v)
            if v != 0 { smallest = min(smallest, abs(x[i])) }
            i += 1
        }
        out[b] = BlockSum(sum: sum, magnitude: magnitude, smallest: smallest)
    }
}

/// Blocks `blocks` of the squared deviations fl(fl(x − mean)²) of the `count` floats at `x`,
/// summed as `valueBlocksKernel` sums values (`magnitude` is the sum again: the terms are ≥ 0).
@inlinable
package func squareBlocksKernel<Build>(
    _: Build.Type, _ x: UnsafePointer<Float>, count: Int, mean: Double, blocks: Range<Int>,
    into out: UnsafeMutablePointer<BlockSum>
) {
    let m = SIMD8<Double>(repeating: mean)
    for b in blocks {
        let start = b * wholeSumBlock, end = min(count, start + wholeSumBlock)
        var s0 = SIMD8<Double>(), s1 = SIMD8<Double>()
        var i = start
        while i + 16 <= end {
            prefetch(x + i + prefetchDistance)
            let v = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD16<Float>.self)
            let d0 = widened(v.lowHalf) - m, d1 = widened(v.highHalf) - m
            s0 += d0 * d0
            s1 += d1 * d1
            i += 16
        }
        var sum = (s0 + s1).sum()
        while i < end {
            let d = Double(x[i]) - mean
            sum += d * d
            i += 1
        }
        out[b] = BlockSum(sum: sum, magnitude: sum, smallest: 0)
    }
}

/// Eight floats widened to Double.
@inlinable @inline(__always)
func widened(_ v: SIMD8<Float>) -> SIMD8<Double> {
    var d = SIMD8<Double>()
    for l in 0..<8 { d[l] = Double(v[l]) }
    return d
}
