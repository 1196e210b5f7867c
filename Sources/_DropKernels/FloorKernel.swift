/// `out[i] = ⌊x[i]⌋` for `count` floats (`out` may be `x`). Drop's baseline x86-64 build has no
/// rounding instruction (SSE4.1) and calls libm's `floorf` per element; the AVX2 and AVX-512
/// builds use `vroundps`. Floor is exact, so every build gives the same bits.
@inlinable
package func floorKernel<Build>(
    _: Build.Type, _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int
) {
    if UnsafePointer(out) == x {  // one pointer: two equal ones would fail the overlap check
        for i in 0..<count { out[i] = out[i].rounded(.down) }
    } else {
        for i in 0..<count { out[i] = x[i].rounded(.down) }
    }
}
