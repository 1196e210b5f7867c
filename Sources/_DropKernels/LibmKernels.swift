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
        case .exp: Math.expElements(x, y, count: count, tables) { $0 }
        case .log: libmElements(x, y, count: count) { Math.log($0, tables) }
        case .erf: erfElements(x, y, count: count) { Math.erf($0, tables, tail: $1) }
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

/// 1 for the top 11 bits of the magnitudes in `isErfTail`'s range, else 0 (both of its bounds
/// are multiples of 2²⁰ in bits, so those bits decide).
@usableFromInline let erfTailStorage: [UInt8] = (0..<2048).map {
    isErfTail(Float(bitPattern: UInt32($0) << 20)) ? 1 : 0
}

/// For each byte, the positions of its set bits in increasing order, one per byte from the
/// lowest (the rest zero): `erfBatches`' index list, eight elements at a time.
@usableFromInline let erfTailPositions: [UInt64] = (0..<256).map { byte in
    var entry: UInt64 = 0, slot: UInt64 = 0
    for bit in 0..<8 where byte >> bit & 1 == 1 {
        entry |= UInt64(bit) << (8 * slot)
        slot += 1
    }
    return entry
}

/// All ones in the lanes where `a < b` (both below 2³¹), as `below` on eight lanes.
@inlinable @inline(__always)
func lanesBelow(_ a: SIMD8<UInt32>, _ b: UInt32) -> SIMD8<UInt32> {
    unsafeBitCast(unsafeBitCast(a &- b, to: SIMD8<Int32>.self) &>> 31, to: SIMD8<UInt32>.self)
}

/// Whether 1.25 ≤ |x| < 6: erf's costly range, with two `expf`.
@inlinable @inline(__always)
func isErfTail(_ x: Float) -> Bool {
    let magnitude = x.bitPattern & 0x7fff_ffff
    return magnitude >= 0x3fa0_0000 && magnitude < 0x40c0_0000
}

/// Elements per batch of `erfElements`.
@usableFromInline let erfBatch = 512

/// `y[i] = erf(x[i])` sixteen lanes at a time. `f(v, tail)` is erf of a vector, which may leave
/// lanes with 1.25 ≤ |x| < 6 (the costly range, with two `expf`) undone unless `tail`.
///
/// For randn, nearly every vector of 16 adjacent elements holds lanes of both ranges, and would
/// run both ranges' code. So in batches of `erfBatch` elements, every vector is computed in
/// place without that range, and the elements in it are then gathered into vectors of their own,
/// computed, and written back over. Lanes never affect one another, so the bits are the same.
@inlinable @inline(__always)
func erfElements(
    _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int,
    _ f: (SIMD16<Float>, Bool) -> SIMD16<Float>
) {
    // The tail's index list, then its gathered values and results (padded to whole vectors).
    let capacity = erfBatch + 16
    erfTailStorage.withUnsafeBufferPointer { table in
        erfTailPositions.withUnsafeBufferPointer { positions in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: capacity) { indices in
                withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * capacity) { values in
                    erfBatches(
                        x, y, count: count, table: table.baseAddress!, positions: positions.baseAddress!,
                        tail: indices.baseAddress!, packed: values.baseAddress!,
                        results: values.baseAddress! + capacity, f)
                }
            }
        }
    }
}

/// `erfElements`' batches, given its table and buffers.
@inlinable @inline(__always)
func erfBatches(
    _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int,
    table: UnsafePointer<UInt8>, positions: UnsafePointer<UInt64>, tail: UnsafeMutablePointer<Int32>,
    packed: UnsafeMutablePointer<Float>, results: UnsafeMutablePointer<Float>,
    _ f: (SIMD16<Float>, Bool) -> SIMD16<Float>
) {
    var start = 0
    while start < count {
        let n = min(erfBatch, count - start)
        let xs = x + start, ys = y + start
        var tails = 0
        var i = 0
        // Eight elements at a time: their lanes in the tail's range as a byte, whose entry in
        // `erfTailPositions` holds the positions of its set bits; those, offset by i, are
        // written at once, and the count moves on by the number of bits.
        while i + 8 <= n {
            let magnitude = UnsafeRawPointer(xs + i).loadUnaligned(as: SIMD8<UInt32>.self) & 0x7fff_ffff
            let inTail = lanesBelow(magnitude, 0x40c0_0000) & ~lanesBelow(magnitude, 0x3fa0_0000)
            let byte = Int((inTail & SIMD8(1, 2, 4, 8, 16, 32, 64, 128)).wrappedSum())
            let slots = SIMD8<Int32>(truncatingIfNeeded: unsafeBitCast(positions[byte], to: SIMD8<UInt8>.self))
            UnsafeMutableRawPointer(tail + tails).storeBytes(of: slots &+ Int32(i), as: SIMD8<Int32>.self)
            tails += byte.nonzeroBitCount
            i += 8
        }
        while i < n {
            // Without branches (the compiler turns a comparison here into a branch, mispredicted
            // for every fifth element of randn): each index is written, and kept if the table
            // says it is in the tail's range.
            tail[tails] = Int32(i)
            tails += Int(table[Int((xs[i].bitPattern & 0x7fff_ffff) >> 20)])
            i += 1
        }
        var j = 0
        while j + 16 <= n {
            let v = UnsafeRawPointer(xs + j).loadUnaligned(as: SIMD16<Float>.self)
            UnsafeMutableRawPointer(ys + j).storeBytes(of: f(v, false), as: SIMD16<Float>.self)
            j += 16
        }
        if j < n {
            var v = SIMD16<Float>(repeating: 0)
            for l in 0..<(n - j) { v[l] = xs[j + l] }
            v = f(v, false)
            for l in 0..<(n - j) { ys[j + l] = v[l] }
        }
        if tails > 0 {
            let padded = (tails + 15) & ~15
            for k in 0..<tails { packed[k] = xs[Int(tail[k])] }
            for k in tails..<padded { packed[k] = packed[0] }
            for k in stride(from: 0, to: padded, by: 16) {
                let v = UnsafeRawPointer(packed + k).loadUnaligned(as: SIMD16<Float>.self)
                UnsafeMutableRawPointer(results + k).storeBytes(of: f(v, true), as: SIMD16<Float>.self)
            }
            for k in 0..<tails { ys[Int(tail[k])] = results[k] }
        }
        start += n
    }
}
