/// Zeroes contiguous `blockSize × blockSize` regions of each feature map, exactly like timm
/// 1.0's `drop_block_2d(x, drop_prob, block_size, gamma_scale, with_noise, couple_channels,
/// scale_by_keep)` (DropBlock, Ghiasi et al. 2018), with timm's defaults.
///
/// One 53-bit uniform per position of a `(B, 1, H, W)` seed mask (`(B, C, H, W)` when
/// `coupleChannels` is false) picks block centres with probability
/// γ = `gammaScale · dropProb · H · W / (k_h · k_w) / ((H − k_h + 1)(W − k_w + 1))`; each centre
/// grows into a block (timm's stride-1 max pool, with its crop for even sizes). Kept values are
/// scaled by `numel / (kept + 1e-7)` when `scaleByKeep`; with `withNoise` the dropped regions get
/// standard normal noise (drawn after the seeds) instead, unscaled. Like timm's function, it has
/// no `training` flag and always draws; `DropBlock2d` is the identity in eval mode or at rate 0.
public func dropBlock2d(
    _ x: Tensor, dropProb: Double = 0.1, blockSize: Int = 7, gammaScale: Double = 1,
    withNoise: Bool = false, coupleChannels: Bool = true, scaleByKeep: Bool = true,
    generator: Generator = .default
) -> Tensor {
    check(x.ndim == 4, "drop_block_2d needs a (B, C, H, W) input, got shape \(x.shape)")
    check(blockSize >= 1, "drop_block_2d needs block_size >= 1, got \(blockSize)")
    let (b, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let (kh, kw) = (min(blockSize, h), min(blockSize, w))
    // In Python's double arithmetic and order.
    let gamma = gammaScale * dropProb * Double(h) * Double(w) / Double(kh * kw)
        / Double((h - kh + 1) * (w - kw + 1))
    let maskShape = [b, coupleChannels ? 1 : c, h, w]
    let seeds = bernoulli(maskShape, p: gamma, generator: generator).scalars  // (B, 1|C, H, W)
    let blocks = growBlocks(seeds, maps: maskShape[0] * maskShape[1], h: h, w: w, kh: kh, kw: kw)
    var keep = blocks.map { 1 - $0 }
    if withNoise {
        let noise = randn(maskShape, generator: generator) * Tensor(blocks, shape: maskShape)
        return x * Tensor(keep, shape: maskShape) + noise
    }
    if scaleByKeep {
        // timm: keep.numel() / (keep.sum() + 1e-7); Tensor.__rtruediv__ is reciprocal() * numel.
        let kept = Float(keep.count { $0 == 1 }) + Float(1e-7)
        let scale = (1 / kept) * Float(keep.count)
        keep = keep.map { $0 * scale }
    }
    return x * Tensor(keep, shape: maskShape)
}

/// 1 on every position within a block around a seed: `max_pool2d(seeds, (kh, kw), stride 1,
/// padding (kh/2, kw/2))`, then timm's crop of the extra row/column an even size gives.
///
/// The pool is separable, and on 0s and 1s exact: a row pass marks the positions with a seed
/// within their window of columns, then a column pass those with a mark within their window of
/// rows (kh + kw looks per position instead of kh · kw).
private func growBlocks(_ seeds: [Float], maps: Int, h: Int, w: Int, kh: Int, kw: Int) -> [Float] {
    // Output (i, j) of the cropped pool covers rows i + crop − pad … + kh − 1 of the input.
    let top = (kh + 1) % 2 - kh / 2, left = (kw + 1) % 2 - kw / 2
    var out = [Float](repeating: 0, count: seeds.count)
    var marks = [Bool](repeating: false, count: h * w)
    for map in 0..<maps {
        let base = map * h * w
        for r in 0..<h {
            for j in 0..<w {
                var hit = false
                for s in max(0, j + left)..<min(w, j + left + kw) where seeds[base + r * w + s] == 1 {
                    hit = true
                    break
                }
                marks[r * w + j] = hit
            }
        }
        for i in 0..<h {
            for j in 0..<w {
                var hit: Float = 0
                for r in max(0, i + top)..<min(h, i + top + kh) where marks[r * w + j] {
                    hit = 1
                    break
                }
                out[base + i * w + j] = hit
            }
        }
    }
    return out
}

/// DropBlock as a layer, like timm's `DropBlock2d`: active in training mode, the identity after
/// `eval()` or at `dropProb = 0` (drawing nothing).
public final class DropBlock2d: Module {
    /// True while training (the default on creation).
    public var training = true
    /// The probability, before `gammaScale`, that a position is dropped.
    public let dropProb: Double
    /// The side of each dropped square (clipped to the feature map).
    public let blockSize: Int
    /// A factor on the seed probability γ.
    public let gammaScale: Double
    /// Fill dropped regions with standard normal noise instead of zeros.
    public let withNoise: Bool
    /// One spatial mask shared by all channels of a sample (the paper's form).
    public let coupleChannels: Bool
    /// Scale kept values so that the mean is unchanged.
    public let scaleByKeep: Bool

    /// Creates a DropBlock layer with timm's defaults.
    public init(
        dropProb: Double = 0.1, blockSize: Int = 7, gammaScale: Double = 1, withNoise: Bool = false,
        coupleChannels: Bool = true, scaleByKeep: Bool = true
    ) {
        self.dropProb = dropProb
        self.blockSize = blockSize
        self.gammaScale = gammaScale
        self.withNoise = withNoise
        self.coupleChannels = coupleChannels
        self.scaleByKeep = scaleByKeep
    }

    /// Applies `dropBlock2d` with this layer's settings and the default generator.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        if !training || dropProb == 0 { return x }
        return dropBlock2d(
            x, dropProb: dropProb, blockSize: blockSize, gammaScale: gammaScale, withNoise: withNoise,
            coupleChannels: coupleChannels, scaleByKeep: scaleByKeep)
    }
}
