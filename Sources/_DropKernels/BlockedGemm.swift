/// The depth of one packed slice of A and B. A deeper slice means fewer passes over C, each of
/// which loads and stores every tile again: 768 (a ViT's width in one slice) beat 256, whose
/// `256 × nr` panel of B stayed in L1, by about 5 % on 1576×768 · 768×768 and on the timm `Mlp`
/// (alternating runs); the panel now streams from L2.
@usableFromInline let gemmDepthBlock = 768
/// At most this many rows of A are packed at once (`mc × kc` floats stay in L2).
@usableFromInline let gemmRowBlock = 96
/// Columns of B packed at once.
@usableFromInline let gemmColumnBlock = 2048
/// Multiply-adds below which a product runs on one thread: starting threads would cost more.
@usableFromInline let gemmParallelWork = 1 << 21
/// A product of few rows counts packing each element of B as this many rows of multiply-adds.
@usableFromInline let gemmPackWeight = 32
/// Panels of B's columns per task of a product of few rows (`columnGemm`).
@usableFromInline let gemmColumnPanels = 4

/// C = A · B into `c`, whose rows are `ldc` floats apart, with `microKernel` over `Lanes`; then
/// `bias[j]` is added to column j, if given, by the thread that finished the row block.
///
/// GotoBLAS's loop nest: B is packed one `kc × nc` block at a time, then row blocks of A are
/// packed and multiplied in parallel, each by the thread that packed it. Every C element is
/// summed in the order k = 0, 1, 2, … whatever the blocking, the vector width or the number of
/// threads, so the bits never depend on the machine.
///
/// `Build` is a type private to the calling module. It makes the mangled names of the
/// specialisations differ between modules built for different CPUs: otherwise the linker would
/// keep one of the identical weak symbols, e.g. the portable 8-lane kernel in place of the AVX2 one.
@inlinable
package func blockedGemm<Lanes: SIMD, Build>(
    _ lanes: Lanes.Type, build: Build.Type, _ a: MatrixView, _ b: MatrixView,
    bias: UnsafePointer<Float>?, into c: UnsafeMutablePointer<Float>, rowStride ldc: Int,
    threads: Int
) where Lanes.Scalar == Float {
    let (m, n, k) = (a.rows, b.cols, a.cols)
    if m == 0 || n == 0 { return }
    if k == 0 {
        for i in 0..<m {
            (c + i * ldc).update(repeating: 0, count: n)
            if let bias { addBias(bias, to: c + i * ldc, count: n) }
        }
        return
    }
    let nr = 2 * Lanes.scalarCount
    if m <= gemmRowBlock {
        // Few rows: packing B is much of the work, so it is split between the threads too.
        let threads = (m + gemmPackWeight) * n * k < gemmParallelWork ? 1 : threads
        return columnGemm(lanes, build: build, a, b, bias: bias, into: c, rowStride: ldc, threads: threads)
    }
    let threads = m * n * k < gemmParallelWork ? 1 : threads
    // Row blocks of equal size, as many as keeps each in L2, a multiple of the thread count.
    var blockCount = (m + gemmRowBlock - 1) / gemmRowBlock
    blockCount = (blockCount + threads - 1) / threads * threads
    let mc = roundUp((m + blockCount - 1) / blockCount, tileRows)

    let bCapacity = roundUp(Swift.min(gemmColumnBlock, n), nr) * Swift.min(gemmDepthBlock, k)
    withScratch(count: bCapacity) { packedB in
        for jc in stride(from: 0, to: n, by: gemmColumnBlock) {
            let ncur = Swift.min(gemmColumnBlock, n - jc)
            for pc in stride(from: 0, to: k, by: gemmDepthBlock) {
                let kcur = Swift.min(gemmDepthBlock, k - pc)
                pack(b.transposed, rows: jc, count: ncur, depth: pc, kcur, panel: nr, into: packedB)
                parallelFor((m + mc - 1) / mc, threads: threads) { block in
                    let ic = block * mc
                    let mcur = Swift.min(mc, m - ic)
                    withScratch(count: mc * kcur) { packedA in
                        pack(a, rows: ic, count: mcur, depth: pc, kcur, panel: tileRows, into: packedA)
                        for jr in stride(from: 0, to: ncur, by: nr) {
                            for ir in stride(from: 0, to: mcur, by: tileRows) {
                                // The next tile's C rows, from L3 while this tile computes: at
                                // every depth slice but the first, the micro-kernel loads them.
                                let next = ir + tileRows < mcur
                                    ? c + (ic + ir + tileRows) * ldc + jc + jr : c + ic * ldc + jc + jr + nr
                                prefetchTile(next, ldc: ldc, columns: nr)
                                tile(
                                    lanes, depth: kcur, a: packedA + ir * kcur,
                                    b: packedB + jr * kcur, c: c + (ic + ir) * ldc + jc + jr,
                                    ldc: ldc, rows: Swift.min(tileRows, mcur - ir),
                                    cols: Swift.min(nr, ncur - jr), accumulate: pc > 0)
                            }
                        }
                    }
                    if let bias, pc + kcur == k {
                        for row in ic..<(ic + mcur) {
                            addBias(bias + jc, to: c + row * ldc + jc, count: ncur)
                        }
                    }
                }
            }
        }
    }
}

/// `blockedGemm` for a product of at most `gemmRowBlock` rows: all of A is packed once, and the
/// threads take groups of `gemmColumnPanels` panels of B's columns, each packing one
/// `kc × nr` panel of B at a time (it stays in L1) and multiplying it with every row of A.
///
/// Row blocks would leave a thread idle when there is only one, and B packed by one thread
/// ahead of them, which for a few rows costs more than the multiplication (a 4-row linear layer
/// spent two thirds of its time packing W). The micro-kernel sees the same panels and depth
/// slices in the same order as in `blockedGemm`, so every bit of C is the same. (`Build` as there.)
@inlinable @inline(__always)
func columnGemm<Lanes: SIMD, Build>(
    _ lanes: Lanes.Type, build: Build.Type, _ a: MatrixView, _ b: MatrixView, bias: UnsafePointer<Float>?,
    into c: UnsafeMutablePointer<Float>, rowStride ldc: Int, threads: Int
) where Lanes.Scalar == Float {
    let (m, n, k) = (a.rows, b.cols, a.cols)
    let nr = 2 * Lanes.scalarCount
    let rows = roundUp(m, tileRows)
    withScratch(count: rows * k) { packedA in
        // Slice pc of A starts at rows · pc: each slice holds rows · kcur floats.
        for pc in stride(from: 0, to: k, by: gemmDepthBlock) {
            let kcur = Swift.min(gemmDepthBlock, k - pc)
            pack(a, rows: 0, count: m, depth: pc, kcur, panel: tileRows, into: packedA + rows * pc)
        }
        let panels = (n + nr - 1) / nr
        let groups = (panels + gemmColumnPanels - 1) / gemmColumnPanels
        parallelFor(groups, threads: threads) { group in
            withScratch(count: nr * Swift.min(gemmDepthBlock, k)) { packedB in
                let first = group * gemmColumnPanels
                for panel in first..<Swift.min(panels, first + gemmColumnPanels) {
                    let jr = panel * nr
                    let cols = Swift.min(nr, n - jr)
                    for pc in stride(from: 0, to: k, by: gemmDepthBlock) {
                        let kcur = Swift.min(gemmDepthBlock, k - pc)
                        pack(b.transposed, rows: jr, count: cols, depth: pc, kcur, panel: nr, into: packedB)
                        for ir in stride(from: 0, to: m, by: tileRows) {
                            tile(
                                lanes, depth: kcur, a: packedA + rows * pc + ir * kcur, b: packedB,
                                c: c + ir * ldc + jr, ldc: ldc, rows: Swift.min(tileRows, m - ir),
                                cols: cols, accumulate: pc > 0)
                        }
                    }
                    if let bias {
                        for row in 0..<m { addBias(bias + jr, to: c + row * ldc + jr, count: cols) }
                    }
                }
            }
        }
    }
}

/// One tile of C; a ragged edge tile goes through a full tile in scratch memory.
@inlinable @inline(__always)
func tile<Lanes: SIMD>(
    _ lanes: Lanes.Type, depth: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
    c: UnsafeMutablePointer<Float>, ldc: Int, rows: Int, cols: Int, accumulate: Bool
) where Lanes.Scalar == Float {
    let nr = 2 * Lanes.scalarCount
    if rows == tileRows && cols == nr {
        microKernel(lanes, depth: depth, a: a, b: b, c: c, ldc: ldc, accumulate: accumulate)
        return
    }
    withUnsafeTemporaryAllocation(of: Float.self, capacity: tileRows * nr) { scratch in
        let t = scratch.baseAddress!
        if accumulate {
            for i in 0..<rows { for j in 0..<cols { t[i * nr + j] = c[i * ldc + j] } }
        }
        microKernel(lanes, depth: depth, a: a, b: b, c: t, ldc: nr, accumulate: accumulate)
        for i in 0..<rows { for j in 0..<cols { c[i * ldc + j] = t[i * nr + j] } }
    }
}

/// Copies rows `first..<first+count`, columns `depth..<depth+kcur` of `x` into panels of `panel`
/// rows, each stored column by column (`kcur × panel`), zero-padding the last panel.
///
/// Always inlined: a call would reach `_DropKernels`' own copy, built for no particular CPU.
@inlinable @inline(__always)
func pack(
    _ x: MatrixView, rows first: Int, count: Int, depth: Int, _ kcur: Int, panel: Int,
    into dst: UnsafeMutablePointer<Float>
) {
    for p0 in stride(from: 0, to: count, by: panel) {
        let out = dst + p0 * kcur
        let live = Swift.min(panel, count - p0)
        let start = x.base + (first + p0) * x.rowStride + depth * x.colStride
        if x.rowStride == 1 && live == panel {
            // The panel's rows are adjacent floats (x is a transposed row-major matrix): copy
            // `panel` contiguous floats per step of depth.
            if panel % 8 == 0 {
                // Vector copies in line: a `memmove` call per 64 bytes cost more than the copy.
                for p in 0..<kcur {
                    let from = start + p * x.colStride, to = out + p * panel
                    for j in stride(from: 0, to: panel, by: 8) {
                        store(UnsafeRawPointer(from + j).loadUnaligned(as: SIMD8<Float>.self), to + j)
                    }
                }
            } else {
                for p in 0..<kcur {
                    (out + p * panel).update(from: start + p * x.colStride, count: panel)
                }
            }
            continue
        }
        if live == panel && x.colStride == 1 {
            // The panel's rows each read along the depth, contiguously (x is a row-major matrix:
            // A, or Wᵀ's columns in a linear layer): four steps of depth from every row at a
            // time, transposed in registers into whole vectors of the panel.
            let quads = kcur / 4 * 4
            if panel == 6 {
                transposeSix(start, rowStride: x.rowStride, depth: quads, into: out)
            } else if panel % 8 == 0 {
                transposeEights(start, rows: panel, rowStride: x.rowStride, depth: quads, into: out)
            } else {
                transposeScalar(start, rows: panel, rowStride: x.rowStride, depth: 0..<quads, into: out)
            }
            transposeScalar(start, rows: panel, rowStride: x.rowStride, depth: quads..<kcur, into: out)
            continue
        }
        if live == panel {
            // Along the depth, one float from each of the panel's rows: sequential writes.
            for p in 0..<kcur {
                for r in 0..<panel { out[p * panel + r] = start[r * x.rowStride + p * x.colStride] }
            }
            continue
        }
        for p in 0..<kcur {
            for r in 0..<live { out[p * panel + r] = start[r * x.rowStride + p * x.colStride] }
            for r in live..<panel { out[p * panel + r] = 0 }
        }
    }
}

/// Depth steps `depth` of `rows` rows (`rowStride` apart, each contiguous along the depth) into a
/// panel of `rows` floats per step, one float at a time.
@inlinable @inline(__always)
func transposeScalar(
    _ start: UnsafePointer<Float>, rows: Int, rowStride: Int, depth: Range<Int>,
    into out: UnsafeMutablePointer<Float>
) {
    for r in 0..<rows {
        let row = start + r * rowStride
        for p in depth { out[p * rows + r] = row[p] }
    }
}

/// The first `depth` (a multiple of 4) steps of six rows into a panel of 6 floats per step: four
/// steps from each row per turn, 24 floats written as three vectors.
@inlinable @inline(__always)
func transposeSix(
    _ start: UnsafePointer<Float>, rowStride ld: Int, depth: Int, into out: UnsafeMutablePointer<Float>
) {
    for p in stride(from: 0, to: depth, by: 4) {
        let q = start + p
        let r0 = quad(q), r1 = quad(q + ld), r2 = quad(q + 2 * ld)
        let r3 = quad(q + 3 * ld), r4 = quad(q + 4 * ld), r5 = quad(q + 5 * ld)
        let d = out + p * 6
        store(SIMD8(r0[0], r1[0], r2[0], r3[0], r4[0], r5[0], r0[1], r1[1]), d)
        store(SIMD8(r2[1], r3[1], r4[1], r5[1], r0[2], r1[2], r2[2], r3[2]), d + 8)
        store(SIMD8(r4[2], r5[2], r0[3], r1[3], r2[3], r3[3], r4[3], r5[3]), d + 16)
    }
}

/// The first `depth` (a multiple of 4) steps of `rows` (a multiple of 8) rows into a panel of
/// `rows` floats per step: four steps from each of eight rows per turn, written as four vectors.
@inlinable @inline(__always)
func transposeEights(
    _ start: UnsafePointer<Float>, rows: Int, rowStride ld: Int, depth: Int,
    into out: UnsafeMutablePointer<Float>
) {
    for p in stride(from: 0, to: depth, by: 4) {
        for h in stride(from: 0, to: rows, by: 8) {
            let q = start + h * ld + p
            let c = transposedQuads(
                quad(q), quad(q + ld), quad(q + 2 * ld), quad(q + 3 * ld),
                quad(q + 4 * ld), quad(q + 5 * ld), quad(q + 6 * ld), quad(q + 7 * ld))
            let d = out + p * rows + h
            store(c.0, d)
            store(c.1, d + rows)
            store(c.2, d + 2 * rows)
            store(c.3, d + 3 * rows)
        }
    }
}

/// Four steps of eight rows (row r's four values as the quad `r0`…`r7`), as four vectors of
/// eight: step j's value of every row, row 0 first.
@inlinable @inline(__always)
func transposedQuads(
    _ r0: SIMD4<Float>, _ r1: SIMD4<Float>, _ r2: SIMD4<Float>, _ r3: SIMD4<Float>,
    _ r4: SIMD4<Float>, _ r5: SIMD4<Float>, _ r6: SIMD4<Float>, _ r7: SIMD4<Float>
) -> (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>) {
    // Rows r and r + 4 share a vector, so that two-source shuffles within its 128-bit halves
    // (unpack, then shuffle: 8 of them) finish the transpose.
    let a0 = SIMD8(lowHalf: r0, highHalf: r4), a1 = SIMD8(lowHalf: r1, highHalf: r5)
    let a2 = SIMD8(lowHalf: r2, highHalf: r6), a3 = SIMD8(lowHalf: r3, highHalf: r7)
    let u0 = SIMD8(a0[0], a1[0], a0[1], a1[1], a0[4], a1[4], a0[5], a1[5])
    let u1 = SIMD8(a0[2], a1[2], a0[3], a1[3], a0[6], a1[6], a0[7], a1[7])
    let u2 = SIMD8(a2[0], a3[0], a2[1], a3[1], a2[4], a3[4], a2[5], a3[5])
    let u3 = SIMD8(a2[2], a3[2], a2[3], a3[3], a2[6], a3[6], a2[7], a3[7])
    return (
        SIMD8(u0[0], u0[1], u2[0], u2[1], u0[4], u0[5], u2[4], u2[5]),
        SIMD8(u0[2], u0[3], u2[2], u2[3], u0[6], u0[7], u2[6], u2[7]),
        SIMD8(u1[0], u1[1], u3[0], u3[1], u1[4], u1[5], u3[4], u3[5]),
        SIMD8(u1[2], u1[3], u3[2], u3[3], u1[6], u1[7], u3[6], u3[7])
    )
}

@inlinable @inline(__always)
func quad(_ p: UnsafePointer<Float>) -> SIMD4<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Float>.self)
}

/// Asks for the cache lines of a `tileRows × columns` tile of C (a hint: any address will do).
@inlinable @inline(__always)
func prefetchTile(_ c: UnsafeMutablePointer<Float>, ldc: Int, columns: Int) {
    for i in 0..<tileRows {
        prefetch(c + i * ldc)
        prefetch(c + i * ldc + columns - 1)
    }
}

@inlinable @inline(__always)
func addBias(_ bias: UnsafePointer<Float>, to row: UnsafeMutablePointer<Float>, count: Int) {
    for j in 0..<count { row[j] += bias[j] }
}

@inlinable @inline(__always)
func roundUp(_ x: Int, _ multiple: Int) -> Int { (x + multiple - 1) / multiple * multiple }
