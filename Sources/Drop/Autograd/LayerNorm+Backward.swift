/// The tape entry of `LayerNorm`, with PyTorch's formulas: for each row,
/// `x̂ = (x − mean)·rstd`, `∂x = rstd · (g·w − mean(g·w) − x̂ · mean(g·w·x̂))`,
/// `∂w = Σ g·x̂` and `∂b = Σ g` over rows. Mean and rstd are recomputed in Double.
extension Tensor {
    /// `self` = `LayerNorm(x)` with `weight`, `bias` and `eps`, recorded.
    func recordingLayerNorm(_ x: Tensor, _ weight: Tensor, _ bias: Tensor, eps: Float) -> Tensor {
        guard [x, weight, bias].contains(where: { $0.node != nil }), GradMode.isEnabled else {
            return self
        }
        let savedX = SavedTensor(x), savedW = SavedTensor(weight)
        return recording("NativeLayerNormBackward0", [x, weight, bias]) { g in
            let (xs, w, gs) = (savedX.unpack().scalars, savedW.unpack().scalars, g.scalars)
            let d = w.count, rows = xs.count / d
            var gradX = [Float](repeating: 0, count: xs.count)
            var gradW = [Double](repeating: 0, count: d), gradB = [Double](repeating: 0, count: d)
            var xHat = [Double](repeating: 0, count: d)
            for r in 0..<rows {
                let base = r * d
                let mean = (0..<d).reduce(0.0) { $0 + Double(xs[base + $1]) } / Double(d)
                let variance = (0..<d).reduce(0.0) {
                    $0 + (Double(xs[base + $1]) - mean) * (Double(xs[base + $1]) - mean)
                } / Double(d)
                let rstd = 1 / (variance + Double(eps)).squareRoot()
                var meanGW = 0.0, meanGWX = 0.0
                for j in 0..<d {
                    xHat[j] = (Double(xs[base + j]) - mean) * rstd
                    let gw = Double(gs[base + j]) * Double(w[j])
                    meanGW += gw
                    meanGWX += gw * xHat[j]
                    gradW[j] += Double(gs[base + j]) * xHat[j]
                    gradB[j] += Double(gs[base + j])
                }
                meanGW /= Double(d)
                meanGWX /= Double(d)
                for j in 0..<d {
                    let gw = Double(gs[base + j]) * Double(w[j])
                    gradX[base + j] = Float(rstd * (gw - meanGW - xHat[j] * meanGWX))
                }
            }
            return [
                Tensor(uncheckedScalars: gradX, shape: g.shape),
                Tensor(uncheckedScalars: gradW.map(Float.init), shape: [d]),
                Tensor(uncheckedScalars: gradB.map(Float.init), shape: [d]),
            ]
        }
    }
}
