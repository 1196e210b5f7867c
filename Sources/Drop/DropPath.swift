/// Drops whole samples (residual paths) with probability `dropProb`, exactly like timm 1.0's
/// `drop_path(x, drop_prob, training, scale_by_keep)`, with timm's defaults.
///
/// The mask has shape `(B, 1, …, 1)`: one 53-bit uniform per sample (`bernoulli_(keep)`), divided
/// by `keep` when `scaleByKeep` and `keep > 0`. `dropProb = 0` or eval returns `x` and draws
/// nothing; `dropProb = 1` still draws `B` values (as timm does) and gives `x · 0`.
public func dropPath(
    _ x: Tensor, dropProb: Double = 0, training: Bool = false, scaleByKeep: Bool = true,
    generator: Generator = .default
) -> Tensor {
    if dropProb == 0 || !training { return x }
    check(x.ndim >= 1, "drop_path needs a batch dimension, got a 0-d tensor")
    let keep = 1 - dropProb
    let mask = bernoulliMask(
        count: x.shape[0], keep: keep, scale: keep > 0 && scaleByKeep, generator: generator)  // (B)
    return x.droppingRows(by: mask)
}

/// Stochastic depth for residual blocks, like timm's `DropPath(drop_prob, scale_by_keep)`.
public final class DropPath: Module, CustomStringConvertible {
    /// True while training (the default on creation).
    public var training = true
    /// The probability of dropping each sample's path.
    public let dropProb: Double
    /// Whether kept samples are divided by `1 − dropProb`, so the expectation is unchanged.
    public let scaleByKeep: Bool

    /// Creates a drop-path layer.
    public init(dropProb: Double = 0, scaleByKeep: Bool = true) {
        self.dropProb = dropProb
        self.scaleByKeep = scaleByKeep
    }

    /// Applies `dropPath(x, dropProb:training:scaleByKeep:)` with the default generator.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        dropPath(x, dropProb: dropProb, training: training, scaleByKeep: scaleByKeep)
    }

    /// `DropPath(drop_prob=0.100)`, as timm prints the module.
    public var description: String {
        // timm prints f"{round(drop_prob, 3):0.3f}": both round the exact binary value correctly,
        // as C's printf does (scaling by 1000 first would round 1.0045 up to 1.005).
        "DropPath(drop_prob=" + cFormat("%.3f", dropProb) + ")"
    }
}
