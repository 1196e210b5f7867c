/// The shape bookkeeping of gradients: undoing a broadcast, and broadcasting back a reduction.
extension Tensor {
    /// This gradient summed down to `target`, the shape of an operand that was broadcast
    /// (PyTorch's `sum_to`): leading dimensions are summed away, extents of 1 summed with keepdim.
    func sumTo(_ target: Size) -> Tensor {
        guard shape != target else { return self }
        var g = self
        while g.ndim > target.count { g = g.sum(dim: 0) }
        for d in 0..<target.count where target[d] == 1 && g.shape[d] != 1 {
            g = g.sum(dim: d, keepdim: true)
        }
        return g
    }

    /// This gradient repeated over `shape`, which it broadcasts to (PyTorch's `expand`).
    func expand(to shape: Size) -> Tensor {
        guard self.shape != shape else { return self }
        let zeros = Tensor(uncheckedScalars: [Float](repeating: 0, count: shape.numel), shape: shape)
        return Tensor.broadcasting(self, zeros, First())
    }

    /// The gradient of a reduction along `dim` (nil: all elements) spread back over `shape`.
    func expandReduced(dim: Int?, keepdim: Bool, to shape: Size) -> Tensor {
        guard let dim, !keepdim, shape.count > 0 else { return expand(to: shape) }
        var kept = shape.dims
        kept[dim] = 1
        return reshape(kept).expand(to: shape)
    }
}
