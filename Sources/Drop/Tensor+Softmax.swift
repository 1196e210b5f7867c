import Glibc

extension Tensor {
    /// `exp(x) / sum(exp(x))` along `dim`, like `torch.softmax`, in float32.
    ///
    /// The maximum is subtracted first so that large inputs do not overflow; the sum accumulates in
    /// Double, so the last bits may differ from PyTorch's (tests use a tolerance).
    public func softmax(dim: Int) -> Tensor {
        let (outer, n, inner) = lines(around: normalizedDim(dim))
        var out = scalars
        out.withUnsafeMutableBufferPointer { z in
            for o in 0..<outer {
                for j in 0..<inner {
                    let line = o * n * inner + j  // the first of `n` values `inner` apart
                    var largest = -Float.infinity
                    for k in 0..<n { largest = Swift.max(largest, z[line + k * inner]) }
                    var total = 0.0
                    for k in 0..<n {
                        let e = expf(z[line + k * inner] - largest)
                        z[line + k * inner] = e
                        total += Double(e)
                    }
                    let sum = Float(total)
                    for k in 0..<n { z[line + k * inner] /= sum }
                }
            }
        }
        return Tensor(uncheckedScalars: out, shape: shape).recordingSoftmax(of: self, dim: dim)
    }
}
