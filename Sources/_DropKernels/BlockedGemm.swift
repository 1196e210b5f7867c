/// The depth of one packed slice of A and B: a `gemmDepthBlock × nr` panel of B stays in L1.
@usableFromInline let gemmDepthBlock = 256
/// At most this many rows of A are packed at once (`mc × kc` floats stay in L2).
@usableFromInline let gemmRowBlock = 96
/// Columns of B packed at once.
@usableFromInline let gemmColumnBlock = 2048
/// Multiply-adds below which a product runs on one thread: starting threads would cost more.
@usableFromInline let gemmParallelWork = 1 << 21

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
@inlinable
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
            for p in 0..<kcur {
                (out + p * panel).update(from: start + p * x.colStride, count: panel)
            }
            continue
        }
        if live == panel && x.colStride == 1 {
            // Each of the panel's rows read along the depth, contiguously (x is a row-major
            // matrix: Wᵀ's columns in a linear layer), written `panel` floats apart into the
            // panel.
            for r in 0..<panel {
                let row = start + r * x.rowStride
                for p in 0..<kcur { out[p * panel + r] = row[p] }
            }
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

@inlinable @inline(__always)
func addBias(_ bias: UnsafePointer<Float>, to row: UnsafeMutablePointer<Float>, count: Int) {
    for j in 0..<count { row[j] += bias[j] }
}

@inlinable @inline(__always)
func roundUp(_ x: Int, _ multiple: Int) -> Int { (x + multiple - 1) / multiple * multiple }
