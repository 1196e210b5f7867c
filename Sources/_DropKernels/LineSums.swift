/// One line of a sum along a dim: its fast Double sum and an upper bound on the sum of its
/// magnitudes, for
/// `Sources/Drop/LineSums.swift` to certify against the line's in-order chain.
@usableFromInline package struct LineSum: Sendable {
    @usableFromInline package var sum: Double
    @usableFromInline package var magnitude: Double

    @inlinable
    package init(sum: Double, magnitude: Double) {
        self.sum = sum
        self.magnitude = magnitude
    }
}

/// Lines `lines` of `n` adjacent floats (line q starts at `x + q·n`) into `out[q]`: each summed in
/// 2 × 8 Double lanes, then across the lanes, then a short tail in order; the magnitudes in 16
/// Float lanes (fewer instructions than in Double), their sum lifted by a margin above the
/// exact one (or infinite, when the caller runs the chain).
@inlinable
package func lineSumsKernel<Build>(
    _: Build.Type, _ x: UnsafePointer<Float>, n: Int, lines: Range<Int>,
    into out: UnsafeMutablePointer<LineSum>
) {
    // Each Float lane adds n / 16 magnitudes, each add erring by at most 2⁻²⁴ relatively.
    let margin = 1 + 2 * Double(n / 16 + 1) * 0x1p-24
    let signless = SIMD16<UInt32>(repeating: 0x7fff_ffff)
    for q in lines {
        let line = x + q * n
        var s0 = SIMD8<Double>(), s1 = SIMD8<Double>()
        var m = SIMD16<Float>()
        var i = 0
        while i + 16 <= n {
            prefetch(line + i + prefetchDistance)
            let bits = UnsafeRawPointer(line + i).loadUnaligned(as: SIMD16<UInt32>.self)
            let v = unsafeBitCast(bits, to: SIMD16<Float>.self)
            s0 += widened(v.lowHalf)
            s1 += widened(v.highHalf)
            m += unsafeBitCast(bits & signless, to: SIMD16<Float>.self)
            i += 16
        }
        var sum = (s0 + s1).sum()
        var magnitude = (widened(m.lowHalf) + widened(m.highHalf)).sum() * margin
        while i < n {
            let v = Double(line[i])
            sum += v
            magnitude += abs(v)
            i += 1
        }
        out[q] = LineSum(sum: sum, magnitude: magnitude)
    }
}

/// Sums (or means, with `mean`) along lines `inner` apart, each with the bits of its in-order
/// Double chain: line (o, j), for o < `outer` and j < `inner`, holds `x[(o·n + k)·inner + j]`
/// for k = 0 ..< n, and its result goes to `z[o·inner + j]`. The lines are cut into tiles of
/// `lineTile` adjacent j; `tiles` are tile indices, `o · tilesPerOuter + c`. A tile's running
/// sums start at +0 and take value k = 0, 1, 2, … in turn, one Double add each: the chain,
/// with every row of the tile read contiguously.
@inlinable
package func stridedLineSumsKernel<Build>(
    _: Build.Type, _ x: UnsafePointer<Float>, n: Int, inner: Int, tiles: Range<Int>, mean: Bool,
    into z: UnsafeMutablePointer<Float>
) {
    let tilesPerOuter = (inner + lineTile - 1) / lineTile
    withUnsafeTemporaryAllocation(of: Double.self, capacity: lineTile) { buffer in
        let running = buffer.baseAddress!
        for t in tiles {
            let o = t / tilesPerOuter, j0 = (t % tilesPerOuter) * lineTile
            let width = min(lineTile, inner - j0)
            for j in 0..<width { running[j] = 0 }
            var row = x + o * n * inner + j0
            // Four rows per sweep of the tile: each line's adds stay in order (the running sum
            // first), with a quarter of the loads and stores of the running sums.
            var k = 0
            while k + 4 <= n {
                let r1 = row + inner, r2 = r1 + inner, r3 = r2 + inner
                for j in 0..<width {
                    running[j] = running[j] + Double(row[j]) + Double(r1[j]) + Double(r2[j]) + Double(r3[j])
                }
                row += 4 * inner
                k += 4
            }
            while k < n {
                for j in 0..<width { running[j] += Double(row[j]) }
                row += inner
                k += 1
            }
            let result = z + o * inner + j0
            if mean {
                let count = Double(n)
                for j in 0..<width { result[j] = Float(running[j] / count) }
            } else {
                for j in 0..<width { result[j] = Float(running[j]) }
            }
        }
    }
}

/// Adjacent lines per tile of `stridedLineSumsKernel`: 64 KiB of running sums, which stay in L2,
/// and rows of 32 KiB, long enough for the prefetcher (tiles of 512 took 1.6× the time).
@usableFromInline package let lineTile = 8192
