/// Rows of C computed together by the micro-kernel, i.e. rows of A in one packed panel.
@usableFromInline package let tileRows = 6

/// C tile (+)= A panel · B panel over `depth`: a `tileRows × 2·Lanes.scalarCount` tile of C
/// held in 12 vector registers.
///
/// `a` holds the panel of A column by column (`depth × tileRows`), `b` the panel of B row by row
/// (`depth × 2·Lanes.scalarCount`). Every C element is one running float updated with a fused
/// multiply-add per step, k = 0, 1, 2, …: the rounding depends on nothing but the inputs, so the
/// 8-lane and 16-lane instantiations give the same bits.
@inlinable @inline(__always)
package func microKernel<Lanes: SIMD>(
    _: Lanes.Type, depth: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
    c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool
) where Lanes.Scalar == Float {
    let w = Lanes.scalarCount
    var c00 = Lanes(), c01 = Lanes(), c10 = Lanes(), c11 = Lanes(), c20 = Lanes(), c21 = Lanes()
    var c30 = Lanes(), c31 = Lanes(), c40 = Lanes(), c41 = Lanes(), c50 = Lanes(), c51 = Lanes()
    if accumulate {
        // Continue each element's running sum from the previous depth slice: same order as one pass.
        c00 = load(c); c01 = load(c + w)
        c10 = load(c + ldc); c11 = load(c + ldc + w)
        c20 = load(c + 2 * ldc); c21 = load(c + 2 * ldc + w)
        c30 = load(c + 3 * ldc); c31 = load(c + 3 * ldc + w)
        c40 = load(c + 4 * ldc); c41 = load(c + 4 * ldc + w)
        c50 = load(c + 5 * ldc); c51 = load(c + 5 * ldc + w)
    }
    var pa = a, pb = b
    for _ in 0..<depth {
        let b0: Lanes = load(pb), b1: Lanes = load(pb + w)
        var x = Lanes(repeating: pa[0])
        c00 = c00.addingProduct(x, b0); c01 = c01.addingProduct(x, b1)
        x = Lanes(repeating: pa[1])
        c10 = c10.addingProduct(x, b0); c11 = c11.addingProduct(x, b1)
        x = Lanes(repeating: pa[2])
        c20 = c20.addingProduct(x, b0); c21 = c21.addingProduct(x, b1)
        x = Lanes(repeating: pa[3])
        c30 = c30.addingProduct(x, b0); c31 = c31.addingProduct(x, b1)
        x = Lanes(repeating: pa[4])
        c40 = c40.addingProduct(x, b0); c41 = c41.addingProduct(x, b1)
        x = Lanes(repeating: pa[5])
        c50 = c50.addingProduct(x, b0); c51 = c51.addingProduct(x, b1)
        pa += tileRows
        pb += 2 * w
    }
    store(c00, c); store(c01, c + w)
    store(c10, c + ldc); store(c11, c + ldc + w)
    store(c20, c + 2 * ldc); store(c21, c + 2 * ldc + w)
    store(c30, c + 3 * ldc); store(c31, c + 3 * ldc + w)
    store(c40, c + 4 * ldc); store(c41, c + 4 * ldc + w)
    store(c50, c + 5 * ldc); store(c51, c + 5 * ldc + w)
}

@inlinable @inline(__always)
func load<Lanes: SIMD>(_ p: UnsafePointer<Float>) -> Lanes where Lanes.Scalar == Float {
    UnsafeRawPointer(p).loadUnaligned(as: Lanes.self)
}

@inlinable @inline(__always)
func load<Lanes: SIMD>(_ p: UnsafeMutablePointer<Float>) -> Lanes where Lanes.Scalar == Float {
    UnsafeRawPointer(p).loadUnaligned(as: Lanes.self)
}

@inlinable @inline(__always)
func store<Lanes: SIMD>(_ v: Lanes, _ p: UnsafeMutablePointer<Float>) where Lanes.Scalar == Float {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: Lanes.self)
}
