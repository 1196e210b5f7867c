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
        case .erf: erfElements(x, y, count: count) { Math.erf($0, tables) }
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

/// 1 for the top 11 bits of the magnitudes in 1.25 ≤ |x| < 6 (both bounds are multiples of
/// 2²⁰ in bits: 0x3fa0_0000 and 0x40c0_0000), else 0.
@usableFromInline let erfTailStorage: [UInt8] = (0..<2048).map { $0 >= 0x3fa && $0 < 0x40c ? 1 : 0 }

/// Elements per batch of `erfElements`.
@usableFromInline let erfBatch = 512

/// `y[i] = erf(x[i])` sixteen lanes at a time, the lanes grouped by range first: in batches of
/// `erfBatch` elements, those with 1.25 ≤ |x| < 6 (the costly range, with two `expf`) are gathered
/// into vectors of their own, then the rest. A vector of mixed lanes computes both ranges' code
/// (for randn, nearly every vector of 16 adjacent elements holds both); grouped, each element
/// pays for its own range only. Lanes never affect one another, so the bits are the same.
@inlinable @inline(__always)
func erfElements(
    _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int,
    _ f: (SIMD16<Float>) -> SIMD16<Float>
) {
    // Index lists of the two groups, then the gathered values and the results (both padded to
    // whole vectors with the group's first element).
    let capacity = erfBatch + 16
    erfTailStorage.withUnsafeBufferPointer { table in
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * capacity) { indices in
            withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * capacity) { values in
                erfBatches(
                    x, y, count: count, table: table.baseAddress!, tail: indices.baseAddress!,
                    rest: indices.baseAddress! + capacity, packed: values.baseAddress!,
                    results: values.baseAddress! + capacity, f)
            }
        }
    }
}

/// `erfElements`' batches, given its table and buffers.
@inlinable @inline(__always)
func erfBatches(
    _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int,
    table: UnsafePointer<UInt8>, tail: UnsafeMutablePointer<Int32>, rest: UnsafeMutablePointer<Int32>,
    packed: UnsafeMutablePointer<Float>, results: UnsafeMutablePointer<Float>,
    _ f: (SIMD16<Float>) -> SIMD16<Float>
) {
    var start = 0
    while start < count {
        let n = min(erfBatch, count - start)
        let xs = x + start, ys = y + start
        var tails = 0, rests = 0
        for i in 0..<n {
            // Without branches (the compiler turns a comparison here into a branch, mispredicted
            // for every fifth element of randn): each index is written to both lists, and the
            // range comes from the table.
            let isTail = Int(table[Int((xs[i].bitPattern & 0x7fff_ffff) >> 20)])
            tail[tails] = Int32(i)
            rest[rests] = Int32(i)
            tails += isTail
            rests += 1 - isTail
        }
        for group in 0..<2 {
            let list = group == 0 ? tail : rest, length = group == 0 ? tails : rests
            if length == 0 { continue }
            let padded = (length + 15) & ~15
            for j in 0..<length { packed[j] = xs[Int(list[j])] }
            for j in length..<padded { packed[j] = packed[0] }
            for j in stride(from: 0, to: padded, by: 16) {
                let v = UnsafeRawPointer(packed + j).loadUnaligned(as: SIMD16<Float>.self)
                UnsafeMutableRawPointer(results + j).storeBytes(of: f(v), as: SIMD16<Float>.self)
            }
            for j in 0..<length { ys[Int(list[j])] = results[j] }
        }
        start += n
    }
}
