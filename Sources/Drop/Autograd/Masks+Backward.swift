/// The tape entries of the dropout family: the backward multiplies by the same mask the forward
/// drew, and draws nothing.
extension Tensor {
    /// `self · mask`, `mask` broadcast from `(rows, 1, …, 1)` (one value per element when it has
    /// `numel` values), recorded as PyTorch's `MulBackward0` by the mask.
    func droppingRows(by mask: [Float]) -> Tensor {
        let result = multiplyingRows(by: mask)
        guard Tensor.recordsGradient(self) else { return result }
        return result.recording("MulBackward0", [self]) { g in [g.multiplyingRows(by: mask)] }
    }

    /// `self · 0` (everything dropped), recorded: the gradient is zero.
    func droppingAll() -> Tensor {
        timesZero().recordingScalar("MulBackward0", self, slope: 0)
    }
}
