import Glibc

extension Tensor {
    /// `x − log(sum(exp(x)))` along `dim`, like `torch.log_softmax`, in float32.
    ///
    /// Computed as `x − max − log(sum(exp(x − max)))`, so large inputs neither overflow nor lose
    /// the small probabilities softmax would round to 0; the sum accumulates in Double.
    public func logSoftmax(dim: Int) -> Tensor {
        let (outer, n, inner) = lines(around: normalizedDim(dim))
        var out = scalars
        out.withUnsafeMutableBufferPointer { z in
            for o in 0..<outer {
                for j in 0..<inner {
                    let line = o * n * inner + j  // the first of `n` values `inner` apart
                    var largest = -Float.infinity
                    for k in 0..<n { largest = Swift.max(largest, z[line + k * inner]) }
                    var total = 0.0
                    for k in 0..<n { total += Double(expf(z[line + k * inner] - largest)) }
                    let logSum = logf(Float(total))
                    for k in 0..<n { z[line + k * inner] = z[line + k * inner] - largest - logSum }
                }
            }
        }
        return Tensor(uncheckedScalars: out, shape: shape).recordingLogSoftmax(of: self, dim: dim)
    }
}
