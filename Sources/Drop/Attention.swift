internal import _DropKernels

import Glibc

/// Multi-head self-attention, like timm 1.0's `vision_transformer.Attention` at its defaults.
///
/// `qkv` projects each token to queries, keys and values for all heads at once; each head
/// computes `softmax(q·scale · kᵀ) · v`; `proj` mixes the heads back. timm's `q_norm`, `k_norm`,
/// `attn_drop` and `proj_drop` are identities at these defaults (no QK norm, rates 0), so they are
/// left out: they draw nothing and change nothing. This is timm's explicit (non-fused) path;
/// timm's default `F.scaled_dot_product_attention` agrees with it up to float32 rounding.
public final class Attention: Module {
    /// True while training; attention without dropout behaves the same in both modes.
    public var training = true
    /// The number of heads.
    public let numHeads: Int
    /// The width of one head, `dim / numHeads`.
    public let headDim: Int
    /// The query scale, `headDim^-0.5`.
    public let scale: Float
    /// The joint projection to queries, keys and values: `dim` → `3·dim`.
    public let qkv: Linear
    /// The output projection: `dim` → `dim`.
    public let proj: Linear

    /// The submodules in timm's registration order.
    public var children: [any Module] { [qkv, proj] }
    /// timm's attribute names of `children`.
    public var childNames: [String] { ["qkv", "proj"] }

    /// Creates the layer; draws the `qkv` weights (and bias if `qkvBias`), then `proj`'s, as timm.
    public init(dim: Int, numHeads: Int = 8, qkvBias: Bool = false) {
        check(
            numHeads > 0 && dim % numHeads == 0,
            "dim should be divisible by num_heads (dim \(dim), numHeads \(numHeads))")
        self.numHeads = numHeads
        headDim = dim / numHeads
        scale = Float(pow(Double(headDim), -0.5))
        qkv = Linear(inFeatures: dim, outFeatures: 3 * dim, bias: qkvBias)
        proj = Linear(inFeatures: dim, outFeatures: dim)
    }

    /// Attends over the tokens of each sample: `(B, N, D)` → `(B, N, D)`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        check(
            x.ndim == 3 && x.shape[2] == numHeads * headDim,
            "Attention expects (B, N, \(numHeads * headDim)), got \(x.shape)")
        let (b, n, d) = (x.shape[0], x.shape[1], x.shape[2])
        // One row per token: [q (all heads) | k | v], each head a slice of headDim columns.
        var projected = qkv(x)  // (B, N, 3·D)
        var packed = projected.takeScalars()  // (B·N, 3·D)
        packed.withUnsafeMutableBufferPointer { p in
            for row in 0..<(b * n) {
                for j in 0..<d { p[row * 3 * d + j] *= scale }
            }
        }

        // Each (sample, head) pair on its own: scores, softmax and the weighted sum of values,
        // written to the head's headDim columns of the merged (B, N, D) output. Pairs go to
        // several threads unless the whole is too small to repay waking them.
        let threads = b * n * n * d < 1 << 18 ? 1 : getNumThreads()
        let merged = freshScalars(count: b * n * d) { o in
            packed.withUnsafeBufferPointer { p in
                parallelFor(b * numHeads, threads: threads) { pair in
                    let (sample, head) = pair.quotientAndRemainder(dividingBy: numHeads)
                    let q = headView(p.baseAddress!, sample, head, part: 0, tokens: n, dim: d)
                    let k = headView(p.baseAddress!, sample, head, part: 1, tokens: n, dim: d)
                    let v = headView(p.baseAddress!, sample, head, part: 2, tokens: n, dim: d)
                    withScratch(count: n * n) { scores in  // (N, N)
                        gemm(q, k.transposed, into: scores, rowStride: n, threads: 1)
                        kernels.softmaxRows(scores, n, n)
                        gemm(
                            MatrixView(scores, rows: n, cols: n), v,
                            into: o + sample * n * d + head * headDim, rowStride: d, threads: 1)
                    }
                }
            }
        }
        return proj(
            Tensor(uncheckedScalars: merged, shape: [b, n, d]).recordingAttention(of: projected, packed: packed, self))
    }

    /// One head's queries (`part` 0), keys (1) or values (2) of one sample: `(N, headDim)`.
    private func headView(
        _ packed: UnsafePointer<Float>, _ sample: Int, _ head: Int, part: Int, tokens: Int, dim: Int
    ) -> MatrixView {
        MatrixView(
            packed + sample * tokens * 3 * dim + part * dim + head * headDim,
            rows: tokens, cols: headDim, rowStride: 3 * dim)
    }
}
