// Batch norm's two passes over an `(N, C)` batch: the per-feature statistics down the rows, and
// the per-feature scale and shift of every row. Built per CPU family like every kernel (the
// loops in `Drop` itself ran at SSE2's width).

/// Per-feature mean and sum of squared deviations of the features `range` of `(rows, features)`
/// values, in Double, into `mean` and `squares` (zero on entry): each feature's sums run over the
/// rows in order, so splitting the features between calls changes no bit.
@inlinable
package func batchStatisticsKernel<Build>(
    _: Build.Type, _ x: UnsafePointer<Float>, rows: Int, features: Int, range: Range<Int>,
    mean m: UnsafeMutablePointer<Double>, squares s: UnsafeMutablePointer<Double>
) {
    // Four rows per sweep of the range: each feature's adds stay in row order, with a quarter of
    // the loads and stores of its running sums.
    let quads = rows / 4 * 4
    for i in stride(from: 0, to: quads, by: 4) {
        let r0 = x + i * features, r1 = r0 + features, r2 = r1 + features, r3 = r2 + features
        prefetchRows(r0 + 4 * features, 4, features, range)
        for j in range { m[j] = m[j] + Double(r0[j]) + Double(r1[j]) + Double(r2[j]) + Double(r3[j]) }
    }
    for i in quads..<rows {
        let row = x + i * features
        for j in range { m[j] += Double(row[j]) }
    }
    for j in range { m[j] /= Double(rows) }
    for i in stride(from: 0, to: quads, by: 4) {
        let r0 = x + i * features, r1 = r0 + features, r2 = r1 + features, r3 = r2 + features
        prefetchRows(r0 + 4 * features, 4, features, range)
        for j in range {
            let d0 = Double(r0[j]) - m[j], d1 = Double(r1[j]) - m[j]
            let d2 = Double(r2[j]) - m[j], d3 = Double(r3[j]) - m[j]
            s[j] = s[j] + d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3
        }
    }
    for i in quads..<rows {
        let row = x + i * features
        for j in range {
            let d = Double(row[j]) - m[j]
            s[j] += d * d
        }
    }
}

/// `y[i, j] = x[i, j] · alpha[j] + beta[j]` (a multiply, then an add) for the rows `rows` of
/// `cols` floats.
@inlinable
package func columnAffineKernel<Build>(
    _: Build.Type, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Range<Int>,
    cols: Int, alpha: UnsafePointer<Float>, beta: UnsafePointer<Float>
) {
    for i in rows {
        let (from, to) = (x + i * cols, y + i * cols)
        for j in 0..<cols { to[j] = from[j] * alpha[j] + beta[j] }
    }
}

/// Asks for the cache lines of `range` in `count` rows `stride` floats apart from `row` (a hint:
/// past the end is harmless).
@inlinable @inline(__always)
func prefetchRows(_ row: UnsafePointer<Float>, _ count: Int, _ stride: Int, _ range: Range<Int>) {
    for r in 0..<count {
        for j in Swift.stride(from: range.lowerBound, to: range.upperBound, by: 16) { prefetch(row + r * stride + j) }
    }
}
