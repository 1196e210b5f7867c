internal import _DropKernels

extension Tensor {
    /// `exp(x) / sum(exp(x))` along `dim`, like `torch.softmax`, in float32.
    ///
    /// The maximum is subtracted first so that large inputs do not overflow; the sum accumulates in
    /// Double, so the last bits may differ from PyTorch's (tests use a tolerance).
    public func softmax(dim: Int) -> Tensor {
        Tensor(uncheckedScalars: libmSoftmax(dim: normalizedDim(dim), logarithm: false), shape: shape)
            .recordingSoftmax(of: self, dim: dim)
    }

    /// The scalars of the softmax (or log-softmax) of every line along `d`: per line the
    /// maximum as `Swift.max` chained from −∞, `e = expf(x − max)`, their sum a Double chain in
    /// order, then `e / Float(sum)` (or `x − max − logf(Float(sum))`). Groups of eight lines
    /// are shared among Drop's threads; each line is computed alone and in order
    /// (`softmaxLinesKernel`), so the thread count changes no bit.
    func libmSoftmax(dim d: Int, logarithm: Bool) -> [Float] {
        let (outer, n, inner) = lines(around: d)
        let lines = outer * inner
        return withElements { xs in
            freshScalars(count: numel) { z in
                let x = xs.baseAddress!  // numel > 0 here
                forEachRange((lines + 7) / 8, itemSize: 8 * n) { groups in
                    let range = groups.lowerBound * 8..<Swift.min(lines, groups.upperBound * 8)
                    libmKernels.softmaxLines(x, z, range, n, inner, logarithm)
                }
            }
        }
    }
}
