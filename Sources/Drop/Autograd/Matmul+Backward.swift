/// The tape entry of `matmul`: `∂a = g · bᵀ` and `∂b = aᵀ · g`, each summed back over broadcast
/// batch dimensions, with 1-D operands promoted as in the forward pass.
extension Tensor {
    /// `self` = `a.matmul(b)`, recorded under PyTorch's name for the case.
    func recordingMatmul(_ a: Tensor, _ b: Tensor) -> Tensor {
        guard Tensor.recordsGradient(a, b) else { return self }
        let savedA = b.requiresGrad ? SavedTensor(a) : nil
        let savedB = a.requiresGrad ? SavedTensor(b) : nil
        let (aDims, bDims) = (a.shape.dims, b.shape.dims)
        // (…, m, k) and (…, k, n), as the forward pass saw them.
        let a2 = aDims.count == 1 ? [1, aDims[0]] : aDims
        let b2 = bDims.count == 1 ? [bDims[0], 1] : bDims
        let batch = Size.broadcast(Size(Array(a2.dropLast(2))), Size(Array(b2.dropLast(2))))
        let g2Shape = batch.dims + [a2[a2.count - 2], b2[b2.count - 1]]
        return recording(Tensor.matmulNodeName(aDims.count, bDims.count), [a, b]) { g in
            let g2 = g.reshape(g2Shape)  // (…, m, n)
            return [
                savedB.map {
                    g2.matmul($0.unpack().reshape(b2).transpose(-1, -2)).sumTo(Size(a2)).reshape(aDims)
                },
                savedA.map {
                    $0.unpack().reshape(a2).transpose(-1, -2).matmul(g2).sumTo(Size(b2)).reshape(bDims)
                },
            ]
        }
    }

    /// The node PyTorch's `matmul` leaves for operands of these ranks.
    private static func matmulNodeName(_ aRank: Int, _ bRank: Int) -> String {
        switch (aRank, bRank) {
        case (1, 1): "DotBackward0"
        case (2, 1): "MvBackward0"
        case (1, 2): "SqueezeBackward4"
        case (2, 2): "MmBackward0"
        default: "UnsafeViewBackward0"
        }
    }
}
