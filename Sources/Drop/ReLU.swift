extension Tensor {
    /// `max(x, 0)` elementwise, like `torch.relu` (NaN stays NaN).
    public func relu() -> Tensor {
        let result = map(Rectifier())
        guard Tensor.recordsGradient(self) else { return result }
        let saved = SavedTensor(result)
        // PyTorch's threshold_backward: the gradient passes where the result is positive.
        return saved.attach(to: result.recording("ReluBackward0", [self]) { g in
            [g * saved.unpack().map(WithRight(Greater(), 0))]
        })
    }

    /// The exact (erf) GELU of every element, like `F.gelu(x)`: what the `GELU` module computes.
    public func gelu() -> Tensor { GELU()(self) }
}

/// The rectified linear unit as a layer, like `nn.ReLU()`.
public final class ReLU: Module {
    /// True while training; ReLU behaves the same in both modes.
    public var training = true
    /// Creates the activation.
    public init() {}
    /// Applies `x.relu()`.
    public func callAsFunction(_ x: Tensor) -> Tensor { x.relu() }
}
