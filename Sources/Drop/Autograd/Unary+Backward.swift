/// The tape entries of the elementwise functions, with PyTorch's formulas
/// (`tools/autograd/derivatives.yaml`).
extension Tensor {
    /// `self` = `-x`, recorded.
    func recordingNeg(of x: Tensor) -> Tensor {
        guard Tensor.recordsGradient(x) else { return self }
        return recording("NegBackward0", [x]) { g in [-g] }
    }

    /// `self` = `x.exp()`, recorded: the gradient is `g · result`.
    func recordingExp(of x: Tensor) -> Tensor {
        guard Tensor.recordsGradient(x) else { return self }
        let result = SavedTensor(self)
        return result.attach(to: recording("ExpBackward0", [x]) { g in [g * result.unpack()] })
    }

    /// `self` = `x.log()`, recorded: the gradient is `g / x`.
    func recordingLog(of x: Tensor) -> Tensor {
        guard Tensor.recordsGradient(x) else { return self }
        let input = SavedTensor(x)
        return recording("LogBackward0", [x]) { g in [g / input.unpack()] }
    }

    /// `self` = `x.sqrt()`, recorded: the gradient is `g / (2 · result)`.
    func recordingSqrt(of x: Tensor) -> Tensor {
        guard Tensor.recordsGradient(x) else { return self }
        let result = SavedTensor(self)
        return result.attach(to: recording("SqrtBackward0", [x]) { g in [g / (2 * result.unpack())] })
    }

    /// `self` = `x.abs()`, recorded: the gradient is `g · sign(x)` (0 at 0).
    func recordingAbs(of x: Tensor) -> Tensor {
        guard Tensor.recordsGradient(x) else { return self }
        let input = SavedTensor(x)
        return recording("AbsBackward0", [x]) { g in
            [g * input.unpack().map(Sign())]
        }
    }
}
