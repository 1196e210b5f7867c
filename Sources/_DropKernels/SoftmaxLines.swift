// Softmax and log-softmax along any dimension with libm's `expf` (and `logf`), eight lines at
// a time.
//
// Each line is computed exactly as the one-line loop did: its maximum as `Swift.max` chained
// from −∞ in order (NaNs passed over, the last of equal values kept), `expf(x − max)` per
// value, their sum a Double chain in the order k = 0, 1, 2, …, rounded once to Float. The eight
// lines of a group are eight SIMD lanes of those chains; no chain is reordered or split.

/// Softmax (or log-softmax) of the lines `lines` of `n` values `inner` apart: line q starts at
/// `(q / inner) · n · inner + q % inner`. Reads `x`, writes the same positions of `z`.
@inlinable
package func softmaxLinesKernel<Build: VectorBuild, Math: LibmLanes>(
    _: Build.Type, _: Math.Type, _ x: UnsafePointer<Float>, _ z: UnsafeMutablePointer<Float>,
    lines: Range<Int>, n: Int, inner: Int, logarithm: Bool
) {
    LibmTables.with { tables in
        var q = lines.lowerBound
        while q < lines.upperBound {
            let count = Swift.min(8, lines.upperBound - q)
            // Lanes past the group's lines repeat its first line; their results are dropped.
            var starts = SIMD8<Int>()
            for l in 0..<8 {
                let line = q + (l < count ? l : 0)
                starts[l] = (line / inner) * n * inner + line % inner
            }
            if inner == 1 {
                softmaxRows(
                    Math.self, x, z, starts: starts, count: count, n: n, logarithm: logarithm,
                    tables: tables)
            } else {
                softmaxStrided(
                    Math.self, x, z, starts: starts, count: count, n: n, inner: inner,
                    logarithm: logarithm, tables: tables)
            }
            q += count
        }
    }
}

/// `count` ≤ 8 lines of `n` adjacent values (rows): each row's maximum and exponentials
/// (`rowExpSums`), then the rows' log-softmax or softmax.
@inlinable @inline(__always)
func softmaxRows<Math: LibmLanes>(
    _: Math.Type, _ x: UnsafePointer<Float>, _ z: UnsafeMutablePointer<Float>, starts: SIMD8<Int>,
    count: Int, n: Int, logarithm: Bool, tables: LibmTables
) {
    let (largest, sums) = rowExpSums(Math.self, x, z, starts: starts, count: count, n: n, tables: tables)
    let logSums = logarithm ? Math.log(sums, tables) : sums
    for l in 0..<count {
        let (row, out) = (x + starts[l], z + starts[l])
        if logarithm {
            let (m, logSum) = (largest[l], logSums[l])
            rowElements(row, out, count: n) { ($0 - Float8(repeating: m)) - Float8(repeating: logSum) }
        } else {
            let sum = sums[l]
            rowElements(out, out, count: n) { $0 / Float8(repeating: sum) }
        }
    }
}

/// Each of `count` ≤ 8 rows' maximum and the sum of its `expf(x − max)`, computed in vectors
/// along the row into `z`, then summed eight rows side by side.
@inlinable @inline(__always)
func rowExpSums<Math: LibmLanes>(
    _: Math.Type, _ x: UnsafePointer<Float>, _ z: UnsafeMutablePointer<Float>, starts: SIMD8<Int>,
    count: Int, n: Int, tables: LibmTables
) -> (largest: Float8, sums: Float8) {
    var largest = Float8()
    for l in 0..<count {
        let m = rowLargest(Math.self, x + starts[l], count: n)
        largest[l] = m
        Math.expElements(x + starts[l], z + starts[l], count: n, tables) { $0 - Float8(repeating: m) }
    }
    // The eight sums side by side, k in order in every lane: four steps of the eight rows at a
    // time, transposed in registers (lane l's chain is row l's, as one gathered step would be).
    var total = Double8()
    var k = 0
    while k + 4 <= n {
        @inline(__always) func row(_ l: Int) -> SIMD4<Float> { quad(UnsafePointer(z) + starts[l] + k) }
        let c = transposedQuads(row(0), row(1), row(2), row(3), row(4), row(5), row(6), row(7))
        total += widened(c.0)
        total += widened(c.1)
        total += widened(c.2)
        total += widened(c.3)
        k += 4
    }
    while k < n {
        var e = Double8()
        for l in 0..<8 { e[l] = Double(z[starts[l] + k]) }
        total += e
        k += 1
    }
    var sums = Float8()
    for l in 0..<8 { sums[l] = Float(total[l]) }
    // A chain that meets a NaN keeps the first one it met (an add returns its first NaN
    // operand, the running sum); which NaN a vector add keeps depends on how the compiler
    // ordered its operands, so a NaN sum is settled here: the row's first NaN exponential.
    for l in 0..<count where sums[l].isNaN {
        var k = 0
        while !z[starts[l] + k].isNaN { k += 1 }
        sums[l] = z[starts[l] + k]
    }
    return (largest, sums)
}

/// `rowExpSums` of eight rows, for a build whose `expf` of a vector stays in registers: eight
/// steps of each row's exponentials at a time, transposed in registers so that lane l of each
/// step is row l's, summed in Double, k in order in every lane. The same chains, the same bits;
/// no exponential is stored.
@inlinable @inline(__always)
func rowExpSumsSideBySide<Build: VectorBuild, Math: LibmLanes>(
    _: Build.Type, _: Math.Type, _ x: UnsafePointer<Float>, starts: SIMD8<Int>, n: Int, tables: LibmTables
) -> (largest: Float8, sums: Float8) {
    var largest = Float8()
    for l in 0..<8 { largest[l] = rowLargest(Math.self, x + starts[l], count: n) }
    var total = Double8()
    var k = 0
    while k + 8 <= n {
        @inline(__always) func step(_ l: Int) -> Float8 {
            let v = UnsafeRawPointer(x + starts[l] + k).loadUnaligned(as: Float8.self)
            return Math.exp(v - Float8(repeating: largest[l]), tables)
        }
        // The next eight rows' lines, asked for while this group computes (the maximum pass
        // would otherwise wait for them).
        if k % 16 == 0 { for l in 0..<8 { prefetch(x + starts[l] + 8 * n + k) } }
        let c = Build.transposed((step(0), step(1), step(2), step(3), step(4), step(5), step(6), step(7)))
        total += widened(c.0)
        total += widened(c.1)
        total += widened(c.2)
        total += widened(c.3)
        total += widened(c.4)
        total += widened(c.5)
        total += widened(c.6)
        total += widened(c.7)
        k += 8
    }
    while k < n {
        var v = Float8()
        for l in 0..<8 { v[l] = x[starts[l] + k] }
        total += widened(Math.exp(v - largest, tables))
        k += 1
    }
    var sums = Float8()
    for l in 0..<8 { sums[l] = Float(total[l]) }
    // As in `rowExpSums`: a NaN sum is the row's first NaN exponential (computed again).
    for l in 0..<8 where sums[l].isNaN {
        let (row, m) = (x + starts[l], Float8(repeating: largest[l]))
        @inline(__always) func e(_ k: Int) -> Float { Math.exp(Float8(repeating: row[k]) - m, tables)[0] }
        var k = 0
        while !e(k).isNaN { k += 1 }
        sums[l] = e(k)
    }
    return (largest, sums)
}

/// Row r's log-softmax at column `targets[r]` into `picks[r]`, for the rows `rows` of `n`
/// values (`targets` and `picks` indexed by row): what `softmaxLinesKernel` would write there,
/// bit for bit, without writing the rest. `scratch` holds 8 · n floats.
@inlinable
package func targetLogSoftmaxKernel<Build: VectorBuild, Math: LibmLanes>(
    _: Build.Type, _: Math.Type, _ x: UnsafePointer<Float>, rows: Range<Int>, n: Int,
    targets: UnsafePointer<Int>, picks: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>
) {
    LibmTables.with { tables in
        var q = rows.lowerBound
        while q < rows.upperBound {
            let count = Swift.min(8, rows.upperBound - q)
            // Row q + l starts at `starts[l]` of `group`; lanes past the group's rows repeat its
            // first row, and their results are dropped.
            let group = x + q * n
            var starts = SIMD8<Int>()
            for l in 0..<count { starts[l] = l * n }
            let (largest, sums) =
                count == 8 && Build.permutesExpTable
                ? rowExpSumsSideBySide(Build.self, Math.self, group, starts: starts, n: n, tables: tables)
                : rowExpSums(Math.self, group, scratch, starts: starts, count: count, n: n, tables: tables)
            let logSums = Math.log(sums, tables)
            for l in 0..<count {
                picks[q + l] = (group[starts[l] + targets[q + l]] - largest[l]) - logSums[l]
            }
            q += count
        }
    }
}

/// `count` ≤ 8 lines whose value k sits at `starts[l] + k · inner`: every step a vector of
/// the lines' values (one load when the lines are adjacent).
@inlinable @inline(__always)
func softmaxStrided<Math: LibmLanes>(
    _: Math.Type, _ x: UnsafePointer<Float>, _ z: UnsafeMutablePointer<Float>, starts: SIMD8<Int>,
    count: Int, n: Int, inner: Int, logarithm: Bool, tables: LibmTables
) {
    let adjacent = count == 8 && starts[7] - starts[0] == 7
    @inline(__always) func load(_ p: UnsafePointer<Float>, _ k: Int) -> Float8 {
        if adjacent { return UnsafeRawPointer(p + starts[0] + k * inner).loadUnaligned(as: Float8.self) }
        var v = Float8()
        for l in 0..<8 { v[l] = p[starts[l] + k * inner] }
        return v
    }
    @inline(__always) func store(_ v: Float8, _ k: Int) {
        if adjacent { return UnsafeMutableRawPointer(z + starts[0] + k * inner).storeBytes(of: v, as: Float8.self) }
        for l in 0..<count { z[starts[l] + k * inner] = v[l] }
    }
    var largest = Float8(repeating: -.infinity)
    for k in 0..<n {
        let v = load(x, k)
        largest.replace(with: v, where: v .>= largest)  // Swift.max(largest, v)
    }
    var total = Double8()
    for k in 0..<n {
        let e = Math.exp(load(x, k) - largest, tables)
        store(e, k)
        var d = Double8()
        for l in 0..<8 { d[l] = Double(e[l]) }
        total += d
    }
    var sums = Float8()
    for l in 0..<8 { sums[l] = Float(total[l]) }
    if logarithm {
        let logSums = Math.log(sums, tables)
        for k in 0..<n { store((load(x, k) - largest) - logSums, k) }
    } else {
        for k in 0..<n { store(load(UnsafePointer(z), k) / sums, k) }
    }
}

/// The maximum of `count` ≥ 1 adjacent floats as `Swift.max` chained from −∞ finds it: NaNs
/// never win, and of equal values the last does, which matters only for 0 and −0. Generic over
/// the caller's build (`Math`) only so that each kernel build compiles its own copy: a
/// non-generic helper stays one out-of-line copy at this module's baseline (SSE2), which was an
/// eighth of `crossEntropy`'s kernel time.
@inlinable @inline(__always)
func rowLargest<Math>(_: Math.Type, _ p: UnsafePointer<Float>, count: Int) -> Float {
    typealias Lanes = SIMD16<Float>
    // Four running maxima, so that four compare-and-select chains overlap; the largest value
    // does not depend on how the elements are grouped (NaNs never win; a zero's sign is settled
    // below from memory).
    @inline(__always) func load(_ i: Int) -> Lanes { UnsafeRawPointer(p + i).loadUnaligned(as: Lanes.self) }
    @inline(__always) func keepLarger(_ lanes: inout Lanes, _ v: Lanes) { lanes.replace(with: v, where: v .>= lanes) }
    var lanes = Lanes(repeating: -.infinity)
    var i = 0
    if count >= 4 * Lanes.scalarCount {
        var (b, c, d) = (lanes, lanes, lanes)
        while i + 4 * Lanes.scalarCount <= count {
            keepLarger(&lanes, load(i))
            keepLarger(&b, load(i + 16))
            keepLarger(&c, load(i + 32))
            keepLarger(&d, load(i + 48))
            i += 4 * Lanes.scalarCount
        }
        keepLarger(&lanes, b)
        keepLarger(&lanes, c)
        keepLarger(&lanes, d)
    }
    while i + Lanes.scalarCount <= count {
        keepLarger(&lanes, load(i))
        i += Lanes.scalarCount
    }
    var largest = -Float.infinity
    for l in 0..<Lanes.scalarCount { largest = Swift.max(largest, lanes[l]) }
    for j in i..<count { largest = Swift.max(largest, p[j]) }
    if largest == 0 {
        var j = count - 1
        while p[j] != 0 { j -= 1 }
        return p[j]
    }
    return largest
}

/// `y[i] = f(x[i])` for `count` floats of a row, eight at a time (`y` may be `x`).
@inlinable @inline(__always)
func rowElements(
    _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int,
    _ f: (Float8) -> Float8
) {
    var i = 0
    while i + 8 <= count {
        let v = f(UnsafeRawPointer(x + i).loadUnaligned(as: Float8.self))
        UnsafeMutableRawPointer(y + i).storeBytes(of: v, as: Float8.self)
        i += 8
    }
    for j in i..<count { y[j] = f(Float8(repeating: x[j]))[0] }
}
