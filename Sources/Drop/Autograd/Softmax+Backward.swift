/// The tape entries of `softmax` and `logSoftmax` along `dim`.
extension Tensor {
    /// `self` = `x.softmax(dim:)`, recorded: `∂x = y · (g − Σ g·y)`, summed along `dim`.
    func recordingSoftmax(of x: Tensor, dim: Int) -> Tensor {
        guard Tensor.recordsGradient(x) else { return self }
        let result = SavedTensor(self)
        return result.attach(to: recording("SoftmaxBackward0", [x]) { g in
            let y = result.unpack()
            return [y * (g - (g * y).sum(dim: dim, keepdim: true))]
        })
    }

    /// `self` = `x.logSoftmax(dim:)`, recorded: `∂x = g − exp(y) · Σ g`, summed along `dim`.
    func recordingLogSoftmax(of x: Tensor, dim: Int) -> Tensor {
        guard Tensor.recordsGradient(x) else { return self }
        let result = SavedTensor(self)
        return result.attach(to: recording("LogSoftmaxBackward0", [x]) { g in
            [g - result.unpack().exp() * g.sum(dim: dim, keepdim: true)]
        })
    }
}
