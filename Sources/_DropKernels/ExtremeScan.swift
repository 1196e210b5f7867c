/// The largest (or smallest) of some adjacent floats by value, and whether one of them is NaN
/// (then the value means nothing): what `Sources/Drop/Reduce.swift` turns into the in-order
/// loop's pick.
@usableFromInline package struct ExtremeScan: Sendable {
    @usableFromInline package var value: Float
    @usableFromInline package var sawNaN: Bool

    @inlinable
    package init(value: Float, sawNaN: Bool) {
        self.value = value
        self.sawNaN = sawNaN
    }
}

/// The extremes of lines `lines` of `n` ≥ 1 adjacent floats at `x` into `out[q]`, one call for
/// many lines (a call per line of 768 cost a third of the scan).
@inlinable
package func extremeScansKernel<Build>(
    _: Build.Type, _ x: UnsafePointer<Float>, n: Int, lines: Range<Int>, largest: Bool,
    into out: UnsafeMutablePointer<ExtremeScan>
) {
    for q in lines { out[q] = extremeScanKernel(Build.self, x + q * n, count: n, largest: largest) }
}

/// The extreme of `count` ≥ 1 adjacent floats at `x`, in 2 × 16 lanes. Any order gives the same
/// value (among equal values only 0 and −0 differ, and the caller looks for the first zero).
/// No software prefetch, unlike the sums: at two compares per 64 bytes the loop is all loads,
/// and on Zen 4 asking for the line 4 KiB ahead made the scans of 64 × 197 × 768 slower on 2
/// threads: `max(dim: 2)` 0.87 against 0.78 ms without, whole `max` 0.75 against 0.70, `min`
/// 0.68 against 0.65 (medians of 4 alternating runs).
@inlinable @inline(__always)
package func extremeScanKernel<Build>(
    _: Build.Type, _ x: UnsafePointer<Float>, count: Int, largest: Bool
) -> ExtremeScan {
    typealias Lanes = SIMD16<Float>
    var a = Lanes(repeating: x[0]), b = a
    var nan = SIMDMask<Lanes.MaskStorage>()
    var i = 0
    if largest {
        while i + 32 <= count {
            let v = UnsafeRawPointer(x + i).loadUnaligned(as: Lanes.self)
            let w = UnsafeRawPointer(x + i + 16).loadUnaligned(as: Lanes.self)
            nan .|= (v .!= v) .| (w .!= w)
            a.replace(with: v, where: v .> a)
            b.replace(with: w, where: w .> b)
            i += 32
        }
    } else {
        while i + 32 <= count {
            let v = UnsafeRawPointer(x + i).loadUnaligned(as: Lanes.self)
            let w = UnsafeRawPointer(x + i + 16).loadUnaligned(as: Lanes.self)
            nan .|= (v .!= v) .| (w .!= w)
            a.replace(with: v, where: v .< a)
            b.replace(with: w, where: w .< b)
            i += 32
        }
    }
    // Across the lanes with a select per lane (`max()` of a vector branches on every lane).
    a.replace(with: b, where: largest ? b .> a : b .< a)
    var value = extremeOfLanes(a, largest: largest)
    var sawNaN = any(nan) || x[0].isNaN
    while i < count {
        let v = x[i]
        if v.isNaN { sawNaN = true }
        if largest ? v > value : v < value { value = v }
        i += 1
    }
    return ExtremeScan(value: value, sawNaN: sawNaN)
}

/// The extreme of 16 lanes, halving with a select per lane down to one: `max()` and `min()` of
/// a vector are generic loops that stay a call (an eighth of `max(dim: 2)`'s scan on one
/// thread). The two differ only in which of 0 and −0 they keep, which the caller settles from
/// the data.
@inlinable @inline(__always)
func extremeOfLanes(_ v: SIMD16<Float>, largest: Bool) -> Float {
    var a = v.lowHalf
    let b = v.highHalf
    a.replace(with: b, where: largest ? b .> a : b .< a)
    var c = a.lowHalf
    let d = a.highHalf
    c.replace(with: d, where: largest ? d .> c : d .< c)
    var e = c.lowHalf
    let f = c.highHalf
    e.replace(with: f, where: largest ? f .> e : f .< e)
    return largest ? (e[1] > e[0] ? e[1] : e[0]) : (e[1] < e[0] ? e[1] : e[0])
}
