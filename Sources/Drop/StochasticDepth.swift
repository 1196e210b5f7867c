/// Which elements share one stochastic-depth draw.
public enum StochasticDepthMode: String, Sendable {
    /// One draw per sample: each row of the batch is kept or dropped on its own.
    case row
    /// One draw for the whole batch.
    case batch
}

/// Randomly drops residual branches, exactly like torchvision's
/// `torchvision.ops.stochastic_depth(input, p, mode, training)`.
///
/// `p = 0` or eval returns `input` and draws nothing. Otherwise one 53-bit uniform per sample
/// (`.row`) or one for all (`.batch`), kept values divided by `1 − p` when it is positive;
/// `p = 1` still draws and gives `input · 0`.
public func stochasticDepth(
    _ input: Tensor, p: Double, mode: StochasticDepthMode, training: Bool = true,
    generator: Generator = .default
) -> Tensor {
    check(p >= 0 && p <= 1, "drop probability has to be between 0 and 1, but got \(p)")
    if !training || p == 0 { return input }
    let survival = 1 - p
    check(
        mode == .batch || input.ndim >= 1,
        "stochastic_depth in row mode needs a batch dimension, got a 0-d tensor")
    let draws = mode == .row ? input.shape[0] : 1
    let mask = bernoulliMask(
        count: draws, keep: survival, scale: survival > 0, generator: generator)  // (B) or (1)
    return input.droppingRows(by: mask)
}
