/// Zeroes whole channels with probability `p` and scales the rest by `1 / (1 − p)`, exactly like
/// `F.dropout2d(x, p, training)`.
///
/// The mask has shape `(N, C, 1, …, 1)`: one 53-bit uniform per (sample, channel), so a channel
/// is kept or dropped across all its positions. Like PyTorch 2.x, a 3-D input is read as
/// `(N, C, L)` (channel-wise 1-D dropout), not as an unbatched `(C, H, W)`. `p = 0`, eval and
/// `p = 1` draw nothing, as in `dropout`.
public func dropout2d(
    _ x: Tensor, p: Double = 0.5, training: Bool = true, generator: Generator = .default
) -> Tensor {
    checkDropoutProbability(p)
    if p == 0 || !training || x.numel == 0 { return x }
    if p == 1 { return x.droppingAll() }
    check(x.ndim >= 2, "Feature dropout requires at least 2 dimensions in the input")
    let mask = bernoulliMask(
        count: x.shape[0] * x.shape[1], keep: 1 - p, scale: true, generator: generator)  // (N, C)
    return x.droppingRows(by: mask)
}

/// Channel-wise dropout as a layer, like `nn.Dropout2d(p)`.
public final class Dropout2d: Module, CustomStringConvertible {
    /// True while training (the default on creation).
    public var training = true
    /// The probability of zeroing each channel.
    public let p: Double

    /// Creates a channel-dropout layer; stops if `p` is outside [0, 1].
    public init(p: Double = 0.5) {
        checkDropoutProbability(p)
        self.p = p
    }

    /// Applies `dropout2d(x, p: p, training: training)` with the default generator.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        dropout2d(x, p: p, training: training)
    }

    /// `Dropout2d(p=0.5, inplace=False)`, as PyTorch prints the module.
    public var description: String { "Dropout2d(p=\(p), inplace=False)" }
}
