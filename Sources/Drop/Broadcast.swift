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

/// How two operands are read along their broadcast shape, with adjacent dimensions merged
/// wherever both operands step through them evenly (contiguously, or not at all), so that the
/// innermost loop is as long as possible: `(64, 197, 768) · (64, 1, 1)` runs as 64 rows of
/// 151,296 elements times one value each.
struct BroadcastLayout {
    /// Merged extents, outermost first (at least one).
    var dims: [Int]
    /// Each operand's element stride along each merged dimension (0 where it is broadcast).
    var stridesA: [Int], stridesB: [Int]

    init(_ a: Size, _ b: Size, to shape: Size) {
        let sa = a.broadcastStrides(to: shape), sb = b.broadcastStrides(to: shape)
        dims = [1]
        stridesA = [0]
        stridesB = [0]
        // From the innermost dimension outwards; extents of 1 are never stepped through.
        for d in shape.indices.reversed() where shape[d] != 1 {
            let e = dims.count - 1
            if dims[e] == 1 {
                (dims[e], stridesA[e], stridesB[e]) = (shape[d], sa[d], sb[d])
            } else if sa[d] == stridesA[e] * dims[e] && sb[d] == stridesB[e] * dims[e] {
                dims[e] *= shape[d]
            } else {
                dims.append(shape[d])
                stridesA.append(sa[d])
                stridesB.append(sb[d])
            }
        }
        dims.reverse()
        stridesA.reverse()
        stridesB.reverse()
    }

    /// Writes `op(x[·], y[·])` for every element of the broadcast shape into `z`, one innermost
    /// row at a time; rows are shared among Drop's threads when the work is large.
    @inline(__always)
    func apply<Op: BinaryOp>(
        _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ z: UnsafeMutablePointer<Float>,
        _ op: Op
    ) {
        let last = dims.count - 1
        let inner = dims[last], ia = stridesA[last], ib = stridesB[last]
        let rows = dims[..<last].reduce(1, *)
        forEachRange(rows, itemSize: inner) { range in
            // The outer index of the first row, then an odometer over the outer dimensions.
            var index = [Int](repeating: 0, count: last)
            var offA = 0, offB = 0, rest = range.lowerBound
            for d in (0..<last).reversed() {
                index[d] = rest % dims[d]
                rest /= dims[d]
                offA += index[d] * stridesA[d]
                offB += index[d] * stridesB[d]
            }
            for row in range {
                // Unit and zero strides get their own loops, which the compiler vectorises
                // (indexing row pointers: no overflow-checked index sums in the loop).
                let zr = z + row * inner, xr = x + offA, yr = y + offB
                switch (ia, ib) {
                case (1, 1): for k in 0..<inner { zr[k] = op(xr[k], yr[k]) }
                case (1, 0):
                    let v = yr[0]
                    for k in 0..<inner { zr[k] = op(xr[k], v) }
                case (0, 1):
                    let v = xr[0]
                    for k in 0..<inner { zr[k] = op(v, yr[k]) }
                default:
                    for k in 0..<inner { zr[k] = op(xr[k * ia], yr[k * ib]) }
                }
                var d = last - 1
                while d >= 0 {
                    index[d] += 1
                    offA += stridesA[d]
                    offB += stridesB[d]
                    if index[d] < dims[d] { break }
                    offA -= stridesA[d] * dims[d]
                    offB -= stridesB[d] * dims[d]
                    index[d] = 0
                    d -= 1
                }
            }
        }
    }
}
