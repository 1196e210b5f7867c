internal import _DropKernels

/// The tape entry of the exact GELU: `∂x = g · (Φ(x) + x·φ(x))`, in float32 as PyTorch's
/// vectorised CPU kernel computes it (the forward's erf; one threaded pass, the same bits on
/// every machine and thread count).
extension Tensor {
    /// `self` = `GELU(x)`, recorded.
    func recordingGELU(of x: Tensor) -> Tensor {
        guard Tensor.recordsGradient(x) else { return self }
        let saved = SavedTensor(x)
        return recording("GeluBackward0", [x]) { g in
            let input = saved.unpack()
            let out = freshScalars(count: input.numel) { out in
                input.withElements { px in
                    g.withElements { pg in
                        kernels.geluBackward(px.baseAddress!, pg.baseAddress!, out, px.count, getNumThreads())
                    }
                }
            }
            return [Tensor(uncheckedScalars: out, shape: input.shape)]
        }
    }
}
