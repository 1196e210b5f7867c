internal import _DropKernels

// MARK: - matmul

extension Tensor {
    /// The matrix product of `self` and `other`, with `torch.matmul`'s rules.
    ///
    /// 1-D · 1-D is a dot product (a 0-d tensor); a 1-D operand is treated as a row (left) or a
    /// column (right) vector and that dimension is removed from the result; 2-D · 2-D is a
    /// matrix product; higher ranks are batches of matrices whose batch dimensions broadcast.
    ///
    /// Every output element is summed in the order k = 0, 1, 2, … with a fused multiply-add per
    /// step, so the result is the same on every machine and thread count (it can differ from
    /// PyTorch's BLAS in the last bits). Large products run on `getNumThreads()` threads.
    public func matmul(_ other: Tensor) -> Tensor {
        check(
            ndim >= 1 && other.ndim >= 1,
            "both arguments to matmul need to be at least 1D, but they are \(ndim)D and \(other.ndim)D")
        // A 1-D operand becomes a (1, K) row or a (K, 1) column, removed again from the result.
        let a = ndim == 1 ? reshape([1, shape[0]]) : self
        let b = other.ndim == 1 ? other.reshape([other.shape[0], 1]) : other
        let (m, k) = (a.shape[a.ndim - 2], a.shape[a.ndim - 1])
        let (k2, n) = (b.shape[b.ndim - 2], b.shape[b.ndim - 1])
        check(
            k == k2,
            "mat1 and mat2 shapes cannot be multiplied (\(m)x\(k) and \(k2)x\(n))"
                + (ndim > 2 || other.ndim > 2 ? " for shapes \(shape) and \(other.shape)" : ""))

        let aBatch = Size(Array(a.shape.dims.dropLast(2)))
        let bBatch = Size(Array(b.shape.dims.dropLast(2)))
        let batch = Size.broadcast(aBatch, bBatch)
        let aOffsets = matrixOffsets(aBatch, in: batch, matrixSize: m * k)
        let bOffsets = matrixOffsets(bBatch, in: batch, matrixSize: k * n)

        let out = freshScalars(count: aOffsets.count * m * n) { pc in
            a.withElements { pa in
                b.withElements { pb in
                    for i in aOffsets.indices {
                        gemm(
                            MatrixView(pa.baseAddress! + aOffsets[i], rows: m, cols: k),
                            MatrixView(pb.baseAddress! + bOffsets[i], rows: k, cols: n),
                            into: pc + i * m * n, rowStride: n)
                    }
                }
            }
        }
        var dims = batch.dims + [m, n]
        if other.ndim == 1 { dims.removeLast() }
        if ndim == 1 { dims.remove(at: dims.count - (other.ndim == 1 ? 1 : 2)) }
        return Tensor(uncheckedScalars: out, shape: Size(dims)).recordingMatmul(self, other)
    }
}

/// Where each matrix of the broadcast `batch` (in row-major order) starts in an operand whose
/// batch shape is `own`; a broadcast dimension reuses the same matrix.
private func matrixOffsets(_ own: Size, in batch: Size, matrixSize: Int) -> [Int] {
    let strides = own.broadcastStrides(to: batch)
    var offsets = [0]
    for d in batch.indices {
        offsets = offsets.flatMap { base in
            (0..<batch[d]).map { base + $0 * strides[d] * matrixSize }
        }
    }
    return offsets
}
