/// Reordering and reshaping dimensions. Every result is a contiguous tensor of its own.
extension Tensor {
    /// `dim` made non-negative; stops with PyTorch's message when it is out of range.
    ///
    /// A 0-d tensor accepts dims -1 and 0, as in PyTorch; `extra` widens the range for
    /// `unsqueeze`, which may insert a dimension after the last.
    func normalizedDim(_ dim: Int, extra: Int = 0) -> Int {
        let rank = Swift.max(ndim + extra, 1)
        check(
            dim >= -rank && dim < rank,
            "Dimension out of range (expected to be in range of [\(-rank), \(rank - 1)], but got \(dim))")
        return dim < 0 ? dim + rank : dim
    }

    /// The dimensions reordered so that dimension `i` of the result is dimension `dims[i]` of self.
    public func permute(_ dims: [Int]) -> Tensor {
        check(
            dims.count == ndim,
            "permute: number of dims don't match (input.dim() = \(ndim), len(dims) = \(dims.count))")
        let order = dims.map { normalizedDim($0) }
        check(Set(order).count == ndim, "permute: repeated dim in \(dims)")
        var inStrides = [Int](repeating: 1, count: ndim)
        for d in (0..<Swift.max(ndim - 1, 0)).reversed() { inStrides[d] = inStrides[d + 1] * shape[d + 1] }
        let outShape = Size(order.map { shape[$0] })
        let strides = order.map { inStrides[$0] }  // source stride of each output dimension
        let n = numel
        guard ndim > 1, n > 0 else {
            return Tensor(uncheckedScalars: scalars, shape: outShape).recordingPermute(of: self, order)
        }
        let last = ndim - 1
        let inner = outShape[last], innerStride = strides[last]
        let out = withElements { x in
            [Float](unsafeUninitializedCapacity: n) { z, count in
                count = n
                // Walk the output's outer dimensions like an odometer, one innermost row at a time.
                var index = [Int](repeating: 0, count: last)
                var source = 0, o = 0
                while o < n {
                    for k in 0..<inner { z[o + k] = x[source + k * innerStride] }
                    o += inner
                    var d = last - 1
                    while d >= 0 {
                        index[d] += 1
                        source += strides[d]
                        if index[d] < outShape[d] { break }
                        source -= strides[d] * outShape[d]
                        index[d] = 0
                        d -= 1
                    }
                }
            }
        }
        return Tensor(uncheckedScalars: out, shape: outShape).recordingPermute(of: self, order)
    }

    /// The dimensions reordered so that dimension `i` of the result is dimension `dims[i]` of self.
    public func permute(_ dims: Int...) -> Tensor { permute(dims) }

    /// Dimensions `dim0` and `dim1` swapped, as a contiguous copy (PyTorch returns a view).
    public func transpose(_ dim0: Int, _ dim1: Int) -> Tensor {
        var order = Array(0..<ndim)
        order.swapAt(normalizedDim(dim0), normalizedDim(dim1))
        return permute(order).recordingPermute(of: self, order, name: "TransposeBackward0")
    }

    /// A dimension of extent 1 inserted at `dim` (negative counts from the end of the result).
    public func unsqueeze(_ dim: Int) -> Tensor {
        var dims = shape.dims
        dims.insert(1, at: normalizedDim(dim, extra: 1))
        return window(from: 0, shape: Size(dims))
            .recordingSqueeze(of: self, name: "UnsqueezeBackward0")
    }

    /// Every dimension of extent 1 removed.
    public func squeeze() -> Tensor {
        window(from: 0, shape: Size(shape.dims.filter { $0 != 1 }))
            .recordingSqueeze(of: self, name: "SqueezeBackward0")
    }

    /// Dimension `dim` removed if its extent is 1; otherwise the tensor unchanged, as in PyTorch.
    public func squeeze(_ dim: Int) -> Tensor {
        let d = normalizedDim(dim)
        guard ndim > 0, shape[d] == 1 else { return recordingSqueeze(of: self, name: "SqueezeBackward1") }
        var dims = shape.dims
        dims.remove(at: d)
        return window(from: 0, shape: Size(dims))
            .recordingSqueeze(of: self, name: "SqueezeBackward1")
    }

    /// Dimensions `startDim...endDim` merged into one, like `torch.flatten` (a 0-d tensor gives 1-D).
    public func flatten(_ startDim: Int = 0, _ endDim: Int = -1) -> Tensor {
        let start = normalizedDim(startDim), end = normalizedDim(endDim)
        guard ndim > 0 else { return reshape([1]) }
        check(start <= end, "flatten() has invalid args: start_dim cannot come after end_dim")
        let merged = shape.dims[start...end].reduce(1, *)
        return reshape(Array(shape.dims[..<start]) + [merged] + Array(shape.dims[(end + 1)...]))
    }
}
