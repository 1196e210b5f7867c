internal import _DropKernels

/// The tape entry of `Linear`: `∂x = g·W`, `∂W = gᵀ·x`, `∂b = Σ g` over rows, with the kernels'
/// matrix product (the forward is the fused product-plus-bias kernel, kept as is).
extension Tensor {
    /// `self` = `Linear(x)` with `weight` `(out, in)` and `bias`, recorded under PyTorch's name.
    func recordingLinear(_ x: Tensor, _ weight: Tensor, _ bias: Tensor?) -> Tensor {
        let inputs = [x, weight] + (bias.map { [$0] } ?? [])
        guard inputs.contains(where: { $0.node != nil }), GradMode.isEnabled else { return self }
        let savedX = weight.requiresGrad ? SavedTensor(x) : nil
        let savedW = x.requiresGrad ? SavedTensor(weight) : nil
        let (outFeatures, inFeatures) = (weight.shape[0], weight.shape[1])
        let rows = x.numel / inFeatures
        let xShape = x.shape
        let name =
            x.ndim == 2 ? (bias == nil ? "MmBackward0" : "AddmmBackward0") : "UnsafeViewBackward0"
        return recording(name, inputs) { g in
            let gradX = savedW.map { w in  // (rows, in) = (rows, out) · (out, in)
                product(g.scalars, rows, outFeatures, w.unpack().scalars, inFeatures, shape: xShape)
            }
            let gradW = savedX.map { x in  // (out, in) = (rows, out)ᵀ · (rows, in)
                product(
                    g.scalars, rows, outFeatures, x.unpack().scalars, inFeatures,
                    shape: [outFeatures, inFeatures], transposingA: true)
            }
            let gradB = bias.map { _ in g.reshape(rows, outFeatures).sum(dim: 0) }
            return [gradX, gradW] + (bias == nil ? [] : [gradB])
        }
    }
}

/// `A · B` for row-major A `(m, k)` (or, `transposingA`, A stored as `(k, m)`) and B `(k, n)`,
/// where `aRows`×`aCols` is how A is stored.
func product(
    _ a: [Float], _ aRows: Int, _ aCols: Int, _ b: [Float], _ n: Int, shape: Size,
    transposingA: Bool = false
) -> Tensor {
    let m = transposingA ? aCols : aRows
    let out = freshScalars(count: m * n) { c in
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                let stored = MatrixView(pa.baseAddress!, rows: aRows, cols: aCols)
                gemm(
                    transposingA ? stored.transposed : stored,
                    MatrixView(pb.baseAddress!, rows: pb.count / n, cols: n), into: c, rowStride: n)
            }
        }
    }
    return Tensor(uncheckedScalars: out, shape: shape)
}

extension Tensor {
    /// The values of an op's result, moved out so that the caller can change them without a copy;
    /// the tensor keeps its shape and node (for recording) but no values.
    mutating func takeScalars() -> [Float] {
        closeWindow()
        var values: [Float] = []
        swap(&values, &storage)
        return values
    }
}
