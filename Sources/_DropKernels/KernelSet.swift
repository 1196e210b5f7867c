/// Drop's hot kernels as built for one family of CPUs. `Drop` picks one set at run time; every
/// set gives the same bits.
package struct KernelSet: Sendable {
    /// C = A · B (+ bias, one per column, if given) into a buffer whose rows are `rowStride`
    /// apart, on up to `threads` threads.
    package let gemm:
        @Sendable (
            _ a: MatrixView, _ b: MatrixView, _ bias: UnsafePointer<Float>?,
            _ c: UnsafeMutablePointer<Float>, _ rowStride: Int, _ threads: Int
        ) -> Void
    /// The exact GELU of `count` floats.
    package let gelu:
        @Sendable (
            _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ count: Int, _ threads: Int
        ) -> Void
    /// `out = g · GELU′(x)` for `count` floats (`out` may be `g`).
    package let geluBackward:
        @Sendable (
            _ x: UnsafePointer<Float>, _ g: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>,
            _ count: Int, _ threads: Int
        ) -> Void
    /// `out[i] = offset + x[i] · scale`, fused (`out` may be `x`).
    package let affine:
        @Sendable (
            _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, _ count: Int,
            _ scale: Float, _ offset: Float
        ) -> Void
    /// The floor of `count` floats (`out` may be `x`).
    package let floor:
        @Sendable (_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, _ count: Int) -> Void
    /// PyTorch's x86 `linspace` into `steps` floats, given `start`, `end` and `step`.
    package let linspace:
        @Sendable (_ out: UnsafeMutablePointer<Float>, _ steps: Int, _ start: Float, _ end: Float, _ step: Float)
            -> Void
    /// One AdamW update of parameters, gradients, first and second moments (`count` each).
    package let adamW:
        @Sendable (
            _ p: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>,
            _ m: UnsafeMutablePointer<Float>, _ v: UnsafeMutablePointer<Float>, _ count: Int,
            _ step: AdamWStep
        ) -> Void
    /// Normal samples from `blocks` blocks of 16 uniforms, in place (`randn`'s transform).
    package let normalFill:
        @Sendable (_ data: UnsafeMutablePointer<Float>, _ blocks: Int, _ mean: Float, _ std: Float)
            -> Void
    /// `y[i] = f(x[i])` for `count` floats, `f` being libm's `expf`, `logf` or `erff`, bit for
    /// bit: on this machine's glibc only where `Drop` has checked it (see `libmKernels`).
    package let libm:
        @Sendable (
            _ function: LibmFunction, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
            _ count: Int
        ) -> Void
    /// Softmax (or log-softmax) of lines of `n` values `inner` apart with libm's `expf` and
    /// `logf`, on the calling thread (see `softmaxLinesKernel`).
    package let softmaxLines:
        @Sendable (
            _ x: UnsafePointer<Float>, _ z: UnsafeMutablePointer<Float>, _ lines: Range<Int>,
            _ n: Int, _ inner: Int, _ logarithm: Bool
        ) -> Void
    /// Row r's log-softmax at column `targets[r]` into `picks[r]`, for the rows `rows` of
    /// `n` values, on the calling thread; `scratch` holds 8 · n floats (see
    /// `targetLogSoftmaxKernel`).
    package let targetLogSoftmax:
        @Sendable (
            _ x: UnsafePointer<Float>, _ rows: Range<Int>, _ n: Int, _ targets: UnsafePointer<Int>,
            _ picks: UnsafeMutablePointer<Float>, _ scratch: UnsafeMutablePointer<Float>
        ) -> Void
    /// Softmax of each row, in place, on the calling thread.
    package let softmaxRows:
        @Sendable (_ z: UnsafeMutablePointer<Float>, _ rows: Int, _ cols: Int) -> Void
    /// Layer norm of each row with a per-column scale and shift.
    package let layerNorm:
        @Sendable (
            _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ rows: Int, _ cols: Int,
            _ weight: UnsafePointer<Float>, _ bias: UnsafePointer<Float>, _ eps: Float,
            _ threads: Int
        ) -> Void
    /// Batch norm's per-feature mean and squared deviations over the rows, for the features
    /// `range` (`batchStatisticsKernel`).
    package let batchStatistics:
        @Sendable (
            _ x: UnsafePointer<Float>, _ rows: Int, _ features: Int, _ range: Range<Int>,
            _ mean: UnsafeMutablePointer<Double>, _ squares: UnsafeMutablePointer<Double>
        ) -> Void
    /// `y = x · alpha + beta` per column for the rows `rows` of `cols` floats (`columnAffineKernel`).
    package let columnAffine:
        @Sendable (
            _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ rows: Range<Int>, _ cols: Int,
            _ alpha: UnsafePointer<Float>, _ beta: UnsafePointer<Float>
        ) -> Void
    /// Blocks `blocks` of a whole-tensor sum of `count` floats (`valueBlocksKernel`).
    package let valueBlocks:
        @Sendable (
            _ x: UnsafePointer<Float>, _ count: Int, _ blocks: Range<Int>,
            _ out: UnsafeMutablePointer<BlockSum>
        ) -> Void
    /// Blocks `blocks` of the squared deviations from `mean` (`squareBlocksKernel`).
    package let squareBlocks:
        @Sendable (
            _ x: UnsafePointer<Float>, _ count: Int, _ mean: Double, _ blocks: Range<Int>,
            _ out: UnsafeMutablePointer<BlockSum>
        ) -> Void
    /// Lines `lines` of `n` adjacent floats, each's fast sum and magnitude (`lineSumsKernel`).
    package let lineSums:
        @Sendable (
            _ x: UnsafePointer<Float>, _ n: Int, _ lines: Range<Int>, _ out: UnsafeMutablePointer<LineSum>
        ) -> Void
    /// Tiles `tiles` of in-order sums (or means) of lines `inner` apart (`stridedLineSumsKernel`).
    package let stridedLineSums:
        @Sendable (
            _ x: UnsafePointer<Float>, _ n: Int, _ inner: Int, _ tiles: Range<Int>, _ mean: Bool,
            _ z: UnsafeMutablePointer<Float>
        ) -> Void
    /// The extremes of lines `lines` of `n` ≥ 1 adjacent floats (`extremeScansKernel`).
    package let extremeScans:
        @Sendable (
            _ x: UnsafePointer<Float>, _ n: Int, _ lines: Range<Int>, _ largest: Bool,
            _ out: UnsafeMutablePointer<ExtremeScan>
        ) -> Void

    /// Gathers one build's entry points. Each must be a plain function of the module built for
    /// the CPU, calling the generic kernels with concrete types: a generic initialiser making the
    /// closures here would leave them unspecialised (~100× slower).
    package init(
        gemm: @escaping @Sendable (
            MatrixView, MatrixView, UnsafePointer<Float>?, UnsafeMutablePointer<Float>, Int, Int
        ) -> Void,
        gelu: @escaping @Sendable (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int, Int) -> Void,
        geluBackward: @escaping @Sendable (
            UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int, Int
        ) -> Void,
        affine: @escaping @Sendable (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int, Float, Float) -> Void,
        floor: @escaping @Sendable (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void,
        linspace: @escaping @Sendable (UnsafeMutablePointer<Float>, Int, Float, Float, Float) -> Void,
        adamW: @escaping @Sendable (
            UnsafeMutablePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>,
            UnsafeMutablePointer<Float>, Int, AdamWStep
        ) -> Void,
        normalFill: @escaping @Sendable (UnsafeMutablePointer<Float>, Int, Float, Float) -> Void,
        libm: @escaping @Sendable (LibmFunction, UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void,
        softmaxLines: @escaping @Sendable (
            UnsafePointer<Float>, UnsafeMutablePointer<Float>, Range<Int>, Int, Int, Bool
        ) -> Void,
        targetLogSoftmax: @escaping @Sendable (
            UnsafePointer<Float>, Range<Int>, Int, UnsafePointer<Int>, UnsafeMutablePointer<Float>,
            UnsafeMutablePointer<Float>
        ) -> Void,
        softmaxRows: @escaping @Sendable (UnsafeMutablePointer<Float>, Int, Int) -> Void,
        layerNorm: @escaping @Sendable (
            UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int, Int, UnsafePointer<Float>,
            UnsafePointer<Float>, Float, Int
        ) -> Void,
        batchStatistics: @escaping @Sendable (
            UnsafePointer<Float>, Int, Int, Range<Int>, UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>
        ) -> Void,
        columnAffine: @escaping @Sendable (
            UnsafePointer<Float>, UnsafeMutablePointer<Float>, Range<Int>, Int, UnsafePointer<Float>,
            UnsafePointer<Float>
        ) -> Void,
        valueBlocks: @escaping @Sendable (
            UnsafePointer<Float>, Int, Range<Int>, UnsafeMutablePointer<BlockSum>
        ) -> Void,
        squareBlocks: @escaping @Sendable (
            UnsafePointer<Float>, Int, Double, Range<Int>, UnsafeMutablePointer<BlockSum>
        ) -> Void,
        lineSums: @escaping @Sendable (UnsafePointer<Float>, Int, Range<Int>, UnsafeMutablePointer<LineSum>) -> Void,
        stridedLineSums: @escaping @Sendable (
            UnsafePointer<Float>, Int, Int, Range<Int>, Bool, UnsafeMutablePointer<Float>
        ) -> Void,
        extremeScans: @escaping @Sendable (
            UnsafePointer<Float>, Int, Range<Int>, Bool, UnsafeMutablePointer<ExtremeScan>
        ) -> Void
    ) {
        self.gemm = gemm
        self.gelu = gelu
        self.geluBackward = geluBackward
        self.affine = affine
        self.floor = floor
        self.linspace = linspace
        self.adamW = adamW
        self.normalFill = normalFill
        self.libm = libm
        self.softmaxLines = softmaxLines
        self.targetLogSoftmax = targetLogSoftmax
        self.softmaxRows = softmaxRows
        self.layerNorm = layerNorm
        self.batchStatistics = batchStatistics
        self.columnAffine = columnAffine
        self.valueBlocks = valueBlocks
        self.squareBlocks = squareBlocks
        self.lineSums = lineSums
        self.stridedLineSums = stridedLineSums
        self.extremeScans = extremeScans
    }
}
