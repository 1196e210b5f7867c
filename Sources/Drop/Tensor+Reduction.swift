/// Reductions over all elements or along one dimension.
///
/// Sums accumulate in Double, so results can differ from PyTorch's float32 cascade sums in the
/// last bits; tests compare them with a tolerance.
extension Tensor {
    /// The sum of all elements, as a 0-d tensor.
    public func sum() -> Tensor {
        reduce(dim: nil, keepdim: false, Tensor.sum).recordingSum(of: self, dim: nil, keepdim: false)
    }
    /// The sums along `dim`; `keepdim` keeps it with extent 1.
    public func sum(dim: Int, keepdim: Bool = false) -> Tensor {
        reduce(dim: dim, keepdim: keepdim, Tensor.sum).recordingSum(of: self, dim: dim, keepdim: keepdim)
    }

    /// The mean of all elements, as a 0-d tensor (`nan` when empty).
    public func mean() -> Tensor {
        reduce(dim: nil, keepdim: false, Tensor.mean).recordingMean(of: self, dim: nil, keepdim: false)
    }
    /// The means along `dim`; `keepdim` keeps it with extent 1.
    public func mean(dim: Int, keepdim: Bool = false) -> Tensor {
        reduce(dim: dim, keepdim: keepdim, Tensor.mean).recordingMean(of: self, dim: dim, keepdim: keepdim)
    }

    /// The variance of all elements, as a 0-d tensor: unbiased by default (`correction` 1, as
    /// `torch.var`); `correction: 0` gives the biased variance LayerNorm uses.
    public func `var`(correction: Int = 1) -> Tensor {
        reduce(dim: nil, keepdim: false, Tensor.variance(correction: correction))
    }
    /// The variances along `dim` (unbiased unless `correction` says otherwise); `keepdim` keeps
    /// `dim` with extent 1.
    public func `var`(dim: Int, keepdim: Bool = false, correction: Int = 1) -> Tensor {
        reduce(dim: dim, keepdim: keepdim, Tensor.variance(correction: correction))
    }

    /// The largest element (`nan` if any is), as a 0-d tensor.
    public func max() -> Tensor { extreme("max", dim: nil, keepdim: false, >) }
    /// The largest elements along `dim` (the values of PyTorch's `max(dim)`).
    public func max(dim: Int, keepdim: Bool = false) -> Tensor {
        extreme("max", dim: dim, keepdim: keepdim, >)
    }

    /// The smallest element (`nan` if any is), as a 0-d tensor.
    public func min() -> Tensor { extreme("min", dim: nil, keepdim: false, <) }

    // MARK: - Kernels: each reduces `count` values `stride` apart.

    private static func sum(_ x: UnsafePointer<Float>, _ count: Int, _ stride: Int) -> Float {
        Float(doubleSum(x, count, stride))
    }

    private static func mean(_ x: UnsafePointer<Float>, _ count: Int, _ stride: Int) -> Float {
        Float(doubleSum(x, count, stride) / Double(count))
    }

    private static func variance(correction: Int) -> (UnsafePointer<Float>, Int, Int) -> Float {
        { x, count, stride in
            // Two passes: the mean first, then squared deviations, avoiding cancellation.
            let mean = doubleSum(x, count, stride) / Double(count)
            var squares = 0.0
            for k in 0..<count {
                let d = Double(x[k * stride]) - mean
                squares += d * d
            }
            // No degrees of freedom left gives nan (or inf), as in PyTorch.
            return Float(squares / Double(Swift.max(count - correction, 0)))
        }
    }

    private static func doubleSum(_ x: UnsafePointer<Float>, _ count: Int, _ stride: Int) -> Double {
        var total = 0.0
        for k in 0..<count { total += Double(x[k * stride]) }
        return total
    }

    /// The elements preferred by `better`, with NaN winning as in PyTorch; `name` is the
    /// operation PyTorch's message names when there is nothing to choose from.
    private func extreme(
        _ name: String, dim: Int?, keepdim: Bool, _ better: (Float, Float) -> Bool
    ) -> Tensor {
        if let dim {
            let d = normalizedDim(dim)
            check(
                ndim == 0 || shape[d] > 0,
                "\(name)(): Expected reduction dim \(d) to have non-zero size.")
        } else {
            check(
                numel > 0,
                "\(name)(): Expected reduction dim to be specified for input.numel() == 0. "
                    + "Specify the reduction dim with the 'dim' argument.")
        }
        return reduce(dim: dim, keepdim: keepdim) { x, count, stride in
            var best = x[0]
            for k in 0..<count {
                let v = x[k * stride]
                if v.isNaN { return v }
                if better(v, best) { best = v }
            }
            return best
        }
    }

    /// Applies `kernel` to every line of values along `dim` (all elements when `dim` is nil).
    private func reduce(
        dim: Int?, keepdim: Bool, _ kernel: (UnsafePointer<Float>, Int, Int) -> Float
    ) -> Tensor {
        guard let dim else {
            return Tensor(scalars.withUnsafeBufferPointer { kernel(Tensor.start(of: $0), numel, 1) })
        }
        let d = normalizedDim(dim)
        let (outer, n, inner) = lines(around: d)
        let out = scalars.withUnsafeBufferPointer { buffer in
            let x = Tensor.start(of: buffer)
            return [Float](unsafeUninitializedCapacity: outer * inner) { z, count in
                count = outer * inner
                for o in 0..<outer {
                    for j in 0..<inner {
                        z[o * inner + j] = kernel(x + o * n * inner + j, n, inner)
                    }
                }
            }
        }
        var dims = shape.dims
        if ndim > 0 {
            if keepdim { dims[d] = 1 } else { dims.remove(at: d) }
        }
        return Tensor(uncheckedScalars: out, shape: Size(dims))
    }

    /// The first element of `buffer`; for an empty buffer a dangling pointer that no kernel reads,
    /// since every line then has zero values.
    private static func start(of buffer: UnsafeBufferPointer<Float>) -> UnsafePointer<Float> {
        buffer.baseAddress ?? UnsafePointer(bitPattern: MemoryLayout<Float>.alignment)!
    }

    /// The layout around dimension `d`: (extent before, extent of `d`, extent after).
    func lines(around d: Int) -> (outer: Int, n: Int, inner: Int) {
        guard ndim > 0 else { return (1, 1, 1) }
        let outer = shape.dims[..<d].reduce(1, *)
        let inner = shape.dims[(d + 1)...].reduce(1, *)
        return (outer, shape[d], inner)
    }
}
