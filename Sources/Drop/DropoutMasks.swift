// What the dropout family shares: PyTorch's probability checks, Bernoulli keep-masks, and
// applying a mask that is constant over trailing dimensions, one factor per leading "row"
// (a sample, or a sample's channel), broadcast over the rest.

extension Tensor {
    /// `self · mask` with `mask` broadcast from shape `(rows, 1, …, 1)`, in one pass over a
    /// freshly allocated output.
    func multiplyingRows(by mask: [Float]) -> Tensor {
        let rows = mask.count
        let inner = rows == 0 ? 0 : numel / rows  // elements sharing one mask value
        let out = withElements { x in
            mask.withUnsafeBufferPointer { m in
                freshScalars(count: numel) { y in
                    for r in 0..<rows {
                        let factor = m[r]
                        let base = r * inner
                        for k in base..<(base + inner) { y[k] = x[k] * factor }
                    }
                }
            }
        }
        return Tensor(uncheckedScalars: out, shape: shape)
    }

    /// `self · 0`: zeros that keep the sign of negative inputs (`-0.`) and stay NaN for NaN,
    /// as PyTorch's `input * zeros({})` does when everything is dropped.
    func timesZero() -> Tensor {
        let out = withElements { x in
            makeScalars(count: x.count) { i in x[i] * 0 }
        }
        return Tensor(uncheckedScalars: out, shape: shape)
    }
}

/// Keep-masks drawn like `torch.empty(count).bernoulli_(keep)`: 1 with probability `keep`, then
/// divided by `Float(keep)` when `scale` (PyTorch's `noise.div_(keep)`).
func bernoulliMask(count: Int, keep: Double, scale: Bool, generator: Generator) -> [Float] {
    checkBernoulliProbability(keep)
    return generator.bernoulliMask(count: count, p: keep, one: scale ? 1 / Float(keep) : 1)
}

/// Stops with PyTorch's message when a dropout probability is outside [0, 1].
func checkDropoutProbability(_ p: Double) {
    check(p >= 0 && p <= 1, "dropout probability has to be between 0 and 1, but got \(p)")
}
