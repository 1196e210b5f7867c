/// The tape entry of `BatchNorm1d`, with PyTorch's formulas (`batch_norm_backward_cpu`): per
/// feature, `x̂ = (x − mean)·invstd`, `∂w = Σ g·x̂`, `∂b = Σ g` over the batch, and
/// `∂x = w·invstd·(g − mean(g) − x̂·mean(g·x̂))` with batch statistics (training), or
/// `∂x = w·invstd·g` with the running ones (evaluation, where mean and invstd are constants).
extension Tensor {
    /// `self` = `BatchNorm1d(x)` normalised with `mean` and `invStd`, recorded.
    func recordingBatchNorm(
        _ x: Tensor, _ weight: Tensor, _ bias: Tensor, mean: [Double], invStd: [Double], batchStatistics: Bool
    ) -> Tensor {
        guard [x, weight, bias].contains(where: { $0.node != nil }), GradMode.isEnabled else {
            return self
        }
        let savedX = SavedTensor(x), savedW = SavedTensor(weight)
        return recording("NativeBatchNormBackward0", [x, weight, bias]) { g in
            let (xs, w, gs) = (savedX.unpack().scalars, savedW.unpack().scalars, g.scalars)
            let c = w.count, n = xs.count / c
            var sumG = [Double](repeating: 0, count: c), sumGX = sumG
            for i in 0..<n {
                for j in 0..<c {
                    let xHat = (Double(xs[i * c + j]) - mean[j]) * invStd[j]
                    sumG[j] += Double(gs[i * c + j])
                    sumGX[j] += Double(gs[i * c + j]) * xHat
                }
            }
            var gradX = [Float](repeating: 0, count: xs.count)
            for i in 0..<n {
                for j in 0..<c {
                    let scale = Double(w[j]) * invStd[j]
                    var gx = Double(gs[i * c + j])
                    if batchStatistics {
                        let xHat = (Double(xs[i * c + j]) - mean[j]) * invStd[j]
                        gx -= sumG[j] / Double(n) + xHat * sumGX[j] / Double(n)
                    }
                    gradX[i * c + j] = Float(scale * gx)
                }
            }
            return [
                Tensor(uncheckedScalars: gradX, shape: g.shape),
                Tensor(uncheckedScalars: sumGX.map(Float.init), shape: [c]),
                Tensor(uncheckedScalars: sumG.map(Float.init), shape: [c]),
            ]
        }
    }
}
