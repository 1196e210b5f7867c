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
            prefetch(x + i + prefetchDistance)
            prefetch(x + i + prefetchDistance + 16)
            let v = UnsafeRawPointer(x + i).loadUnaligned(as: Lanes.self)
            let w = UnsafeRawPointer(x + i + 16).loadUnaligned(as: Lanes.self)
            nan .|= (v .!= v) .| (w .!= w)
            a.replace(with: v, where: v .> a)
            b.replace(with: w, where: w .> b)
            i += 32
        }
    } else {
        while i + 32 <= count {
            prefetch(x + i + prefetchDistance)
            prefetch(x + i + prefetchDistance + 16)
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
    var c = a.lowHalf
    let d = a.highHalf
    c.replace(with: d, where: largest ? d .> c : d .< c)
    var value = largest ? c.max() : c.min()
    var sawNaN = any(nan) || x[0].isNaN
    while i < count {
        let v = x[i]
        if v.isNaN { sawNaN = true }
        if largest ? v > value : v < value { value = v }
        i += 1
    }
    return ExtremeScan(value: value, sawNaN: sawNaN)
}
