// Math for the element-wise kernels, written per float with a separate multiply and add per step
// and no libm call, so that the compiler vectorises the loops that use it at whatever width the
// CPU has while every build rounds alike.

/// `eˣ` for x ≤ 0 (or NaN): Cephes' `expf` (the polynomial of `avx_mathfun`'s `exp256_ps`).
/// Relative error ≈ 1e-7; inputs are clamped to −88.376, so very negative ones give ≈ 1e-38
/// rather than 0. Cephes also clamps at +88.376; every caller's argument is ≤ 0 or NaN, where
/// that `min` gives its input back, so it is left out. It sat on the GELU's longest chain, and
/// the GELU's loop is bound by how many of its chains fit in flight at once: one instruction
/// fewer took 1.2M elements on one thread (Zen 4, AVX-512) from 0.787 to 0.739 ms. The GELU's
/// and its slope's bits on all 2³² inputs, in every build, were compared with the two-sided
/// clamp's: the same.
@inlinable @inline(__always)
func fastExpNonpositive(_ input: Float) -> Float {
    var x = Swift.max(input, -88.3762626647949)
    // eˣ = 2ⁿ · eʳ with n = round(x · log₂e) and r = x − n·ln 2 (ln 2 split in two for precision).
    // Adding 1.5·2²³ rounds to an integer and leaves it in the low bits of the sum.
    let shifted = x * 1.44269504088896341 + roundingMagic
    let n = shifted - roundingMagic
    x = x - n * 0.693359375
    x = x - n * -2.12194440e-4
    var y = x * 1.9875691500e-4 + 1.3981999507e-3
    y = y * x + 8.3334519073e-3
    y = y * x + 4.1665795894e-2
    y = y * x + 1.6666665459e-1
    y = y * x + 5.0000001201e-1
    y = y * (x * x) + x + 1
    let exponent = shifted.bitPattern &- roundingMagic.bitPattern &+ 127
    return y * Float(bitPattern: exponent &<< 23)
}

/// 1.5·2²³: a float in [2²³, 2²⁴) has no fraction bits, so `x + roundingMagic` rounds x.
@usableFromInline let roundingMagic: Float = 12_582_912

/// erf by Abramowitz & Stegun 7.1.26 — the formula of PyTorch's vectorised `erf`, which its CPU
/// GELU uses. Absolute error below 1.5e-7. x's sign is copied onto the magnitude, which is ≥ 0
/// unless it is a NaN: so erf(NaN) has the input's sign, and the GELU's last product multiplies
/// two equal NaNs, whichever operand order a build's compiler picks (with the sign ORed in, a
/// positive NaN came out of the portable build negative and of the vector builds positive).
@inlinable @inline(__always)
func fastErf(_ x: Float) -> Float {
    let t = 1 / (Float(bitPattern: x.bitPattern & 0x7fff_ffff) * 0.3275911 + 1)
    var r = t * 1.061405429 + -1.453152027
    r = r * t + 1.421413741
    r = r * t + -0.284496736
    r = r * t + 0.254829592
    let magnitude = 1 - (fastExpNonpositive(-(x * x)) * t) * r
    return Float(bitPattern: (magnitude.bitPattern & 0x7fff_ffff) | (x.bitPattern & 0x8000_0000))
}

/// The sum of `count` floats, added in 16 running lanes (element i into lane i mod 16), then
/// across the lanes in order: the same order in every build.
@inlinable @inline(__always)
func laneSum(_ p: UnsafePointer<Float>, count: Int) -> Float {
    typealias Lanes = SIMD16<Float>
    var lanes = Lanes()
    var i = 0
    while i + Lanes.scalarCount <= count {
        lanes += UnsafeRawPointer(p + i).loadUnaligned(as: Lanes.self)
        i += Lanes.scalarCount
    }
    for j in 0..<(count - i) { lanes[j] += p[i + j] }
    var total: Float = 0
    for j in 0..<Lanes.scalarCount { total += lanes[j] }
    return total
}
