/// `avx_mathfun.h`'s `log256_ps` and `sincos256_ps`, one lane at a time in IEEE float32.
///
/// PyTorch's x86 build computes large `randn` calls with these AVX2 routines, compiled by GCC
/// with multiply-adds contracted into FMAs. Every `addingProduct` below sits exactly where the
/// disassembly of `libtorch_cpu.so` has an FMA; every other operation rounds on its own. The
/// result is PyTorch-on-x86's bits on any machine (it never calls the platform's `logf`/`sinf`).
enum AVXMathFun {
    static let logP: (Float, Float, Float, Float, Float, Float, Float, Float, Float) = (
        7.0376836292E-2, -1.1514610310E-1, 1.1676998740E-1, -1.2420140846E-1,
        1.4249322787E-1, -1.6668057665E-1, 2.0000714765E-1, -2.4999993993E-1,
        3.3333331174E-1)
    static let logQ1: Float = -2.12194440e-4
    static let logQ2: Float = 0.693359375
    static let sqrtHalf: Float = 0.707106781186547524
    static let minNormal = Float(bitPattern: 0x0080_0000)

    /// The natural logarithm of `x`, as `log256_ps` computes it (NaN for x ≤ 0).
    @inline(__always)
    static func log(_ input: Float) -> Float {
        guard input > 0 else { return .nan }
        var x = Swift.max(input, minNormal)
        let exponent = Int32(bitPattern: x.bitPattern >> 23)
        // Mantissa scaled into [0.5, 1).
        x = Float(bitPattern: (x.bitPattern & ~0x7F80_0000) | Float(0.5).bitPattern)
        var e = Float(exponent - 127) + 1
        let small = x < sqrtHalf
        let tmp: Float = small ? x : 0
        x = x - 1
        e = e - (small ? 1 : 0)
        x = x + tmp
        let z = x * x
        var y = logP.0
        y = logP.1.addingProduct(y, x)
        y = logP.2.addingProduct(y, x)
        y = logP.3.addingProduct(y, x)
        y = logP.4.addingProduct(y, x)
        y = logP.5.addingProduct(y, x)
        y = logP.6.addingProduct(y, x)
        y = logP.7.addingProduct(y, x)
        y = logP.8.addingProduct(y, x)
        y = y * x
        y = (e * logQ1).addingProduct(y, z)
        y = y.addingProduct(-z, 0.5)
        x = x + y
        return x.addingProduct(e, logQ2)
    }

    static let dp1: Float = -0.78515625
    static let dp2: Float = -2.4187564849853515625e-4
    static let dp3: Float = -3.77489497744594108e-8
    static let sinP: (Float, Float, Float) = (-1.9515295891E-4, 8.3321608736E-3, -1.6666654611E-1)
    static let cosP: (Float, Float, Float) = (
        2.443315711809948E-005, -1.388731625493765E-003, 4.166664568298827E-002)
    static let fourOverPi: Float = 1.27323954473516

    /// The sine and cosine of `x`, as `sincos256_ps` computes them.
    @inline(__always)
    static func sincos(_ input: Float) -> (sin: Float, cos: Float) {
        var signSin = input.bitPattern & 0x8000_0000
        var x = Float(bitPattern: input.bitPattern & 0x7FFF_FFFF)
        // The octant, rounded up to even (cvttps2dq truncates).
        var j = Int32(x * fourOverPi)
        j = (j &+ 1) & ~1
        let y = Float(j)
        let swapSin = UInt32(bitPattern: (j & 4) << 29)
        let usesSinPolynomial = j & 2 == 0
        // Extended-precision range reduction: x − y·π/4 in three parts.
        x = x.addingProduct(y, dp1)
        x = x.addingProduct(y, dp2)
        x = x.addingProduct(y, dp3)
        let signCos = UInt32(bitPattern: (~(j &- 2) & 4) << 29)
        signSin ^= swapSin
        let z = x * x
        var yc = cosP.1.addingProduct(cosP.0, z)
        yc = cosP.2.addingProduct(yc, z)
        yc = yc * z
        yc = (-(z * 0.5)).addingProduct(yc, z)
        yc = yc + 1
        var ys = sinP.1.addingProduct(sinP.0, z)
        ys = sinP.2.addingProduct(ys, z)
        ys = ys * z
        ys = x.addingProduct(ys, x)
        // Blend as the vector code does (and/andnot, then add), which fixes the zeros' signs.
        let sinPart2: Float = usesSinPolynomial ? ys : 0
        let sinPart1: Float = usesSinPolynomial ? 0 : yc
        let cosPart2 = ys - sinPart2
        let cosPart1 = yc - sinPart1
        let s = sinPart1 + sinPart2
        let c = cosPart1 + cosPart2
        return (
            Float(bitPattern: s.bitPattern ^ signSin),
            Float(bitPattern: c.bitPattern ^ signCos)
        )
    }
}
