// glibc's `logf` on eight lanes at once, bit for bit.
//
// glibc 2.36 on a CPU with AVX2 and FMA runs `__logf_fma`: ARM's optimized-routines `logf`
// (`sysdeps/ieee754/flt-32/e_logf.c`) compiled with `-mfma`. Every `addingProduct` below sits
// where that disassembly has an FMA; the one plain addition (`r + y0`) rounds on its own, as
// there. Zero, negative, subnormal, infinite and NaN lanes take libm's own call.

import Glibc

/// `__logf_data.tab`: for the 16 subintervals of [0x1.66p-1, 0x1.66p0), 1/c and log(c) of
/// their centres c, stored as `invc[i]`, then `logc[i]`.
@usableFromInline let libmLogTable: [Double] = [
    0x3ff6_61ec_79f8_f3be, 0x3ff5_71ed_4aaf_883d, 0x3ff4_9539_f0f0_10b0, 0x3ff3_c995_b0b8_0385,
    0x3ff3_0d19_0c88_64a5, 0x3ff2_5e22_7b0b_8ea0, 0x3ff1_bb4a_4a1a_343f, 0x3ff1_2358_f08a_e5ba,
    0x3ff0_953f_4199_00a7, 0x3ff0_0000_0000_0000, 0x3fee_608c_fd9a_47ac, 0x3fec_a4b3_1f02_6aa0,
    0x3feb_2036_576a_fce6, 0x3fe9_c2d1_63a1_aa2d, 0x3fe8_86e6_0378_41ed, 0x3fe7_67dc_f553_4862,
    0xbfd5_7bf7_808c_aade, 0xbfd2_bef0_a7c0_6ddb, 0xbfd0_1eae_7f51_3a67, 0xbfcb_31d8_a682_24e9,
    0xbfc6_574f_0ac0_7758, 0xbfc1_aa2b_c79c_8100, 0xbfba_4e76_ce8c_0e5e, 0xbfb1_973c_5a61_1ccc,
    0xbfa2_52f4_38e1_0c1e, 0x0000_0000_0000_0000, 0x3faa_a5aa_5df2_5984, 0x3fbc_5e53_aa36_2eb4,
    0x3fc5_26e5_7720_db08, 0x3fcb_c286_0d22_4770, 0x3fd1_058b_c8a0_7ee1, 0x3fd4_0430_57b6_ee09,
].map { Double(bitPattern: $0) }

/// `logf` of each lane of normal positive x, and a nonzero `special` lane where libm must be
/// asked. `table` is `libmLogTable`'s storage.
@inlinable @inline(__always)
func libmLogLanes(_ x: Float8, table: UnsafePointer<Double>) -> (value: Float8, special: Bits8) {
    let ix = bits8(x)
    // Below the smallest normal, negative, infinite or NaN (unsigned: zero wraps around).
    // That is, ix − 0x0080_0000 ≥ 0x7f00_0000 unsigned: its top byte + 1 reaches 0x80.
    let special = (((ix &- 0x0080_0000) &>> 24) &+ 1) & 0x180
    // x = 2^k · z with z in [0x1.66p-1, 0x1.66p0), in subinterval i.
    let tmp = ix &- 0x3f33_0000
    let i = (tmp &>> 19) & 15
    let k = unsafeBitCast(tmp, to: SIMD8<Int32>.self) &>> 23
    let iz = ix &- (tmp & 0xff80_0000)
    let zf = float8(iz)
    var z = Double8(), kd = Double8(), invc = Double8(), logc = Double8()
    for l in 0..<8 {
        z[l] = Double(zf[l])
        kd[l] = Double(k[l])
        invc[l] = table[Int(i[l])]
        logc[l] = table[16 + Int(i[l])]
    }
    // log(x) = log1p(z/c − 1) + log(c) + k·ln 2
    let r = Double8(repeating: -1).addingProduct(z, invc)
    let y0 = logc.addingProduct(kd, Double8(repeating: Double(bitPattern: 0x3fe6_2e42_fefa_39ef)))
    var y = Double8(repeating: Double(bitPattern: 0xbfdf_fffe_f20a_4123))
        .addingProduct(r, Double8(repeating: Double(bitPattern: 0x3fd5_575b_0be0_0b6a)))
    let r2 = r * r
    y = y.addingProduct(r2, Double8(repeating: Double(bitPattern: 0xbfd0_0ea3_48b8_8334)))
    y = (r + y0).addingProduct(r2, y)
    var value = Float8()
    for l in 0..<8 { value[l] = Float(y[l]) }
    return (value, special)
}

/// `logf` of each lane: the vector path, then libm for the lanes it leaves.
@inlinable @inline(__always)
func libmLog(_ x: Float8, table: UnsafePointer<Double>) -> Float8 {
    var (value, special) = libmLogLanes(x, table: table)
    if anyLane(special) {
        for l in 0..<8 where special[l] != 0 { value[l] = logf(x[l]) }
    }
    return value
}
