// `avx_mathfun.h`'s `log256_ps` and `sincos256_ps` and PyTorch's `normal_fill_16_AVX2`, on
// eight lanes at once.
//
// PyTorch's x86 build computes large `randn` calls with these AVX2 routines, compiled by GCC
// with multiply-adds contracted into FMAs. Every `addingProduct` below sits exactly where the
// disassembly of `libtorch_cpu.so` has an FMA; every other operation rounds on its own, lane by
// lane. The result is PyTorch-on-x86's bits on any machine (it never calls the platform's
// `logf`/`sinf`); the AVX2 and AVX-512 builds turn each `addingProduct` into one instruction.

@usableFromInline typealias Float8 = SIMD8<Float>
@usableFromInline typealias Bits8 = SIMD8<UInt32>

@inlinable @inline(__always)
func bits8(_ v: Float8) -> Bits8 { unsafeBitCast(v, to: Bits8.self) }
@inlinable @inline(__always)
func float8(_ u: Bits8) -> Float8 { unsafeBitCast(u, to: Float8.self) }

/// Replaces each of `blocks` blocks of 16 uniforms at `data` by normal samples in place
/// (`normal_fill_16_AVX2`): slots j and j + 8 become the cosine and sine halves of one pair.
@inlinable
package func normalFillKernel<Build>(
    _: Build.Type, _ data: UnsafeMutablePointer<Float>, blocks: Int, mean: Float, std: Float
) {
    let twoPi = Float8(repeating: Float(2 * Double.pi))
    let mean = Float8(repeating: mean), std = Float8(repeating: std)
    for block in 0..<blocks {
        let p = UnsafeMutableRawPointer(data + 16 * block)
        let u1 = 1 - p.loadUnaligned(as: Float8.self)
        let u2 = p.loadUnaligned(fromByteOffset: 32, as: Float8.self)
        let radius = (-2 * avxLog(u1)).squareRoot()
        let (s, c) = avxSinCos(twoPi * u2)
        p.storeBytes(of: mean.addingProduct(radius * c, std), as: Float8.self)
        p.storeBytes(of: mean.addingProduct(radius * s, std), toByteOffset: 32, as: Float8.self)
    }
}

/// The natural logarithm of each lane, as `log256_ps` computes it (NaN for x ≤ 0).
@inlinable @inline(__always)
func avxLog(_ input: Float8) -> Float8 {
    let minNormal = Float8(repeating: Float(bitPattern: 0x0080_0000))
    var x = input.replacing(with: minNormal, where: input .< minNormal)
    // Mantissa scaled into [0.5, 1), exponent as a float.
    let exponent = SIMD8<Int32>(truncatingIfNeeded: bits8(x) &>> 23)
    x = float8((bits8(x) & ~0x7F80_0000) | Float(0.5).bitPattern)
    var e = Float8(exponent &- 127) + 1
    let small = x .< 0.707106781186547524
    let tmp = Float8(repeating: 0).replacing(with: x, where: small)
    x = x - 1
    e = e - Float8(repeating: 0).replacing(with: 1, where: small)
    x = x + tmp
    let z = x * x
    var y = Float8(repeating: 7.0376836292E-2)
    y = Float8(repeating: -1.1514610310E-1).addingProduct(y, x)
    y = Float8(repeating: 1.1676998740E-1).addingProduct(y, x)
    y = Float8(repeating: -1.2420140846E-1).addingProduct(y, x)
    y = Float8(repeating: 1.4249322787E-1).addingProduct(y, x)
    y = Float8(repeating: -1.6668057665E-1).addingProduct(y, x)
    y = Float8(repeating: 2.0000714765E-1).addingProduct(y, x)
    y = Float8(repeating: -2.4999993993E-1).addingProduct(y, x)
    y = Float8(repeating: 3.3333331174E-1).addingProduct(y, x)
    y = y * x
    y = (e * -2.12194440e-4).addingProduct(y, z)
    y = y.addingProduct(-z, Float8(repeating: 0.5))
    x = x + y
    x = x.addingProduct(e, Float8(repeating: 0.693359375))
    return x.replacing(with: .nan, where: .!(input .> 0))
}

/// The sine and cosine of each lane, as `sincos256_ps` computes them.
@inlinable @inline(__always)
func avxSinCos(_ input: Float8) -> (sin: Float8, cos: Float8) {
    var signSin = bits8(input) & 0x8000_0000
    var x = float8(bits8(input) & 0x7FFF_FFFF)
    // The octant, rounded up to even (cvttps2dq truncates).
    let octant = x * 1.27323954473516
    var j = SIMD8<Int32>()
    for l in 0..<8 { j[l] = Int32(octant[l]) }  // truncates, lane by lane (one cvttps2dq)
    j = (j &+ 1) & ~1
    let y = Float8(j)
    let swapSin = Bits8(truncatingIfNeeded: (j & 4) &<< 29)
    // All ones in the lanes that use the sine polynomial ((j & 2) == 0), as an integer mask:
    // a comparison's SIMDMask is built lane by lane here, ten times slower than this.
    let usesSinPolynomial = Bits8(truncatingIfNeeded: ((j & 2) &>> 1) &- 1)
    // Extended-precision range reduction: x − y·π/4 in three parts.
    x = x.addingProduct(y, Float8(repeating: -0.78515625))
    x = x.addingProduct(y, Float8(repeating: -2.4187564849853515625e-4))
    x = x.addingProduct(y, Float8(repeating: -3.77489497744594108e-8))
    let signCos = Bits8(truncatingIfNeeded: (~(j &- 2) & 4) &<< 29)
    signSin ^= swapSin
    let z = x * x
    var yc = Float8(repeating: -1.388731625493765E-003)
        .addingProduct(Float8(repeating: 2.443315711809948E-005), z)
    yc = Float8(repeating: 4.166664568298827E-002).addingProduct(yc, z)
    yc = yc * z
    yc = (-(z * 0.5)).addingProduct(yc, z)
    yc = yc + 1
    var ys = Float8(repeating: 8.3321608736E-3).addingProduct(Float8(repeating: -1.9515295891E-4), z)
    ys = Float8(repeating: -1.6666654611E-1).addingProduct(ys, z)
    ys = ys * z
    ys = x.addingProduct(ys, x)
    // Blend as the vector code does (and/andnot, then add), which fixes the zeros' signs.
    let sinPart2 = float8(bits8(ys) & usesSinPolynomial)
    let sinPart1 = float8(bits8(yc) & ~usesSinPolynomial)
    let s = sinPart1 + sinPart2
    let c = (yc - sinPart1) + (ys - sinPart2)
    return (float8(bits8(s) ^ signSin), float8(bits8(c) ^ signCos))
}
