/// Zeroes each element independently with probability `p` and scales the rest by `1 / (1 − p)`,
/// exactly like `F.dropout(x, p, training)`.
///
/// With `p = 0` or `training == false` it returns `x` and draws nothing; with `p = 1` it returns
/// `x · 0` and draws nothing. Otherwise it draws one 53-bit uniform per element, in memory
/// order, as `bernoulli_(1 − p)` does.
public func dropout(
    _ x: Tensor, p: Double = 0.5, training: Bool = true, generator: Generator = .default
) -> Tensor {
    checkDropoutProbability(p)
    if p == 0 || !training || x.numel == 0 { return x }
    if p == 1 { return x.droppingAll() }
    let keep = 1 - p  // in double, as PyTorch computes it
    if Tensor.recordsGradient(x) {
        // The backward needs the mask: draw it on its own (the same draws, the same products).
        return x.droppingRows(by: bernoulliMask(count: x.numel, keep: keep, scale: true, generator: generator))
    }
    // PyTorch's noise is Float(m) / Float(keep): exactly `scale` or 0.
    let scale = 1 / Float(keep)
    let threshold = bernoulliThreshold(keep)
    let out = x.withElements { xs in
        freshScalars(count: xs.count) { yBase in
            let xBase = xs.baseAddress!
            generator.forEachChunk(count: xs.count, wordsPerElement: 2) { start, words, n in
                let (x, y) = (xBase + start, yBase + start)
                for i in 0..<n { y[i] = x[i] * (bits53(words, i) < threshold ? scale : 0) }
            }
        }
    }
    return Tensor(uncheckedScalars: out, shape: x.shape)
}

/// Dropout as a layer, like `nn.Dropout(p)`: active in training mode, the identity after `eval()`.
public final class Dropout: Module, CustomStringConvertible {
    /// True while training (the default on creation).
    public var training = true
    /// The probability of zeroing each element.
    public let p: Double

    /// Creates a dropout layer; stops if `p` is outside [0, 1].
    public init(p: Double = 0.5) {
        checkDropoutProbability(p)
        self.p = p
    }

    /// Applies `dropout(x, p: p, training: training)` with the default generator.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        dropout(x, p: p, training: training)
    }

    /// `Dropout(p=0.5, inplace=False)`, as PyTorch prints the module.
    public var description: String { "Dropout(p=\(p), inplace=False)" }
}
