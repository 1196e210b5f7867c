internal import _DropKernels

/// The mean cross-entropy of `logits` `(N, C)` against class indices `targets` (N of them),
/// like `F.cross_entropy(logits, targets)`: `logSoftmax` then the mean negative log-likelihood.
public func crossEntropy(_ logits: Tensor, targets: [Int]) -> Tensor {
    check(
        logits.ndim == 2 && logits.shape[0] == targets.count,
        "Expected input batch_size (\(logits.ndim == 2 ? logits.shape[0] : logits.numel)) to match "
            + "target batch_size (\(targets.count)).")
    let classes = logits.shape[1]
    for t in targets { check(t >= 0 && t < classes, "Target \(t) is out of bounds.") }
    let count = targets.count
    /// The mean of the negated picks, summed in Double in order.
    func meanLoss(_ pick: (Int) -> Float) -> Tensor {
        var total = 0.0
        for i in 0..<count { total -= Double(pick(i)) }
        return Tensor(Float(total / Double(count)))
    }
    if !Tensor.recordsGradient(logits), count > 0 {
        // Nothing to differentiate: only the targets' log-probabilities are needed.
        let picks = logits.targetLogProbabilities(targets)
        return meanLoss { picks[$0] }
    }
    let logProbabilities = logits.logSoftmax(dim: 1)  // (N, C)
    let lp = logProbabilities.scalars
    let loss = meanLoss { lp[$0 * classes + targets[$0]] }
    guard Tensor.recordsGradient(logProbabilities) else { return loss }
    return loss.recording("NllLossBackward0", [logProbabilities]) { g in
        // −g / N at each sample's target class, 0 elsewhere.
        var d = [Float](repeating: 0, count: count * classes)
        let share = -g.item() / Float(count)
        for (i, t) in targets.enumerated() { d[i * classes + t] = share }
        return [Tensor(uncheckedScalars: d, shape: [count, classes])]
    }
}

extension Tensor {
    /// Row i's log-softmax at class `targets[i]`, for `(N, C)` logits (N, C > 0): what
    /// `logSoftmax(dim: 1)` computes there (the same steps, the same bits), eight rows at a time,
    /// without an `(N, C)` tensor (`targetLogSoftmaxKernel`).
    fileprivate func targetLogProbabilities(_ targets: [Int]) -> [Float] {
        let (rows, classes) = (shape[0], shape[1])
        return withElements { xs in
            targets.withUnsafeBufferPointer { t in
                freshScalars(count: rows) { picks in
                    forEachRange((rows + 7) / 8, itemSize: 8 * classes) { groups in
                        withScratch(count: 8 * classes) { scratch in
                            let rows = 8 * groups.lowerBound..<Swift.min(rows, 8 * groups.upperBound)
                            libmKernels.targetLogSoftmax(xs.baseAddress!, rows, classes, t.baseAddress!, picks, scratch)
                        }
                    }
                }
            }
        }
    }
}

/// The mean squared difference of `input` and `target` (same shape), like `F.mse_loss`.
public func mseLoss(_ input: Tensor, _ target: Tensor) -> Tensor {
    check(
        input.shape == target.shape,
        "mse_loss: input shape \(input.shape) and target shape \(target.shape) differ")
    let difference = (input - target).detach()
    let loss = (difference * difference).mean()
    guard Tensor.recordsGradient(input, target) else { return loss }
    let scale = 2 / Float(input.numel)
    return loss.recording("MseLossBackward0", [input, target]) { g in
        let d = difference * (scale * g.item())  // PyTorch: 2 · (input − target) · g / N
        return [d, -d]
    }
}
