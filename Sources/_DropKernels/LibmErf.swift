// glibc's `erff` on sixteen lanes at once, bit for bit.
//
// glibc 2.36's `erff` is fdlibm's (`sysdeps/ieee754/flt-32/s_erff.c`): float arithmetic with
// no FMA, in five ranges of |x|, calling the platform's `expf` twice for 1.25 ≤ |x| < 6. Each
// step below is the disassembly's, in its order; a subtraction of a constant is written as the
// addition of its negation (the same IEEE operation). Where two ranges share a shape, their
// polynomials run as one, the shorter padded in front with zeros (0·v + c = c exactly), and
// a lane's constants are picked by its range. Infinite and NaN lanes take libm's own call.

import Glibc

@usableFromInline typealias Floats16 = SIMD16<Float>
@usableFromInline typealias Bits16 = SIMD16<UInt32>

@inlinable @inline(__always)
func bits16(_ v: Floats16) -> Bits16 { unsafeBitCast(v, to: Bits16.self) }
@inlinable @inline(__always)
func float16(_ u: Bits16) -> Floats16 { unsafeBitCast(u, to: Floats16.self) }

/// `expf` of sixteen lanes with |x| < 88, as two halves (its doubles fill two vectors anyway).
@inlinable @inline(__always)
func exp16<Build: VectorBuild>(_: Build.Type, _ x: Floats16, table: UnsafePointer<UInt64>) -> Floats16 {
    Floats16(
        lowHalf: libmExpLanes(Build.self, x.lowHalf, table: table).value,
        highHalf: libmExpLanes(Build.self, x.highHalf, table: table).value)
}

/// The bits of the lanes of `x` whose mask lane is set, and of `y` elsewhere.
@inlinable @inline(__always)
func select(_ mask: Bits16, _ x: Floats16, _ y: Floats16) -> Floats16 {
    float16((bits16(x) & mask) | (bits16(y) & ~mask))
}

/// All ones in the lanes where `a < b` (both below 2³¹).
@inlinable @inline(__always)
func below(_ a: Bits16, _ b: UInt32) -> Bits16 {
    unsafeBitCast(unsafeBitCast(a &- b, to: SIMD16<Int32>.self) &>> 31, to: Bits16.self)
}

/// `Floats16` of the lanes' constants: `x` where `mask` is set, else `y` (bit patterns).
@inlinable @inline(__always)
func constants(_ mask: Bits16, _ x: UInt32, _ y: UInt32) -> Floats16 {
    float16((mask & x) | (~mask & y))
}

/// `erff` of each lane, given `libmExpTable`'s storage for the `expf` it calls; without `tail`,
/// lanes with 1.25 ≤ |x| < 6 are left at ±1 (a caller that computes those lanes on their own).
@inlinable @inline(__always)
func libmErf<Build: VectorBuild>(
    _: Build.Type, _ x: Floats16, expTable: UnsafePointer<UInt64>, tail: Bool = true
) -> Floats16 {
    let ix = bits16(x) & 0x7fff_ffff
    let sign = bits16(x) & 0x8000_0000
    let tiny = below(ix, 0x3180_0000)  // |x| < 2⁻²⁸
    let small = below(ix, 0x3fa0_0000)  // |x| < 1.25 (tiny included)
    let first = below(ix, 0x3f58_0000)  // |x| < 0.84375, of those
    let finiteTail = below(ix, 0x40c0_0000)  // |x| < 6 (all the above included)
    let middle = below(ix, 0x4036_db6e)  // |x| < 1/0.35, of 1.25 ≤ |x| < 6
    // |x| ≥ 6: ±(1 − 1e-30), which rounds to ±1.
    var result = float16(bits16(Floats16(repeating: 1 - Float(bitPattern: 0x0da2_4260))) | sign)

    if tail && anyLane(finiteTail & ~small) {
        result = select(finiteTail, erfTail(Build.self, x, middle: middle, expTable: expTable), result)
    }
    if anyLane(small & ~tiny) {
        result = select(small, erfNear(Build.self, x, first: first), result)
    }
    if anyLane(tiny) {
        // |x| < 2⁻²⁸: x + efx·x, scaled by 16 below 2⁻¹¹⁹ (as libm, to avoid underflow).
        let efx = Float(bitPattern: 0x3e03_75d4), efx16 = Float(bitPattern: 0x4003_75d4)
        let lowest = (ix & 0x7c00_0000) .== 0
        let scaled = (x * 16 + x * efx16) * 0.0625
        let plain = x * efx + x
        result = select(tiny, plain.replacing(with: scaled, where: lowest), result)
    }
    let special = ~below(ix, 0x7f80_0000)  // infinite or NaN
    if anyLane(special) {
        for l in 0..<16 where special[l] != 0 { result[l] = erff(x[l]) }
    }
    return result
}

/// erf for 1.25 ≤ |x| < 6 (lanes of `middle`: |x| < 1/0.35). Not inlined, nor `erfNear`: in
/// one function with the rest, the compiler leaves much of the vector code scalar.
@inlinable @inline(never)
func erfTail<Build: VectorBuild>(
    _: Build.Type, _ x: Floats16, middle: Bits16, expTable: UnsafePointer<UInt64>
) -> Floats16 {
    let ix = bits16(x) & 0x7fff_ffff
    let (ax, sign) = (float16(ix), bits16(x) & 0x8000_0000)
    // 1.25 ≤ |x| < 6: erf = 1 − exp(−z² − 0.5625) · exp((z − |x|)(z + |x|) + R/S) / |x|,
    // R and S polynomials in 1/x², z being |x| with its low 12 bits cleared.
    let s = 1 / (x * x)
    var r = constants(middle, 0xc11d_077e, 0)
    r = r * s + constants(middle, 0xc2a2_932b, 0xc3f1_c275)
    r = r * s + constants(middle, 0xc338_9ae7, 0xc480_230b)
    r = r * s + constants(middle, 0xc322_658c, 0xc41f_6441)
    r = r * s + constants(middle, 0xc279_8057, 0xc320_a2ea)
    r = r * s + constants(middle, 0xc128_f022, 0xc18e_104b)
    r = r * s + constants(middle, 0xbf31_a0b7, 0xbf4c_9dd4)
    r = r * s + constants(middle, 0xbc21_a093, 0xbc21_a092)
    var q = constants(middle, 0xbd77_7f97, 0)
    q = q * s + constants(middle, 0x40d2_3f7c, 0xc1b3_8712)
    q = q * s + constants(middle, 0x42d9_451f, 0x43ed_43a7)
    q = q * s + constants(middle, 0x43d6_810b, 0x451f_90ce)
    q = q * s + constants(middle, 0x4421_58c9, 0x4547_fdbb)
    q = q * s + constants(middle, 0x43d9_486f, 0x44c0_1759)
    q = q * s + constants(middle, 0x4309_a863, 0x43a2_e571)
    q = q * s + constants(middle, 0x419d_35ce, 0x41f2_b459)
    q = q * s + 1
    let z = float16(ix & 0xffff_f000)
    let e1 = exp16(Build.self, (-z) * z - 0.5625, table: expTable)
    let e2 = exp16(Build.self, (z - ax) * (z + ax) + r / q, table: expTable)
    let tail = 1 - (e2 * e1) / ax
    return float16(bits16(tail) | sign)
}

/// erf for |x| < 1.25 (lanes of `first`: |x| < 0.84375).
@inlinable @inline(never)
func erfNear<Build>(_: Build.Type, _ x: Floats16, first: Bits16) -> Floats16 {
    let ix = bits16(x) & 0x7fff_ffff
    let (ax, sign) = (float16(ix), bits16(x) & 0x8000_0000)
    // |x| < 0.84375: x + x·P(x²)/Q(x²); 0.84375 ≤ |x| < 1.25: ±(erx + P(s)/Q(s)), s = |x| − 1.
    let v = select(first, x * x, ax - 1)
    var p = constants(first, 0, 0xbb0d_f9c0)
    p = p * v + constants(first, 0, 0x3d11_51b3)
    p = p * v + constants(first, 0xb7c7_56b1, 0xbde3_1cc2)
    p = p * v + constants(first, 0xbbbd_1489, 0x3ea2_fe54)
    p = p * v + constants(first, 0xbce9_528f, 0xbebe_9208)
    p = p * v + constants(first, 0xbea6_6beb, 0x3ed4_6805)
    p = p * v + constants(first, 0x3e03_75d4, 0xbb1a_cdc6)
    var q = constants(first, 0, 0x3c44_5aa3)
    q = q * v + constants(first, 0xb684_e21a, 0x3c5f_6e13)
    q = q * v + constants(first, 0x390a_ee49, 0x3e01_3307)
    q = q * v + constants(first, 0x3ba6_8116, 0x3d93_1ae7)
    q = q * v + constants(first, 0x3d85_2a63, 0x3f0a_5785)
    q = q * v + constants(first, 0x3ecb_bbce, 0x3dd9_f331)
    q = q * v + 1
    // x + x·ratio as x·ratio + x; erx + ratio as ratio·1 + erx, then given x's sign.
    let ratio = p / q
    let near = ratio * select(first, x, Floats16(repeating: 1))
        + select(first, x, Floats16(repeating: Float(bitPattern: 0x3f58_560b)))
    return select(first, near, float16(bits16(near) | sign))
}
