/// Broadcasting, as in PyTorch and NumPy: shapes are aligned at their last dimension and every
/// pair of extents must be equal or contain a 1.
extension Size {
    /// The shape two tensors of shapes `a` and `b` broadcast to; stops with PyTorch's message when
    /// they are incompatible.
    static func broadcast(_ a: Size, _ b: Size) -> Size {
        let ndim = Swift.max(a.count, b.count)
        var dims = [Int](repeating: 1, count: ndim)
        for i in 0..<ndim {
            let sizeA = paddedExtent(a, i, ndim), sizeB = paddedExtent(b, i, ndim)
            check(
                sizeA == sizeB || sizeA == 1 || sizeB == 1,
                "The size of tensor a (\(sizeA)) must match the size of tensor b (\(sizeB)) at "
                    + "non-singleton dimension \(i) (shapes \(a.dims) and \(b.dims))")
            dims[i] = sizeA == 1 ? sizeB : sizeA
        }
        return Size(dims)
    }

    /// The extent of dimension `i` once this shape is left-padded with 1s to `ndim` dimensions.
    private static func paddedExtent(_ s: Size, _ i: Int, _ ndim: Int) -> Int {
        let j = i - (ndim - s.count)
        return j < 0 ? 1 : s[j]
    }

    /// Row-major element strides for reading a tensor of this shape as if it had shape `target`:
    /// broadcast (and padded) dimensions get stride 0.
    func broadcastStrides(to target: Size) -> [Int] {
        var strides = [Int](repeating: 0, count: target.count)
        var step = 1
        for j in (0..<count).reversed() {
            if dims[j] != 1 { strides[j + target.count - count] = step }
            step *= dims[j]
        }
        return strides
    }
}

extension Tensor {
    /// `op` applied to each element, one float32 operation per element.
    @inline(__always)
    func map(_ op: (Float) -> Float) -> Tensor {
        let n = numel
        let out = scalars.withUnsafeBufferPointer { x in
            [Float](unsafeUninitializedCapacity: n) { buffer, count in
                for i in 0..<n { buffer[i] = op(x[i]) }
                count = n
            }
        }
        return Tensor(uncheckedScalars: out, shape: shape)
    }

    /// `op(a, b)` for every pair of elements of `a` and `b` broadcast together.
    @inline(__always)
    static func broadcasting(_ a: Tensor, _ b: Tensor, _ op: (Float, Float) -> Float) -> Tensor {
        let shape = a.shape == b.shape ? a.shape : Size.broadcast(a.shape, b.shape)
        let n = shape.numel
        let out = a.scalars.withUnsafeBufferPointer { x in
            b.scalars.withUnsafeBufferPointer { y in
                [Float](unsafeUninitializedCapacity: n) { z, count in
                    count = n
                    // Fast paths: same shape, or one side a single value.
                    if a.numel == n && b.numel == n {
                        for i in 0..<n { z[i] = op(x[i], y[i]) }
                    } else if b.numel == 1 && a.numel == n {
                        let v = y[0]
                        for i in 0..<n { z[i] = op(x[i], v) }
                    } else if a.numel == 1 && b.numel == n {
                        let v = x[0]
                        for i in 0..<n { z[i] = op(v, y[i]) }
                    } else if n > 0 {
                        let sa = a.shape.broadcastStrides(to: shape)
                        let sb = b.shape.broadcastStrides(to: shape)
                        let last = shape.count - 1
                        let inner = shape[last], ia = sa[last], ib = sb[last]
                        // Walk the outer dimensions like an odometer, one innermost row at a time.
                        var index = [Int](repeating: 0, count: last)
                        var offA = 0, offB = 0, o = 0
                        while o < n {
                            // Unit and zero strides get their own loops, which the compiler vectorises.
                            switch (ia, ib) {
                            case (1, 1): for k in 0..<inner { z[o + k] = op(x[offA + k], y[offB + k]) }
                            case (1, 0):
                                let v = y[offB]
                                for k in 0..<inner { z[o + k] = op(x[offA + k], v) }
                            case (0, 1):
                                let v = x[offA]
                                for k in 0..<inner { z[o + k] = op(v, y[offB + k]) }
                            default:
                                for k in 0..<inner { z[o + k] = op(x[offA + k * ia], y[offB + k * ib]) }
                            }
                            o += inner
                            var d = last - 1
                            while d >= 0 {
                                index[d] += 1
                                offA += sa[d]
                                offB += sb[d]
                                if index[d] < shape[d] { break }
                                offA -= sa[d] * shape[d]
                                offB -= sb[d] * shape[d]
                                index[d] = 0
                                d -= 1
                            }
                        }
                    }
                }
            }
        }
        return Tensor(uncheckedScalars: out, shape: shape)
    }
}
