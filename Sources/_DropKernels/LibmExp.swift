// glibc's `expf` on eight lanes at once, bit for bit.
//
// glibc 2.36 on a CPU with AVX2 and FMA runs `__expf_fma`: ARM's optimized-routines `expf`
// (`sysdeps/ieee754/flt-32/e_expf.c`) compiled with `-mfma`, so that GCC contracted two
// multiply-adds and a multiply-subtract into FMAs. Every `addingProduct` below sits where that
// disassembly has an FMA; every other step rounds on its own, in double, as there. Lanes with
// |x| ≥ 88 (or NaN) take libm's own call: its special cases are not reproduced.

import Glibc

@usableFromInline typealias Double8 = SIMD8<Double>
@usableFromInline typealias Bits64x8 = SIMD8<UInt64>

/// `__exp2f_data.tab`: 2^(j/32) for j = 0…31, each less `j << 47` (added back with the exponent).
@usableFromInline let libmExpTable: [UInt64] = [
    0x3ff0_0000_0000_0000, 0x3fef_d9b0_d315_8574, 0x3fef_b558_6cf9_890f, 0x3fef_9301_d012_5b51,
    0x3fef_72b8_3c7d_517b, 0x3fef_5487_3168_b9aa, 0x3fef_387a_6e75_6238, 0x3fef_1e9d_f51f_dee1,
    0x3fef_06fe_0a31_b715, 0x3fee_f1a7_373a_a9cb, 0x3fee_dea6_4c12_3422, 0x3fee_ce08_6061_892d,
    0x3fee_bfda_d536_2a27, 0x3fee_b42b_569d_4f82, 0x3fee_ab07_dd48_5429, 0x3fee_a47e_b03a_5585,
    0x3fee_a09e_667f_3bcd, 0x3fee_9f75_e8ec_5f74, 0x3fee_a114_73eb_0187, 0x3fee_a589_994c_ce13,
    0x3fee_ace5_422a_a0db, 0x3fee_b737_b0cd_c5e5, 0x3fee_c491_82a3_f090, 0x3fee_d503_b23e_255d,
    0x3fee_e89f_995a_d3ad, 0x3fee_ff76_f2fb_5e47, 0x3fef_199b_dd85_529c, 0x3fef_3720_dcef_9069,
    0x3fef_5818_dcfb_a487, 0x3fef_7c97_337b_9b5f, 0x3fef_a4af_a2a4_90da, 0x3fef_d076_5b6e_4540,
]

/// `expf` of each lane where |x| < 88, and a nonzero `special` lane where libm must be asked.
/// `table` is `libmExpTable`'s storage.
@inlinable @inline(__always)
func libmExpLanes<Build: VectorBuild>(
    _: Build.Type, _ x: Float8, table: UnsafePointer<UInt64>
) -> (value: Float8, special: Bits8) {
    let special = libmExpSpecial(x)
    var xd = Double8()
    for l in 0..<8 { xd[l] = Double(x[l]) }
    let (ki, r) = libmExpReduction(xd)
    // 2^(k/32) = T[k mod 32] with k / 32 added to its exponent.
    let t = Build.expTableEntries(ki & 31, table) &+ ki &<< 47
    return (libmExpFinish(r, scale: unsafeBitCast(t, to: Double8.self)), special)
}

/// Nonzero in the lanes with |x| ≥ 88 or NaN, which take libm's own call: bits 20…30 of x
/// are the exponent and three mantissa bits, and 0x42b of them is |x| = 88.
@inlinable @inline(__always)
func libmExpSpecial(_ x: Float8) -> Bits8 {
    let abstop = (bits8(x) &>> 20) & 0x7ff
    return (abstop &+ (0x800 - 0x42b)) & 0x800
}

/// x · 32/ln 2 = k + r: k rounded to an integer by the shift (its bits in `ki`'s low half), r
/// with one rounding (fmsub).
@inlinable @inline(__always)
func libmExpReduction(_ xd: Double8) -> (ki: Bits64x8, r: Double8) {
    let invLn2N = Double8(repeating: Double(bitPattern: 0x4047_1547_652b_82fe))  // 32 / ln 2
    let shift = Double8(repeating: Double(bitPattern: 0x4338_0000_0000_0000))  // 1.5 · 2⁵²
    let kds = shift.addingProduct(invLn2N, xd)
    let kd = kds - shift
    // −kd as a multiply by −1, which LLVM folds into the FMA (a multiply-subtract); `-kd` is
    // 0 − kd in Swift, a separate subtraction.
    return (unsafeBitCast(kds, to: Bits64x8.self), (kd * Double8(repeating: -1)).addingProduct(invLn2N, xd))
}

/// exp(x) ≈ s · (C0·r³ + C1·r² + C2·r + 1), rounded to Float, `s` being 2^(k/32).
@inlinable @inline(__always)
func libmExpFinish(_ r: Double8, scale s: Double8) -> Float8 {
    let z = Double8(repeating: Double(bitPattern: 0x3f2e_bfce_50fa_c4f3))
        .addingProduct(Double8(repeating: Double(bitPattern: 0x3ebc_6af8_4b91_2394)), r)
    let r2 = r * r
    var y = Double8(repeating: 1).addingProduct(r, Double8(repeating: Double(bitPattern: 0x3f96_2e42_ff0c_52d6)))
    y = y.addingProduct(z, r2)
    y = y * s
    var value = Float8()
    for l in 0..<8 { value[l] = Float(y[l]) }
    return value
}

/// `expf` of each lane: the vector path, then libm for the lanes it leaves.
@inlinable @inline(__always)
func libmExp<Build: VectorBuild>(_: Build.Type, _ x: Float8, table: UnsafePointer<UInt64>) -> Float8 {
    var (value, special) = libmExpLanes(Build.self, x, table: table)
    if anyLane(special) {
        for l in 0..<8 where special[l] != 0 { value[l] = expf(x[l]) }
    }
    return value
}

/// Vectors per chunk of `libmExpElements`: its scratch (3 · 32 UInt64, 768 bytes) stays under the
/// 1 KiB that `withUnsafeTemporaryAllocation` puts on the stack. With 8 (1.5 KiB) it came from
/// `malloc` on every call, once per softmax row, and softmax lost the gain.
@usableFromInline let expChunkVectors = 4

/// `y[i] = expf(f(x)[i])` for `count` floats, a vector of eight at a time; a last partial
/// vector is padded with ones before `f`. The same steps as `libmExp`, in two passes over each
/// chunk of `expChunkVectors` vectors: the first computes k and r and writes k's table index
/// and exponent bits to scratch memory; the second reads the indices back as integers, looks
/// the table up and finishes. Taking the eight indices out of a vector register cost more than
/// the table loads themselves (Zen 3, 2 threads: `exp` of 1M floats 0.76–1.04 → 0.49–0.64 ms,
/// Benchmarks/README.md). A chunk with a lane that needs libm's own call is redone by `libmExp`.
@inlinable @inline(__always)
func libmExpElements<Build: VectorBuild>(
    _: Build.Type, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int,
    table: UnsafePointer<UInt64>, _ f: (Float8) -> Float8
) {
    let chunk = 8 * expChunkVectors
    let whole = Build.permutesExpTable ? 0 : count / chunk * chunk
    if whole > 0 {
        // Per vector: 8 indices, 8 exponent bit patterns, then r as 8 Doubles.
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 3 * chunk) { scratch in
            let indices = scratch.baseAddress!
            let scales = indices + chunk
            let rs = UnsafeMutableRawPointer(scales + chunk)
            var i = 0
            while i < whole {
                var special = Bits8()
                for v in 0..<expChunkVectors {
                    let xf = f(UnsafeRawPointer(x + i + 8 * v).loadUnaligned(as: Float8.self))
                    special |= libmExpSpecial(xf)
                    var xd = Double8()
                    for l in 0..<8 { xd[l] = Double(xf[l]) }
                    let (ki, r) = libmExpReduction(xd)
                    UnsafeMutableRawPointer(indices + 8 * v).storeBytes(of: ki & 31, as: Bits64x8.self)
                    UnsafeMutableRawPointer(scales + 8 * v).storeBytes(of: ki &<< 47, as: Bits64x8.self)
                    rs.storeBytes(of: r, toByteOffset: 64 * v, as: Double8.self)
                }
                for v in 0..<expChunkVectors {
                    // Scalar loads of the indices: the table loads need them in integer registers.
                    var t = Bits64x8()
                    for l in 0..<8 { t[l] = table[Int(indices[8 * v + l])] }
                    t &+= UnsafeRawPointer(scales + 8 * v).load(as: Bits64x8.self)
                    let r = rs.load(fromByteOffset: 64 * v, as: Double8.self)
                    let value = libmExpFinish(r, scale: unsafeBitCast(t, to: Double8.self))
                    UnsafeMutableRawPointer(y + i + 8 * v).storeBytes(of: value, as: Float8.self)
                }
                if anyLane(special) {
                    for v in 0..<expChunkVectors {
                        let p = i + 8 * v
                        let value = libmExp(Build.self, f(UnsafeRawPointer(x + p).loadUnaligned(as: Float8.self)), table: table)
                        UnsafeMutableRawPointer(y + p).storeBytes(of: value, as: Float8.self)
                    }
                }
                i += chunk
            }
        }
    }
    libmElements(x + whole, y + whole, count: count - whole) { libmExp(Build.self, f($0), table: table) }
}
