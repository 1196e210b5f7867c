/// The tape entries of the shape ops: each gradient is reshaped or reordered back.
extension Tensor {
    /// `self` = `x` with another shape, recorded as PyTorch's view.
    func recordingReshape(of x: Tensor) -> Tensor {
        guard Tensor.recordsGradient(x) else { return self }
        let shape = x.shape.dims
        return recording("ViewBackward0", [x]) { g in [g.reshape(shape)] }
    }

    /// `self` = `x[index]`, recorded: the gradient is zeros except at `index`.
    func recordingSelect(of x: Tensor, index: Int) -> Tensor {
        guard Tensor.recordsGradient(x) else { return self }
        let shape = x.shape
        return recording("SelectBackward0", [x]) { g in
            var full = [Float](repeating: 0, count: shape.numel)
            let inner = g.numel
            full.replaceSubrange(index * inner..<(index + 1) * inner, with: g.scalars)
            return [Tensor(uncheckedScalars: full, shape: shape)]
        }
    }

    /// `self` = `x.permute(order)`, recorded under `name` (`TransposeBackward0` for a swap).
    func recordingPermute(of x: Tensor, _ order: [Int], name: String = "PermuteBackward0")
        -> Tensor
    {
        guard Tensor.recordsGradient(x) else { return self }
        var inverse = order
        for (i, d) in order.enumerated() { inverse[d] = i }
        return recording(name, [x]) { g in [g.permute(inverse)] }
    }

    /// `self` = `x` with a dimension of extent 1 added or removed, recorded under `name`.
    func recordingSqueeze(of x: Tensor, name: String) -> Tensor {
        guard Tensor.recordsGradient(x) else { return self }
        let shape = x.shape.dims
        return recording(name, [x]) { g in [g.reshape(shape)] }
    }
}
