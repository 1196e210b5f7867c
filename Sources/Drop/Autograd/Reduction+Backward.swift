/// The tape entries of `sum` and `mean`: the gradient is spread back over the reduced elements.
extension Tensor {
    /// `self` = `x.sum()` (dim nil) or `x.sum(dim:keepdim:)`, recorded.
    func recordingSum(of x: Tensor, dim: Int?, keepdim: Bool) -> Tensor {
        guard Tensor.recordsGradient(x) else { return self }
        let shape = x.shape, d = dim.map { x.normalizedDim($0) }
        return recording(dim == nil ? "SumBackward0" : "SumBackward1", [x]) { g in
            [g.expandReduced(dim: d, keepdim: keepdim, to: shape)]
        }
    }

    /// `self` = `x.mean()` (dim nil) or `x.mean(dim:keepdim:)`, recorded: the spread gradient
    /// divided by the number of elements averaged.
    func recordingMean(of x: Tensor, dim: Int?, keepdim: Bool) -> Tensor {
        guard Tensor.recordsGradient(x) else { return self }
        let shape = x.shape, d = dim.map { x.normalizedDim($0) }
        let count = Float(d.map { shape.count == 0 ? 1 : shape[$0] } ?? shape.numel)
        return recording(dim == nil ? "MeanBackward0" : "MeanBackward1", [x]) { g in
            [g.expandReduced(dim: d, keepdim: keepdim, to: shape) / count]
        }
    }
}
