internal import _DropKernels

/// Layer normalisation over the last dimension, like `nn.LayerNorm(dim, eps=eps)`.
///
/// Each row is centred and multiplied by `1/√(var + eps)` (biased variance, float32 math, summed
/// in a fixed order), then scaled by `weight` and shifted by `bias` (ones and zeros on creation;
/// no draws).
public final class LayerNorm: Module {
    /// True while training; layer norm behaves the same in both modes.
    public var training = true
    /// The per-feature scale, `(dim)`, ones on creation.
    public var weight: Tensor
    /// The per-feature shift, `(dim)`, zeros on creation.
    public var bias: Tensor
    /// Added to the variance before the square root.
    public let eps: Float

    /// Creates a layer norm over a last dimension of extent `dim`.
    public init(_ dim: Int, eps: Float = 1e-5) {
        check(dim > 0, "LayerNorm needs a positive dim, got \(dim)")
        weight = parameter(Tensor([Float](repeating: 1, count: dim)))
        bias = parameter(Tensor([Float](repeating: 0, count: dim)))
        self.eps = eps
    }

    /// `weight`, then `bias`.
    public var directParameters: [(String, Tensor)] { [("weight", weight), ("bias", bias)] }

    /// Normalises each row of the last dimension of `x`: `(…, dim)` → `(…, dim)`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        let d = weight.numel
        check(
            x.ndim >= 1 && x.shape[x.ndim - 1] == d,
            "LayerNorm: expected input with last dimension \(d), got shape \(x.shape)")
        let rows = x.numel / d
        let out = freshScalars(count: x.numel) { y in
            x.withElements { px in
                weight.withElements { w in
                    bias.withElements { b in
                        kernels.layerNorm(
                            px.baseAddress!, y, rows, d, w.baseAddress!, b.baseAddress!, eps,
                            getNumThreads())
                    }
                }
            }
        }
        return Tensor(uncheckedScalars: out, shape: x.shape).recordingLayerNorm(x, weight, bias, eps: eps)
    }
}
