// libm's `expf`, `logf` and `erff` over arrays, eight (`erff`: sixteen) elements at a time
// (see `LibmLanes`).

/// Which libm function an element-wise pass applies.
@usableFromInline
package enum LibmFunction: String, CaseIterable, Sendable {
    case exp, log, erf
}

/// `y[i] = f(x[i])` for `count` floats, `f` being libm's `expf`, `logf` or `erff`.
@inlinable
package func libmKernel<Build, Math: LibmLanes>(
    _: Build.Type, _: Math.Type, _ function: LibmFunction, _ x: UnsafePointer<Float>,
    _ y: UnsafeMutablePointer<Float>, count: Int
) {
    LibmTables.with { tables in
        switch function {
        case .exp: libmElements(x, y, count: count) { Math.exp($0, tables) }
        case .log: libmElements(x, y, count: count) { Math.log($0, tables) }
        case .erf: libmElements(x, y, count: count) { Math.erf($0, tables) }
        }
    }
}

/// `y[i] = f(x[i])` a vector `V` at a time; a last partial vector is padded with ones.
@inlinable @inline(__always)
func libmElements<V: SIMD>(
    _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int, _ f: (V) -> V
) where V.Scalar == Float {
    var i = 0
    while i + V.scalarCount <= count {
        let v = f(UnsafeRawPointer(x + i).loadUnaligned(as: V.self))
        UnsafeMutableRawPointer(y + i).storeBytes(of: v, as: V.self)
        i += V.scalarCount
    }
    if i < count {
        var v = V(repeating: 1)
        for l in 0..<(count - i) { v[l] = x[i + l] }
        v = f(v)
        for l in 0..<(count - i) { y[i + l] = v[l] }
    }
}
