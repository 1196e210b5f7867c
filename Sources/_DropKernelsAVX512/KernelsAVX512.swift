package import _DropKernels

#if arch(x86_64)
    import _Builtin_intrinsics.intel
#endif

/// Names this build's specialisations (see `blockedGemm`).
enum AVX512Build {}

/// The kernels built for Skylake-SP's AVX-512 (`-target-cpu skylake-avx512`), with 6 × 32 matrix
/// tiles (6 × 16 for products at most 16 columns wide). Use them only on a CPU with AVX-512 F, CD, BW, DQ and VL.
package let avx512Kernels = KernelSet(
    gemm: { a, b, bias, c, rowStride, threads in
        // Products at most 16 wide (attention's per-head ones) fill 6 × 16 tiles, not half of
        // 6 × 32 ones; the order of every sum is the same either way.
        if b.cols <= 16 {
            blockedGemm(
                SIMD8<Float>.self, build: AVX512Build.self, a, b, bias: bias, into: c,
                rowStride: rowStride, threads: threads)
        } else {
            blockedGemm(
                SIMD16<Float>.self, build: AVX512Build.self, a, b, bias: bias, into: c,
                rowStride: rowStride, threads: threads)
        }
    },
    gelu: { x, y, count, threads in geluKernel(AVX512Build.self, x, y, count: count, threads: threads) },
    geluBackward: { x, g, out, count, threads in
        geluBackwardKernel(AVX512Build.self, x, g, out, count: count, threads: threads)
    },
    affine: { x, out, count, scale, offset in
        affineKernel(AVX512Build.self, x, out, count: count, scale: scale, offset: offset)
    },
    floor: { x, out, count in floorKernel(AVX512Build.self, x, out, count: count) },
    linspace: { out, steps, start, end, step in
        linspaceKernel(AVX512Build.self, out, steps: steps, start: start, end: end, step: step)
    },
    adamW: { p, g, m, v, count, step in adamWKernel(AVX512Build.self, p, g, m, v, count: count, step) },
    normalFill: { data, blocks, mean, std in
        normalFillKernel(AVX512Build.self, data, blocks: blocks, mean: mean, std: std)
    },
    libm: { function, x, y, count in
        libmKernel(AVX512Build.self, VectorLibm<AVX512Build>.self, function, x, y, count: count)
    },
    softmaxLines: { x, z, lines, n, inner, logarithm in
        softmaxLinesKernel(
            AVX512Build.self, VectorLibm<AVX512Build>.self, x, z, lines: lines, n: n, inner: inner, logarithm: logarithm)
    },
    targetLogSoftmax: { x, rows, n, targets, picks, scratch in
        targetLogSoftmaxKernel(
            AVX512Build.self, VectorLibm<AVX512Build>.self, x, rows: rows, n: n, targets: targets, picks: picks, scratch: scratch)
    },
    softmaxRows: { z, rows, cols in softmaxRowsKernel(AVX512Build.self, z, rows: rows, cols: cols) },
    layerNorm: { x, y, rows, cols, weight, bias, eps, threads in
        layerNormKernel(
            AVX512Build.self, x, y, rows: rows, cols: cols, weight: weight, bias: bias, eps: eps,
            threads: threads)
    },
    batchStatistics: { x, rows, features, range, mean, squares in
        batchStatisticsKernel(AVX512Build.self, x, rows: rows, features: features, range: range, mean: mean, squares: squares)
    },
    columnAffine: { x, y, rows, cols, alpha, beta in
        columnAffineKernel(AVX512Build.self, x, y, rows: rows, cols: cols, alpha: alpha, beta: beta)
    },
    valueBlocks: { x, count, blocks, out in
        valueBlocksKernel(AVX512Build.self, x, count: count, blocks: blocks, into: out)
    },
    squareBlocks: { x, count, mean, blocks, out in
        squareBlocksKernel(AVX512Build.self, x, count: count, mean: mean, blocks: blocks, into: out)
    },
    lineSums: { x, n, lines, out in lineSumsKernel(AVX512Build.self, x, n: n, lines: lines, into: out) },
    stridedLineSums: { x, n, inner, tiles, mean, z in
        stridedLineSumsKernel(AVX512Build.self, x, n: n, inner: inner, tiles: tiles, mean: mean, into: z)
    },
    extremeScans: { x, n, lines, largest, out in
        extremeScansKernel(AVX512Build.self, x, n: n, lines: lines, largest: largest, into: out)
    })

// Two uses of AVX-512's two-table permutes (`vpermt2q`/`vpermt2ps`: each lane picks any of
// two vectors' lanes by an index), which Swift reaches only through Clang's intrinsics
// (imported from its own headers; LLVM turns lane-wise table indexing into scalar loads):
// - `libmExpTable` looked up in registers: its 32 entries are four 512-bit vectors; two
//   permutes (each picking from 16 entries by an index's low four bits) and a blend on bit 4
//   give eight lanes' entries without taking the indices out of their vector.
// - An 8 × 8 transpose in 8 permutes and 4 inserts (`rowExpSumsSideBySide` sums eight rows
//   side by side for `targetLogSoftmaxKernel`).
// The conformance must sit in this file, beside the specialisations that use it: from another
// file (SwiftPM's debug build compiles file by file) the kernels called it through its witness
// thunk, which is built without this file's target CPU and so cannot inline the intrinsics
// (`exp` of 9.7M floats 3.6 → 8 ms).
#if arch(x86_64)
    extension AVX512Build: VectorBuild {
        @inlinable @inline(__always)
        package static var permutesExpTable: Bool { true }

        @inlinable @inline(__always)
        package static func expTableEntries(_ indices: SIMD8<UInt64>, _ table: UnsafePointer<UInt64>) -> SIMD8<UInt64> {
            let t = UnsafeRawPointer(table)
            let q0 = t.loadUnaligned(fromByteOffset: 0, as: SIMD8<Int64>.self)
            let q1 = t.loadUnaligned(fromByteOffset: 64, as: SIMD8<Int64>.self)
            let q2 = t.loadUnaligned(fromByteOffset: 128, as: SIMD8<Int64>.self)
            let q3 = t.loadUnaligned(fromByteOffset: 192, as: SIMD8<Int64>.self)
            let i = SIMD8<Int64>(truncatingIfNeeded: indices)
            let low = _mm512_permutex2var_epi64(q0, i, q1)  // entries 0…15
            let high = _mm512_permutex2var_epi64(q2, i, q3)  // entries 16…31
            let upper = _mm512_test_epi64_mask(i, SIMD8(repeating: 16))
            return SIMD8<UInt64>(truncatingIfNeeded: _mm512_mask_blend_epi64(upper, low, high))
        }

        @inlinable @inline(__always)
        package static func transposed(_ r: Float8x8) -> Float8x8 {
            typealias F16 = SIMD16<Float>
            @inline(__always) func pick(_ a: F16, _ b: F16, _ index: SIMD16<Int32>) -> F16 {
                _mm512_permutex2var_ps(a, unsafeBitCast(index, to: SIMD8<Int64>.self), b)
            }
            // Of two row pairs' 32 values (row r's column c at r · 8 + c), lane i of `low` takes row
            // i % 4's column i / 4, and of `high`, its column 4 + i / 4. Of two such vectors (rows
            // 0…3 and 4…7), `pair` takes columns 0 and 1 of all eight rows, and `pair + 8` 2 and 3.
            let low = SIMD16<Int32>(0, 8, 16, 24, 1, 9, 17, 25, 2, 10, 18, 26, 3, 11, 19, 27)
            let high = low &+ 4
            let pair = SIMD16<Int32>(0, 1, 2, 3, 16, 17, 18, 19, 4, 5, 6, 7, 20, 21, 22, 23)
            let (a, b) = (F16(lowHalf: r.0, highHalf: r.1), F16(lowHalf: r.2, highHalf: r.3))
            let (c, d) = (F16(lowHalf: r.4, highHalf: r.5), F16(lowHalf: r.6, highHalf: r.7))
            let (p, q) = (pick(a, b, low), pick(a, b, high))  // rows 0…3: columns 0…3, 4…7
            let (s, t) = (pick(c, d, low), pick(c, d, high))  // rows 4…7
            let c01 = pick(p, s, pair), c23 = pick(p, s, pair &+ 8)
            let c45 = pick(q, t, pair), c67 = pick(q, t, pair &+ 8)
            return (c01.lowHalf, c01.highHalf, c23.lowHalf, c23.highHalf, c45.lowHalf, c45.highHalf, c67.lowHalf, c67.highHalf)
        }
    }
#else
    // Elsewhere the module is built without these instructions (and never selected).
    extension AVX512Build: VectorBuild {}
#endif
