/// Reductions over all elements or along one dimension.
///
/// Sums accumulate in Double, so results can differ from PyTorch's float32 cascade sums in the
/// last bits; tests compare them with a tolerance.
extension Tensor {
    /// The sum of all elements, as a 0-d tensor.
    public func sum() -> Tensor {
        let total = certifiedWholeSum().map { Tensor($0) } ?? reduce(dim: nil, keepdim: false, Tensor.sum)
        return total.recordingSum(of: self, dim: nil, keepdim: false)
    }
    /// The sums along `dim`; `keepdim` keeps it with extent 1.
    public func sum(dim: Int, keepdim: Bool = false) -> Tensor {
        (lineSums(dim: dim, keepdim: keepdim, mean: false) ?? reduce(dim: dim, keepdim: keepdim, Tensor.sum))
            .recordingSum(of: self, dim: dim, keepdim: keepdim)
    }

    /// The mean of all elements, as a 0-d tensor (`nan` when empty).
    public func mean() -> Tensor {
        let mean = certifiedWholeMean().map { Tensor($0) } ?? reduce(dim: nil, keepdim: false, Tensor.mean)
        return mean.recordingMean(of: self, dim: nil, keepdim: false)
    }
    /// The means along `dim`; `keepdim` keeps it with extent 1.
    public func mean(dim: Int, keepdim: Bool = false) -> Tensor {
        (lineSums(dim: dim, keepdim: keepdim, mean: true) ?? reduce(dim: dim, keepdim: keepdim, Tensor.mean))
            .recordingMean(of: self, dim: dim, keepdim: keepdim)
    }

    /// The variance of all elements, as a 0-d tensor: unbiased by default (`correction` 1, as
    /// `torch.var`); `correction: 0` gives the biased variance LayerNorm uses.
    public func `var`(correction: Int = 1) -> Tensor {
        certifiedWholeVariance(correction: correction).map { Tensor($0) }
            ?? reduce(dim: nil, keepdim: false, Tensor.variance(correction: correction))
    }
    /// The variances along `dim` (unbiased unless `correction` says otherwise); `keepdim` keeps
    /// `dim` with extent 1.
    public func `var`(dim: Int, keepdim: Bool = false, correction: Int = 1) -> Tensor {
        reduce(dim: dim, keepdim: keepdim, Tensor.variance(correction: correction))
    }

    /// The largest element (`nan` if any is), as a 0-d tensor.
    public func max() -> Tensor { extreme("max", dim: nil, keepdim: false, largest: true) }
    /// The largest elements along `dim` (the values of PyTorch's `max(dim)`).
    public func max(dim: Int, keepdim: Bool = false) -> Tensor {
        extreme("max", dim: dim, keepdim: keepdim, largest: true)
    }

    /// The smallest element (`nan` if any is), as a 0-d tensor.
    public func min() -> Tensor { extreme("min", dim: nil, keepdim: false, largest: false) }

    /// The elements preferred by `largest` (the maximum) or not (the minimum), with NaN winning as
    /// in PyTorch; `name` is the operation PyTorch's message names when there is nothing to
    /// choose from.
    private func extreme(_ name: String, dim: Int?, keepdim: Bool, largest: Bool) -> Tensor {
        if let dim {
            let d = normalizedDim(dim)
            check(
                ndim == 0 || shape[d] > 0,
                "\(name)(): Expected reduction dim \(d) to have non-zero size.")
        } else {
            check(
                numel > 0,
                "\(name)(): Expected reduction dim to be specified for input.numel() == 0. "
                    + "Specify the reduction dim with the 'dim' argument.")
        }
        if let dim, let lines = lastDimExtremes(dim: dim, keepdim: keepdim, largest: largest) {
            return lines
        }
        return reduce(dim: dim, keepdim: keepdim, Tensor.extreme(largest: largest))
    }

    /// The layout around dimension `d`: (extent before, extent of `d`, extent after).
    func lines(around d: Int) -> (outer: Int, n: Int, inner: Int) {
        guard ndim > 0 else { return (1, 1, 1) }
        let outer = shape.dims[..<d].reduce(1, *)
        let inner = shape.dims[(d + 1)...].reduce(1, *)
        return (outer, shape[d], inner)
    }
}
