internal import _DropKernels

/// The tape entry of attention's core, from the `qkv` projection `(B, N, 3·D)` to the merged
/// heads `(B, N, D)`; `qkv` and `proj` record their own `Linear` nodes around it.
///
/// Per (sample, head), with `Q` already scaled, `P = softmax(Q·Kᵀ)` and `O = P·V`:
/// `∂V = Pᵀ·∂O`, `∂P = ∂O·Vᵀ`, `∂S = P ⊙ (∂P − rowsum(P ⊙ ∂P))`, `∂Q = scale · ∂S·K`,
/// `∂K = ∂Sᵀ·Q`. `P` is recomputed with the forward's kernels, so it has the forward's bits.
extension Tensor {
    /// `self` = the merged heads computed from `projected` (whose node this records), given the
    /// `packed` queries (scaled), keys and values the forward used.
    func recordingAttention(of projected: Tensor, packed: [Float], _ attention: Attention) -> Tensor
    {
        guard Tensor.recordsGradient(projected) else { return self }
        let (b, n, d) = (shape[0], shape[1], shape[2])
        let (heads, headDim, scale) = (attention.numHeads, attention.headDim, attention.scale)
        return recording("ViewBackward0", [projected]) { g in
            let threads = b * n * n * d < 1 << 18 ? 1 : getNumThreads()
            let gradPacked = freshScalars(count: b * n * 3 * d) { out in
                packed.withUnsafeBufferPointer { p in
                    g.withElements { pg in
                        parallelFor(b * heads, threads: threads) { pair in
                            let (sample, head) = pair.quotientAndRemainder(dividingBy: heads)
                            let at = sample * n * 3 * d + head * headDim  // this head's q column
                            let view = { (part: Int) in
                                MatrixView(p.baseAddress! + at + part * d, rows: n, cols: headDim, rowStride: 3 * d)
                            }
                            let (q, k, v) = (view(0), view(1), view(2))
                            let gradO = MatrixView(
                                pg.baseAddress! + sample * n * d + head * headDim, rows: n,
                                cols: headDim, rowStride: d)
                            withScratch(count: 2 * n * n) { scratch in
                                let (probs, gradS) = (scratch, scratch + n * n)  // (N, N) each
                                gemm(q, k.transposed, into: probs, rowStride: n, threads: 1)
                                kernels.softmaxRows(probs, n, n)
                                let pView = MatrixView(probs, rows: n, cols: n)
                                gemm(pView.transposed, gradO, into: out + at + 2 * d, rowStride: 3 * d, threads: 1)
                                gemm(gradO, v.transposed, into: gradS, rowStride: n, threads: 1)
                                for i in 0..<n {
                                    var dot: Float = 0
                                    for j in 0..<n { dot += probs[i * n + j] * gradS[i * n + j] }
                                    for j in 0..<n { gradS[i * n + j] = probs[i * n + j] * (gradS[i * n + j] - dot) }
                                }
                                let sView = MatrixView(gradS, rows: n, cols: n)
                                gemm(sView, k, into: out + at, rowStride: 3 * d, threads: 1)
                                for i in 0..<n {
                                    for j in 0..<headDim { out[at + i * 3 * d + j] *= scale }
                                }
                                gemm(sView.transposed, q, into: out + at + d, rowStride: 3 * d, threads: 1)
                            }
                        }
                    }
                }
            }
            return [Tensor(uncheckedScalars: gradPacked, shape: [b, n, 3 * d])]
        }
    }
}
