/// Names this build's specialisations (see `blockedGemm`).
enum PortableBuild: VectorBuild {}

/// The kernels at this module's build settings, with 6 × 16 matrix tiles. They run on any CPU.
package let portableKernels = KernelSet(
    gemm: { a, b, bias, c, rowStride, threads in
        blockedGemm(
            SIMD8<Float>.self, build: PortableBuild.self, a, b, bias: bias, into: c,
            rowStride: rowStride, threads: threads)
    },
    gelu: { x, y, count, threads in geluKernel(PortableBuild.self, x, y, count: count, threads: threads) },
    geluBackward: { x, g, out, count, threads in
        geluBackwardKernel(PortableBuild.self, x, g, out, count: count, threads: threads)
    },
    affine: { x, out, count, scale, offset in
        affineKernel(PortableBuild.self, x, out, count: count, scale: scale, offset: offset)
    },
    floor: { x, out, count in floorKernel(PortableBuild.self, x, out, count: count) },
    linspace: { out, steps, start, end, step in
        linspaceKernel(PortableBuild.self, out, steps: steps, start: start, end: end, step: step)
    },
    adamW: { p, g, m, v, count, step in adamWKernel(PortableBuild.self, p, g, m, v, count: count, step) },
    normalFill: { data, blocks, mean, std in
        normalFillKernel(PortableBuild.self, data, blocks: blocks, mean: mean, std: std)
    },
    libm: { function, x, y, count in
        libmKernel(PortableBuild.self, ScalarLibm.self, function, x, y, count: count)
    },
    softmaxLines: { x, z, lines, n, inner, logarithm in
        softmaxLinesKernel(
            PortableBuild.self, ScalarLibm.self, x, z, lines: lines, n: n, inner: inner, logarithm: logarithm)
    },
    targetLogSoftmax: { x, rows, n, targets, picks, scratch in
        targetLogSoftmaxKernel(
            PortableBuild.self, ScalarLibm.self, x, rows: rows, n: n, targets: targets, picks: picks, scratch: scratch)
    },
    softmaxRows: { z, rows, cols in softmaxRowsKernel(PortableBuild.self, z, rows: rows, cols: cols) },
    layerNorm: { x, y, rows, cols, weight, bias, eps, threads in
        layerNormKernel(
            PortableBuild.self, x, y, rows: rows, cols: cols, weight: weight, bias: bias, eps: eps,
            threads: threads)
    },
    batchStatistics: { x, rows, features, range, mean, squares in
        batchStatisticsKernel(PortableBuild.self, x, rows: rows, features: features, range: range, mean: mean, squares: squares)
    },
    columnAffine: { x, y, rows, cols, alpha, beta in
        columnAffineKernel(PortableBuild.self, x, y, rows: rows, cols: cols, alpha: alpha, beta: beta)
    },
    valueBlocks: { x, count, blocks, out in
        valueBlocksKernel(PortableBuild.self, x, count: count, blocks: blocks, into: out)
    },
    squareBlocks: { x, count, mean, blocks, out in
        squareBlocksKernel(PortableBuild.self, x, count: count, mean: mean, blocks: blocks, into: out)
    },
    lineSums: { x, n, lines, out in lineSumsKernel(PortableBuild.self, x, n: n, lines: lines, into: out) },
    stridedLineSums: { x, n, inner, tiles, mean, z in
        stridedLineSumsKernel(PortableBuild.self, x, n: n, inner: inner, tiles: tiles, mean: mean, into: z)
    },
    extremeScans: { x, n, lines, largest, out in
        extremeScansKernel(PortableBuild.self, x, n: n, lines: lines, largest: largest, into: out)
    })
