package import _DropKernels

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
