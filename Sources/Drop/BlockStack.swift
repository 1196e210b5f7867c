/// The per-block drop-path rates of a stack: `[x.item() for x in torch.linspace(0, rate, depth)]`.
///
/// timm's stochastic-depth decay rule. The linspace is float32 (PyTorch's default dtype),
/// and each rate is that float widened to Double, as `.item()` gives it.
public func dropPathSchedule(rate: Double, depth: Int) -> [Double] {
    linspace(0, Float(rate), depth).scalars.map(Double.init)
}

/// A stack of transformer blocks whose drop-path rates rise linearly from 0 to a maximum.
///
/// Block `l` of `depth` drops each residual branch with `dropPathSchedule(rate:depth:)[l]`, as
/// the blocks of timm's `VisionTransformer`; blocks are built one after another, so a stack built
/// after `manualSeed(s)` has the weights of timm's blocks after `torch.manual_seed(s)`.
public final class BlockStack: Module {
    /// True while training: only then do the blocks' drop paths drop.
    public var training = true
    /// The blocks, applied in order.
    public let blocks: [Block]

    /// The blocks.
    public var children: [any Module] { blocks }
    /// `blocks.0`, `blocks.1`, …, as in timm's `VisionTransformer`.
    public var childNames: [String] { blocks.indices.map { "blocks.\($0)" } }

    /// Creates `depth` blocks of width `dim`; block `l` gets drop-path rate
    /// `dropPathSchedule(rate: dropPathRate, depth: depth)[l]`.
    public init(
        depth: Int, dim: Int, numHeads: Int, mlpRatio: Double = 4, qkvBias: Bool = false,
        dropPathRate: Double = 0
    ) {
        blocks = dropPathSchedule(rate: dropPathRate, depth: depth).map { rate in
            Block(dim: dim, numHeads: numHeads, mlpRatio: mlpRatio, qkvBias: qkvBias, dropPath: rate)
        }
    }

    /// Applies every block in order: `(B, N, D)` → `(B, N, D)`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        blocks.reduce(x) { x, block in block(x) }
    }
}
