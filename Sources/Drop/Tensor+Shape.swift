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
        // In output order, each element of an output row reads its own cache line of `x`; the
        // next step of the dimension adjacent in `x` (j) reuses those lines, from cache only if
        // the rows in between are few. Otherwise the copy goes in bands of 16 rows.
        if innerStride != 1, let j = strides.firstIndex(of: 1), n >= blockedPermuteElements,
            outShape.dims[(j + 1)...].reduce(1, *) > permuteReuseElements
        {
            let out = withElements { x in
                freshScalars(count: n) { z in
                    permuteInBands(x.baseAddress!, z, outShape: outShape.dims, strides: strides, contiguous: j)
                }
            }
            return Tensor(uncheckedScalars: out, shape: outShape).recordingPermute(of: self, order)
        }
        let out = withElements { xs in
            freshScalars(count: n) { z in
                let x = xs.baseAddress!
                // Output rows in ranges on Drop's threads; each range walks the output's outer
                // dimensions like an odometer from its first row, one innermost row at a time.
                forEachRange(n / inner, itemSize: inner) { rows in
                    var index = [Int](repeating: 0, count: last)
                    var (rest, source) = (rows.lowerBound, 0)
                    for d in (0..<last).reversed() {
                        index[d] = rest % outShape[d]
                        rest /= outShape[d]
                        source += index[d] * strides[d]
                    }
                    var o = rows.lowerBound * inner
                    while o < rows.upperBound * inner {
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

/// Elements from which `permute` copies in bands (below, one pass in output order is as fast).
let blockedPermuteElements = 1 << 14

/// Output elements between two steps of the dimension adjacent in the source above which
/// `permute` copies in bands: 512 cache lines (32 KiB, an L1 data cache) to keep in between.
/// `transpose(1, 2)` of `(64, 197, 768)` keeps 197 and stays in output order; `permute(2, 0, 1)`
/// keeps 12,608 and goes in bands.
let permuteReuseElements = 512

/// Rows of `permuteInBands`' bands: 16 floats, one 64-byte cache line.
private let permuteBand = 16

/// `z`, the `outShape` result of a permutation of `x` whose output dimension d steps `strides[d]`
/// floats in `x`, when the last output dimension is strided in `x` and dimension `contiguous` is
/// the one adjacent in `x`: for each index of the other dimensions, a 2-D transpose between those
/// two, in bands of 16 rows, so that every cache line read or written is used whole while it is
/// in cache (an output row walked in order reads a new line per element). Bands go to Drop's
/// threads; it is a copy, so no bit depends on the order.
private func permuteInBands(
    _ x: UnsafePointer<Float>, _ z: UnsafeMutablePointer<Float>, outShape: [Int], strides: [Int], contiguous j: Int
) {
    let last = outShape.count - 1
    var outStrides = [Int](repeating: 1, count: outShape.count)
    for d in (0..<last).reversed() { outStrides[d] = outStrides[d + 1] * outShape[d + 1] }
    let others = (0..<last).filter { $0 != j }
    let outer = others.reduce(1) { $0 * outShape[$1] }
    let (rows, cols) = (outShape[j], outShape[last])  // a 2-D block: rows adjacent in x, cols in z
    let (rowStride, colStride) = (outStrides[j], strides[last])
    let bands = (rows + permuteBand - 1) / permuteBand
    forEachRange(outer * bands, itemSize: permuteBand * cols) { items in
        for item in items {
            // The other dimensions' index, from the item's block number.
            var (block, source, target) = (item / bands, 0, 0)
            for d in others.reversed() {
                let i = block % outShape[d]
                block /= outShape[d]
                source += i * strides[d]
                target += i * outStrides[d]
            }
            // Each step of c reads one line of x (16 adjacent rows) and writes one float into
            // each of 16 lines of z, which fill up over 16 steps while they stay in cache.
            let r0 = item % bands * permuteBand, r1 = Swift.min(rows, r0 + permuteBand)
            for c in 0..<cols {
                let from = x + source + c * colStride, to = z + target + c
                for r in r0..<r1 { to[r * rowStride] = from[r] }
            }
        }
    }
}

