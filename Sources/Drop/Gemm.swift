/// A read-only matrix inside a float buffer: element (i, j) is at
/// `base[i·rowStride + j·colStride]`.
///
/// Strides let a caller multiply by a transposed matrix (`colStride` > 1) or by one head of a
/// packed projection without copying it first.
struct MatrixView {
    let base: UnsafePointer<Float>
    let rows: Int
    let cols: Int
    let rowStride: Int
    let colStride: Int

    /// A view of a row-major matrix, or of a strided one.
    init(
        _ base: UnsafePointer<Float>, rows: Int, cols: Int, rowStride: Int? = nil,
        colStride: Int = 1
    ) {
        self.base = base
        self.rows = rows
        self.cols = cols
        self.rowStride = rowStride ?? cols
        self.colStride = colStride
    }

    /// The transposed matrix, sharing the same memory.
    var transposed: MatrixView {
        MatrixView(base, rows: cols, cols: rows, rowStride: colStride, colStride: rowStride)
    }
}

// MARK: - The blocked kernel

/// Rows of C computed together by the micro-kernel (rows of A per packed panel).
private let mr = 6
/// Columns of C computed together: one SIMD register group (columns of B per packed panel).
private let nr = Lanes.scalarCount
private typealias Lanes = SIMD8<Float>
/// The depth of one packed slice of A and B: a `kc × nr` panel of B stays in L1.
private let kc = 256
/// Rows of A packed at once: `mc × kc` floats stay in L2.
private let mc = 96
/// Columns of B packed at once.
private let nc = 2048

/// Writes C = A · B into `c`, whose rows are `rowStride` floats apart.
///
/// A and B are copied ("packed") into contiguous panels so that the micro-kernel reads both
/// sequentially. Each C element is accumulated in a single float in the order k = 0, 1, 2, …
/// with a separate multiply and add (no fused multiply-add), whatever the blocking or SIMD
/// width: the result depends only on the inputs, never on the machine.
func gemm(
    _ a: MatrixView, _ b: MatrixView, into c: UnsafeMutablePointer<Float>, rowStride ldc: Int
) {
    check(a.cols == b.rows, "gemm: inner dimensions \(a.cols) and \(b.rows) differ")
    let (m, n, k) = (a.rows, b.cols, a.cols)
    if m == 0 || n == 0 { return }
    if k == 0 {
        for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) }
        return
    }
    let packedA = UnsafeMutableRawPointer.allocate(
        byteCount: roundUp(mc, mr) * kc * 4, alignment: 64
    ).bindMemory(to: Float.self, capacity: roundUp(mc, mr) * kc)
    let packedB = UnsafeMutableRawPointer.allocate(
        byteCount: roundUp(Swift.min(nc, n), nr) * kc * 4, alignment: 64
    ).bindMemory(to: Float.self, capacity: roundUp(Swift.min(nc, n), nr) * kc)
    defer {
        packedA.deallocate()
        packedB.deallocate()
    }

    for jc in stride(from: 0, to: n, by: nc) {
        let ncur = Swift.min(nc, n - jc)
        for pc in stride(from: 0, to: k, by: kc) {
            let kcur = Swift.min(kc, k - pc)
            pack(b.transposed, rows: jc, count: ncur, depth: pc, kcur, panel: nr, into: packedB)
            for ic in stride(from: 0, to: m, by: mc) {
                let mcur = Swift.min(mc, m - ic)
                pack(a, rows: ic, count: mcur, depth: pc, kcur, panel: mr, into: packedA)
                for jr in stride(from: 0, to: ncur, by: nr) {
                    for ir in stride(from: 0, to: mcur, by: mr) {
                        microKernel(
                            depth: kcur, a: packedA + ir * kcur, b: packedB + jr * kcur,
                            c: c + (ic + ir) * ldc + jc + jr, ldc: ldc,
                            rows: Swift.min(mr, mcur - ir), cols: Swift.min(nr, ncur - jr),
                            accumulate: pc > 0)
                    }
                }
            }
        }
    }
}

@inline(__always)
private func roundUp(_ x: Int, _ multiple: Int) -> Int { (x + multiple - 1) / multiple * multiple }

/// Copies rows `first..<first+count`, columns `depth..<depth+kcur` of `x` into panels of `panel`
/// rows, each stored column by column (`kcur × panel`), zero-padding the last panel.
private func pack(
    _ x: MatrixView, rows first: Int, count: Int, depth: Int, _ kcur: Int, panel: Int,
    into dst: UnsafeMutablePointer<Float>
) {
    for p0 in stride(from: 0, to: count, by: panel) {
        let out = dst + p0 * kcur
        let live = Swift.min(panel, count - p0)
        for r in 0..<panel {
            guard r < live else {
                for p in 0..<kcur { out[p * panel + r] = 0 }
                continue
            }
            let src = x.base + (first + p0 + r) * x.rowStride + depth * x.colStride
            for p in 0..<kcur { out[p * panel + r] = src[p * x.colStride] }
        }
    }
}

/// C[0..<rows, 0..<cols] (+)= A-panel · B-panel over `depth`, one `mr × nr` tile in registers.
private func microKernel(
    depth: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
    c: UnsafeMutablePointer<Float>, ldc: Int, rows: Int, cols: Int, accumulate: Bool
) {
    if rows < mr || cols < nr {
        // A ragged edge tile: compute a full tile in scratch memory, copy the live part.
        withUnsafeTemporaryAllocation(of: Float.self, capacity: mr * nr) { tile in
            let t = tile.baseAddress!
            if accumulate {
                for i in 0..<rows { for j in 0..<cols { t[i * nr + j] = c[i * ldc + j] } }
            }
            microKernel(
                depth: depth, a: a, b: b, c: t, ldc: nr, rows: mr, cols: nr, accumulate: accumulate)
            for i in 0..<rows { for j in 0..<cols { c[i * ldc + j] = t[i * nr + j] } }
        }
        return
    }
    var c0 = Lanes(), c1 = Lanes(), c2 = Lanes(), c3 = Lanes(), c4 = Lanes(), c5 = Lanes()
    if accumulate {
        // Continue each element's running sum from the previous depth slice: same order as one pass.
        c0 = load(c); c1 = load(c + ldc); c2 = load(c + 2 * ldc)
        c3 = load(c + 3 * ldc); c4 = load(c + 4 * ldc); c5 = load(c + 5 * ldc)
    }
    var pa = a, pb = b
    for _ in 0..<depth {
        let bv = UnsafeRawPointer(pb).load(as: Lanes.self)
        c0 = c0 + Lanes(repeating: pa[0]) * bv
        c1 = c1 + Lanes(repeating: pa[1]) * bv
        c2 = c2 + Lanes(repeating: pa[2]) * bv
        c3 = c3 + Lanes(repeating: pa[3]) * bv
        c4 = c4 + Lanes(repeating: pa[4]) * bv
        c5 = c5 + Lanes(repeating: pa[5]) * bv
        pa += mr
        pb += nr
    }
    store(c0, c); store(c1, c + ldc); store(c2, c + 2 * ldc)
    store(c3, c + 3 * ldc); store(c4, c + 4 * ldc); store(c5, c + 5 * ldc)
}

@inline(__always)
private func load(_ p: UnsafePointer<Float>) -> Lanes {
    UnsafeRawPointer(p).loadUnaligned(as: Lanes.self)
}

@inline(__always)
private func store(_ v: Lanes, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: Lanes.self)
}
