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
            var gradW = [Double](repeating: 0, count: d), gradB = [Double](repeating: 0, count: d)
            let gradX = freshScalars(count: xs.count) { gradX in
                xs.withUnsafeBufferPointer { xs in
                    w.withUnsafeBufferPointer { w in
                        gs.withUnsafeBufferPointer { gs in
                            gradW.withUnsafeMutableBufferPointer { gradW in
                                gradB.withUnsafeMutableBufferPointer { gradB in
                                    layerNormBackward(
                                        xs.baseAddress!, w.baseAddress!, gs.baseAddress!, gradX,
                                        gradW.baseAddress!, gradB.baseAddress!, rows: rows, d: d,
                                        eps: Double(eps))
                                }
                            }
                        }
                    }
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

/// LayerNorm's backward over `rows` rows of `d` values, four rows side by side (one Double lane
/// each, for the latency of the running sums). Each lane does exactly the scalar operations of
/// one row in the order j = 0, 1, 2, …, and `gradW`/`gradB` take the rows' terms in row order,
/// so the bits are those of a row-by-row loop.
private func layerNormBackward(
    _ xs: UnsafePointer<Float>, _ w: UnsafePointer<Float>, _ gs: UnsafePointer<Float>,
    _ gradX: UnsafeMutablePointer<Float>, _ gradW: UnsafeMutablePointer<Double>,
    _ gradB: UnsafeMutablePointer<Double>, rows: Int, d: Int, eps: Double
) {
    typealias Lanes = SIMD4<Double>
    let xHat = UnsafeMutablePointer<Lanes>.allocate(capacity: d)
    defer { xHat.deallocate() }
    for first in stride(from: 0, to: rows, by: Lanes.scalarCount) {
        let live = Swift.min(Lanes.scalarCount, rows - first)
        // Lanes past the last row repeat it; their results are dropped.
        var starts = SIMD4<Int>()
        for l in 0..<Lanes.scalarCount { starts[l] = (first + Swift.min(l, live - 1)) * d }
        @inline(__always) func column(_ p: UnsafePointer<Float>, _ j: Int) -> Lanes {
            Lanes(Double(p[starts[0] + j]), Double(p[starts[1] + j]), Double(p[starts[2] + j]), Double(p[starts[3] + j]))
        }
        let count = Lanes(repeating: Double(d))
        var total = Lanes()
        for j in 0..<d { total += column(xs, j) }
        let mean = total / count
        var squares = Lanes()
        for j in 0..<d {
            let centred = column(xs, j) - mean
            squares += centred * centred
        }
        let rstd = 1 / (squares / count + eps).squareRoot()
        var meanGW = Lanes(), meanGWX = Lanes()
        for j in 0..<d {
            let xh = (column(xs, j) - mean) * rstd
            xHat[j] = xh
            let gv = column(gs, j)
            let gw = gv * Double(w[j])
            meanGW += gw
            meanGWX += gw * xh
            for l in 0..<live {
                gradW[j] += gv[l] * xh[l]
                gradB[j] += gv[l]
            }
        }
        meanGW /= count
        meanGWX /= count
        for j in 0..<d {
            let gw = column(gs, j) * Double(w[j])
            let r = rstd * (gw - meanGW - xHat[j] * meanGWX)
            for l in 0..<live { gradX[starts[l] + j] = Float(r[l]) }
        }
    }
}
