package import _DropKernels

/// Names this build's specialisations (see `blockedGemm`).
enum AVX2Build: VectorBuild {}

/// The kernels built for AVX2 and FMA (`-target-cpu haswell`), with 6 × 16 matrix tiles. Use
/// them only on a CPU that has both.
package let avx2Kernels = KernelSet(
    gemm: { a, b, bias, c, rowStride, threads in
        blockedGemm(
            SIMD8<Float>.self, build: AVX2Build.self, a, b, bias: bias, into: c,
            rowStride: rowStride, threads: threads)
    },
    gelu: { x, y, count, threads in geluKernel(AVX2Build.self, x, y, count: count, threads: threads) },
    geluBackward: { x, g, out, count, threads in
        geluBackwardKernel(AVX2Build.self, x, g, out, count: count, threads: threads)
    },
    affine: { x, out, count, scale, offset in
        affineKernel(AVX2Build.self, x, out, count: count, scale: scale, offset: offset)
    },
    floor: { x, out, count in floorKernel(AVX2Build.self, x, out, count: count) },
    linspace: { out, steps, start, end, step in
        linspaceKernel(AVX2Build.self, out, steps: steps, start: start, end: end, step: step)
    },
    adamW: { p, g, m, v, count, step in adamWKernel(AVX2Build.self, p, g, m, v, count: count, step) },
    normalFill: { data, blocks, mean, std in
        normalFillKernel(AVX2Build.self, data, blocks: blocks, mean: mean, std: std)
    },
    libm: { function, x, y, count in
        libmKernel(AVX2Build.self, VectorLibm<AVX2Build>.self, function, x, y, count: count)
    },
    softmaxLines: { x, z, lines, n, inner, logarithm in
        softmaxLinesKernel(
            AVX2Build.self, VectorLibm<AVX2Build>.self, x, z, lines: lines, n: n, inner: inner, logarithm: logarithm)
    },
    targetLogSoftmax: { x, rows, n, targets, picks, scratch in
        targetLogSoftmaxKernel(
            AVX2Build.self, VectorLibm<AVX2Build>.self, x, rows: rows, n: n, targets: targets, picks: picks, scratch: scratch)
    },
    softmaxRows: { z, rows, cols in softmaxRowsKernel(AVX2Build.self, z, rows: rows, cols: cols) },
    layerNorm: { x, y, rows, cols, weight, bias, eps, threads in
        layerNormKernel(
            AVX2Build.self, x, y, rows: rows, cols: cols, weight: weight, bias: bias, eps: eps,
            threads: threads)
    },
    batchStatistics: { x, rows, features, range, mean, squares in
        batchStatisticsKernel(AVX2Build.self, x, rows: rows, features: features, range: range, mean: mean, squares: squares)
    },
    columnAffine: { x, y, rows, cols, alpha, beta in
        columnAffineKernel(AVX2Build.self, x, y, rows: rows, cols: cols, alpha: alpha, beta: beta)
    },
    valueBlocks: { x, count, blocks, out in
        valueBlocksKernel(AVX2Build.self, x, count: count, blocks: blocks, into: out)
    },
    squareBlocks: { x, count, mean, blocks, out in
        squareBlocksKernel(AVX2Build.self, x, count: count, mean: mean, blocks: blocks, into: out)
    },
    lineSums: { x, n, lines, out in lineSumsKernel(AVX2Build.self, x, n: n, lines: lines, into: out) },
    stridedLineSums: { x, n, inner, tiles, mean, z in
        stridedLineSumsKernel(AVX2Build.self, x, n: n, inner: inner, tiles: tiles, mean: mean, into: z)
    },
    extremeScans: { x, n, lines, largest, out in
        extremeScansKernel(AVX2Build.self, x, n: n, lines: lines, largest: largest, into: out)
    })
