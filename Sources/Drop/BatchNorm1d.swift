internal import _DropKernels

/// Batch normalisation over the batch of `(N, C)` inputs, like `nn.BatchNorm1d(C)`.
///
/// In training mode each feature is normalised with its mean and biased variance over the batch,
/// and the running statistics move towards them by `momentum`: `running = (1 − m)·running + m·batch`,
/// with the *unbiased* variance (÷ (N − 1)) for `runningVar`, as PyTorch does. After `eval()` the
/// running statistics normalise instead. Statistics are summed in Double (PyTorch's accumulate type
/// on CPU) and rounded to float. `weight` and `bias` start as ones and zeros; nothing is drawn.
public final class BatchNorm1d: Module, CustomStringConvertible {
    /// True while training: batch statistics, and the running ones updated.
    public var training = true
    /// The per-feature scale, `(C)`, ones on creation.
    public var weight: Tensor
    /// The per-feature shift, `(C)`, zeros on creation.
    public var bias: Tensor
    /// The running mean, `(C)`, zeros on creation (PyTorch's buffer `running_mean`).
    public var runningMean: Tensor
    /// The running unbiased variance, `(C)`, ones on creation (buffer `running_var`).
    public var runningVar: Tensor
    /// How many training batches have updated the running statistics (`num_batches_tracked`).
    public var numBatchesTracked = 0
    /// Added to the variance before the square root.
    public let eps: Double
    /// How far each training batch moves the running statistics.
    public let momentum: Double

    /// Creates a batch norm over `numFeatures` features, like `nn.BatchNorm1d(numFeatures)`.
    public init(_ numFeatures: Int, eps: Double = 1e-5, momentum: Double = 0.1) {
        check(numFeatures > 0, "BatchNorm1d needs a positive number of features, got \(numFeatures)")
        weight = parameter(ones(numFeatures))
        bias = parameter(zeros(numFeatures))
        runningMean = zeros(numFeatures)
        runningVar = ones(numFeatures)
        self.eps = eps
        self.momentum = momentum
    }

    /// `weight`, then `bias`.
    public var directParameters: [(String, Tensor)] { [("weight", weight), ("bias", bias)] }

    /// The buffers with PyTorch's names, as `named_buffers()` lists them.
    public var namedBuffers: [(String, Tensor)] {
        [("running_mean", runningMean), ("running_var", runningVar),
         ("num_batches_tracked", Tensor(Float(numBatchesTracked)))]
    }

    /// Normalises `x`, `(N, C)` → `(N, C)`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        let c = weight.numel
        check(
            x.ndim == 2 && x.shape[1] == c,
            "BatchNorm1d(\(c)): expected input of shape (N, \(c)), got \(x.shape)")
        let n = x.shape[0]
        let mean: [Double], invStd: [Double]
        if training {
            check(n > 1, "Expected more than 1 value per channel when training, got input size \(x.shape)")
            let stats = x.withElements { Self.batchStatistics($0.baseAddress!, rows: n, features: c) }
            mean = stats.mean
            invStd = stats.sumOfSquares.map { 1 / ($0 / Double(n) + eps).squareRoot() }
            let (m, keep) = (momentum, 1 - momentum)
            let (oldMean, oldVar) = (runningMean.scalars, runningVar.scalars)
            runningMean = Tensor((0..<c).map { j in Float(m * stats.mean[j] + keep * Double(oldMean[j])) })
            runningVar = Tensor(
                (0..<c).map { j in Float(m * (stats.sumOfSquares[j] / Double(n - 1)) + keep * Double(oldVar[j])) })
            numBatchesTracked += 1
        } else {
            mean = runningMean.scalars.map(Double.init)
            invStd = runningVar.scalars.map { 1 / (Double($0) + eps).squareRoot() }
        }
        // y = x·α + β with α = invstd·w and β = b − mean·α per feature, as PyTorch's CPU kernel.
        let (w, b) = (weight.scalars, bias.scalars)
        let alpha = (0..<c).map { j in Float(invStd[j]) * w[j] }
        let beta = (0..<c).map { j in b[j] - Float(mean[j]) * alpha[j] }
        let ys = x.withElements { xs in
            alpha.withUnsafeBufferPointer { alpha in
                beta.withUnsafeBufferPointer { beta in
                    freshScalars(count: n * c) { y in
                        let (x, alpha, beta) = (xs.baseAddress!, alpha.baseAddress!, beta.baseAddress!)
                        forEachRange(n, itemSize: c) { rows in kernels.columnAffine(x, y, rows, c, alpha, beta) }
                    }
                }
            }
        }
        return Tensor(uncheckedScalars: ys, shape: x.shape)
            .recordingBatchNorm(x, weight, bias, mean: mean, invStd: invStd, batchStatistics: training)
    }

    /// Per-feature mean and sum of squared deviations of `(rows, features)` values, in Double:
    /// each feature's sums run over the rows in order, so splitting the features between
    /// threads changes no bit.
    static func batchStatistics(
        _ x: UnsafePointer<Float>, rows: Int, features: Int
    ) -> (mean: [Double], sumOfSquares: [Double]) {
        var mean = [Double](repeating: 0, count: features), squares = mean
        mean.withUnsafeMutableBufferPointer { mean in
            squares.withUnsafeMutableBufferPointer { squares in
                let (m, s) = (mean.baseAddress!, squares.baseAddress!)
                forEachFeatureTile(rows: rows, features: features) { range in
                    kernels.batchStatistics(x, rows, features, range, m, s)
                }
            }
        }
        return (mean, squares)
    }

    /// `BatchNorm1d(64, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)`, as
    /// PyTorch prints the module.
    public var description: String {
        "BatchNorm1d(\(weight.numel), eps=\(eps), momentum=\(momentum), affine=True, bias=True, track_running_stats=True)"
    }
}

/// Runs `body` on ranges of adjacent features of a `(rows, features)` batch, one per thread:
/// each body sums its features over the rows in order, so the split changes no bit. The rows
/// are strided, so the wider the range, the longer each contiguous read (the hardware
/// prefetcher stops at pages).
func forEachFeatureTile(rows: Int, features: Int, _ body: (Range<Int>) -> Void) {
    let threads = rows * features < parallelElements ? 1 : getNumThreads()
    let tiles = Swift.max(1, Swift.min(threads, features / 16))
    parallelFor(tiles, threads: tiles) { tile in body(tile * features / tiles..<(tile + 1) * features / tiles) }
}
