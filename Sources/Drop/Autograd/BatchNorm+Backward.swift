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
            let (x, w) = (savedX.unpack(), savedW.unpack().scalars)
            let c = w.count, n = x.numel / c
            let sums = UnsafeMutableBufferPointer<Double>.allocate(capacity: 2 * c)
            defer { sums.deallocate() }
            sums.initialize(repeating: 0)
            let (sumG, sumGX) = (sums.baseAddress!, sums.baseAddress! + c)
            let gradX = x.withElements { xs in
                g.withElements { gs in
                    let (x, g) = (xs.baseAddress!, gs.baseAddress!)
                    // Per feature, over the rows in order (the features split between threads).
                    forEachFeatureTile(rows: n, features: c) { range in
                        for i in 0..<n {
                            for j in range {
                                let xHat = (Double(x[i * c + j]) - mean[j]) * invStd[j]
                                sumG[j] += Double(g[i * c + j])
                                sumGX[j] += Double(g[i * c + j]) * xHat
                            }
                        }
                    }
                    return freshScalars(count: n * c) { out in
                        forEachRange(n, itemSize: c) { rows in
                            for i in rows {
                                for j in 0..<c {
                                    let scale = Double(w[j]) * invStd[j]
                                    var gx = Double(g[i * c + j])
                                    if batchStatistics {
                                        let xHat = (Double(x[i * c + j]) - mean[j]) * invStd[j]
                                        gx -= sumG[j] / Double(n) + xHat * sumGX[j] / Double(n)
                                    }
                                    out[i * c + j] = Float(scale * gx)
                                }
                            }
                        }
                    }
                }
            }
            return [
                Tensor(uncheckedScalars: gradX, shape: g.shape),
                Tensor(uncheckedScalars: (0..<c).map { Float(sumGX[$0]) }, shape: [c]),
                Tensor(uncheckedScalars: (0..<c).map { Float(sumG[$0]) }, shape: [c]),
            ]
        }
    }
}
