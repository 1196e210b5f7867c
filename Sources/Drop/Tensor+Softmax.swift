import Glibc

extension Tensor {
    /// `exp(x) / sum(exp(x))` along `dim`, like `torch.softmax`, in float32.
    ///
    /// The maximum is subtracted first so that large inputs do not overflow; the sum accumulates in
    /// Double, so the last bits may differ from PyTorch's (tests use a tolerance).
    public func softmax(dim: Int) -> Tensor {
        softmaxLines(dim: normalizedDim(dim)).recordingSoftmax(of: self, dim: dim)
    }

    /// The softmax of every line along `d`, lines shared among Drop's threads; each line is
    /// computed alone and in order, so the thread count changes no bit.
    private func softmaxLines(dim d: Int) -> Tensor {
        let (outer, n, inner) = lines(around: d)
        let out = scalars.withUnsafeBufferPointer { xs in
            freshScalars(count: numel) { z in
                let x = xs.baseAddress!  // numel > 0 here
                forEachRange(outer * inner, itemSize: n) { range in
                    for q in range {
                        let line = (q / inner) * n * inner + q % inner  // `n` values `inner` apart
                        var largest = -Float.infinity
                        for k in 0..<n { largest = Swift.max(largest, x[line + k * inner]) }
                        var total = 0.0
                        for k in 0..<n {
                            let e = expf(x[line + k * inner] - largest)
                            z[line + k * inner] = e
                            total += Double(e)
                        }
                        let sum = Float(total)
                        for k in 0..<n { z[line + k * inner] /= sum }
                    }
                }
            }
        }
        return Tensor(uncheckedScalars: out, shape: shape)
    }
}
