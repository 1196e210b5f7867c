/// A pre-norm transformer block, like timm 1.0's `vision_transformer.Block` at its defaults.
///
/// `x = x + dropPath1(attn(norm1(x)))`, then `x = x + dropPath2(mlp(norm2(x)))`. The drop paths
/// are `DropPath` when the rate is above 0 and `Identity` otherwise, as in timm. Submodules are
/// created in timm's order (norm1, attn, drop_path1, norm2, mlp, drop_path2; the layer scales
/// `ls1`/`ls2` are identities without `init_values`), so a block built after `manualSeed(s)`
/// has the weights timm's has after `torch.manual_seed(s)`.
public final class Block: Module {
    /// True while training: only then do the drop paths drop.
    public var training = true
    /// The norm before attention (timm's `LayerNorm`, eps 1e-6).
    public let norm1: LayerNorm
    /// The self-attention branch.
    public let attn: Attention
    /// Drops the attention branch per sample: `DropPath` or `Identity`.
    public let dropPath1: any Module
    /// The norm before the MLP (eps 1e-6).
    public let norm2: LayerNorm
    /// The MLP branch.
    public let mlp: Mlp
    /// Drops the MLP branch per sample: `DropPath` or `Identity`.
    public let dropPath2: any Module

    /// The submodules in timm's registration order.
    public var children: [any Module] { [norm1, attn, dropPath1, norm2, mlp, dropPath2] }
    /// timm's attribute names of `children`.
    public var childNames: [String] { ["norm1", "attn", "drop_path1", "norm2", "mlp", "drop_path2"] }

    /// Creates a block of width `dim` whose MLP is `Int(dim · mlpRatio)` wide.
    public init(
        dim: Int, numHeads: Int, mlpRatio: Double = 4, qkvBias: Bool = false,
        dropPath: Double = 0
    ) {
        check(
            dropPath >= 0 && dropPath <= 1,
            "drop path probability has to be between 0 and 1, but got \(dropPath)")
        norm1 = LayerNorm(dim, eps: 1e-6)
        attn = Attention(dim: dim, numHeads: numHeads, qkvBias: qkvBias)
        dropPath1 = dropPath > 0 ? DropPath(dropProb: dropPath) : Identity()
        norm2 = LayerNorm(dim, eps: 1e-6)
        mlp = Mlp(inFeatures: dim, hiddenFeatures: Int(Double(dim) * mlpRatio))
        dropPath2 = dropPath > 0 ? DropPath(dropProb: dropPath) : Identity()
    }

    /// The attention residual branch before its drop path: `attn(norm1(x))`, `(B, N, D)`.
    public func attnBranch(_ x: Tensor) -> Tensor { attn(norm1(x)) }

    /// The MLP residual branch before its drop path: `mlp(norm2(x))`, `(B, N, D)`.
    public func mlpBranch(_ x: Tensor) -> Tensor { mlp(norm2(x)) }

    /// Applies both residual branches: `(B, N, D)` → `(B, N, D)`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        // x + branch, added into the branch's fresh buffer (addition commutes exactly).
        var afterAttention = dropPath1(attnBranch(x))
        afterAttention += x
        var output = dropPath2(mlpBranch(afterAttention))
        output += afterAttention
        return output
    }
}
