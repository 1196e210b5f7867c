import Glibc

/// The two ways a kernel build computes libm's `expf` and `logf` on eight lanes (`erff` on sixteen): the vector
/// replicas of glibc's code, or libm itself lane by lane. Both give this machine's libm bits
/// wherever `Drop` uses the replicas (it checks them against libm first).
@usableFromInline
package protocol LibmLanes {
    static func exp(_ x: SIMD8<Float>, _ tables: LibmTables) -> SIMD8<Float>
    /// `y[i] = exp(f(x)[i])` for `count` floats, eight at a time (a last partial vector padded
    /// with ones before `f`): the same bits as `exp` of each vector.
    static func expElements(
        _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int, _ tables: LibmTables,
        _ f: (SIMD8<Float>) -> SIMD8<Float>)
    static func log(_ x: SIMD8<Float>, _ tables: LibmTables) -> SIMD8<Float>
    /// With `tail` false, the lanes with 1.25 ≤ |x| < 6 may hold anything: `erfElements`
    /// computes those on their own.
    static func erf(_ x: SIMD16<Float>, _ tables: LibmTables, tail: Bool) -> SIMD16<Float>
}

/// The storage of the replicas' tables, fetched once per kernel call.
@usableFromInline
package struct LibmTables {
    @usableFromInline let exp: UnsafePointer<UInt64>
    @usableFromInline let log: UnsafePointer<Double>

    /// Calls `body` with the tables (they are global constants: the pointers stay valid).
    @inlinable @inline(__always)
    package static func with<R>(_ body: (LibmTables) -> R) -> R {
        libmExpTable.withUnsafeBufferPointer { exp in
            libmLogTable.withUnsafeBufferPointer { log in
                body(LibmTables(exp: exp.baseAddress!, log: log.baseAddress!))
            }
        }
    }

    @usableFromInline
    init(exp: UnsafePointer<UInt64>, log: UnsafePointer<Double>) {
        (self.exp, self.log) = (exp, log)
    }
}

/// What a kernel build does with instructions that Swift reaches only through Clang's
/// intrinsics (AVX-512's two-table permutes); the defaults are plain Swift, for every build.
@usableFromInline
package protocol VectorBuild {
    /// Whether `expTableEntries` works in registers, so that an `expf` of a vector costs no
    /// trip through memory: `libmExpElements` then looks each vector's entries up in place
    /// instead of staging the indices in memory for scalar loads, and `targetLogSoftmaxKernel`
    /// sums eight rows' exponentials side by side without storing them (`rowExpSumsSideBySide`).
    static var permutesExpTable: Bool { get }
    /// `table[indices[l]]` in each lane l (every index < 32).
    static func expTableEntries(_ indices: SIMD8<UInt64>, _ table: UnsafePointer<UInt64>) -> SIMD8<UInt64>
    /// The 8 × 8 block whose rows are `rows`, transposed: lane l of vector j is `rows.l[j]`.
    static func transposed(_ rows: Float8x8) -> Float8x8
}

/// Eight vectors of eight floats: the rows (or the columns) of an 8 × 8 block.
@usableFromInline
package typealias Float8x8 = (
    SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>
)

extension VectorBuild {
    /// By default, scalar loads: the indices go to integer registers one lane at a time.
    @inlinable @inline(__always)
    package static var permutesExpTable: Bool { false }
    @inlinable @inline(__always)
    package static func expTableEntries(_ indices: SIMD8<UInt64>, _ table: UnsafePointer<UInt64>) -> SIMD8<UInt64> {
        var t = SIMD8<UInt64>()
        for l in 0..<8 { t[l] = table[Int(indices[l])] }
        return t
    }
    /// By default, as two 8 × 4 halves (`transposedQuads`).
    @inlinable @inline(__always)
    package static func transposed(_ r: Float8x8) -> Float8x8 {
        let a = transposedQuads(
            r.0.lowHalf, r.1.lowHalf, r.2.lowHalf, r.3.lowHalf, r.4.lowHalf, r.5.lowHalf, r.6.lowHalf, r.7.lowHalf)
        let b = transposedQuads(
            r.0.highHalf, r.1.highHalf, r.2.highHalf, r.3.highHalf, r.4.highHalf, r.5.highHalf, r.6.highHalf,
            r.7.highHalf)
        return (a.0, a.1, a.2, a.3, b.0, b.1, b.2, b.3)
    }
}

/// glibc's algorithms on eight lanes (`libmExp`, `libmLog`, `libmErf`), for the AVX2 and
/// AVX-512 builds, whose FMA instructions they need to be fast.
@usableFromInline
package enum VectorLibm<Build: VectorBuild>: LibmLanes {
    @inlinable @inline(__always)
    package static func exp(_ x: SIMD8<Float>, _ tables: LibmTables) -> SIMD8<Float> {
        libmExp(Build.self, x, table: tables.exp)
    }
    @inlinable @inline(__always)
    package static func expElements(
        _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int, _ tables: LibmTables,
        _ f: (SIMD8<Float>) -> SIMD8<Float>
    ) { libmExpElements(Build.self, x, y, count: count, table: tables.exp, f) }
    @inlinable @inline(__always)
    package static func log(_ x: SIMD8<Float>, _ tables: LibmTables) -> SIMD8<Float> { libmLog(x, table: tables.log) }
    @inlinable @inline(__always)
    package static func erf(_ x: SIMD16<Float>, _ tables: LibmTables, tail: Bool) -> SIMD16<Float> {
        libmErf(Build.self, x, expTable: tables.exp, tail: tail)
    }
}

/// libm's own functions, one lane at a time: the portable build (without hardware FMA the
/// replicas would call `fma` per step), and `Drop`'s fallback on a libm the replicas do not match.
@usableFromInline
package enum ScalarLibm: LibmLanes {
    @inlinable @inline(__always)
    package static func exp(_ x: SIMD8<Float>, _ tables: LibmTables) -> SIMD8<Float> { lanes(x, expf) }
    @inlinable @inline(__always)
    package static func expElements(
        _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int, _ tables: LibmTables,
        _ f: (SIMD8<Float>) -> SIMD8<Float>
    ) { libmElements(x, y, count: count) { exp(f($0), tables) } }
    @inlinable @inline(__always)
    package static func log(_ x: SIMD8<Float>, _ tables: LibmTables) -> SIMD8<Float> { lanes(x, logf) }
    @inlinable @inline(__always)
    package static func erf(_ x: SIMD16<Float>, _ tables: LibmTables, tail: Bool) -> SIMD16<Float> {
        lanes(x) { tail || !isErfTail($0) ? erff($0) : 1 }
    }

    @inlinable @inline(__always)
    static func lanes<V: SIMD>(_ x: V, _ f: (Float) -> Float) -> V where V.Scalar == Float {
        var y = V()
        for l in 0..<V.scalarCount { y[l] = f(x[l]) }
        return y
    }
}

/// Whether any lane of `mask` is nonzero (an OR across the lanes: a SIMD `!=` would branch on
/// each lane).
@inlinable @inline(__always)
func anyLane<Mask: SIMD>(_ mask: Mask) -> Bool where Mask.Scalar == UInt32 {
    var lanes: UInt32 = 0
    for l in 0..<Mask.scalarCount { lanes |= mask[l] }
    return lanes != 0
}
