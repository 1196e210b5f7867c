extension Tensor {
    /// `x − log(sum(exp(x)))` along `dim`, like `torch.log_softmax`, in float32.
    ///
    /// Computed as `x − max − log(sum(exp(x − max)))`, so large inputs neither overflow nor lose
    /// the small probabilities softmax would round to 0; the sum accumulates in Double.
    public func logSoftmax(dim: Int) -> Tensor {
        Tensor(uncheckedScalars: libmSoftmax(dim: normalizedDim(dim), logarithm: true), shape: shape)
            .recordingLogSoftmax(of: self, dim: dim)
    }
}
