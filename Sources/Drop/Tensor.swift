/// A float32 N-dimensional tensor, stored contiguously in row-major order.
///
/// `Tensor` has value semantics: copies share storage until one of them is written to
/// (the storage is a Swift array, which is copy-on-write). `x[i]` shares its storage too: it
/// is a window on `x`'s array, as PyTorch's is a view, and only copies its elements out when
/// they are read as an array or written to. Printing a tensor gives exactly
/// what PyTorch prints for the same values. `==` compares whole tensors (shape and every value;
/// NaN is never equal); elementwise masks come from `.==`, `<` and friends.
///
/// A tensor that requires grad also carries a `GradNode` (see there for the design of the tape).
public struct Tensor: Sendable, Equatable {
    /// The elements, unless `node` is a leaf that holds them (see `scalars`); for a window
    /// (`x[i]`), the array it shares, whose elements from `window` on are this tensor's.
    var storage: [Float]
    /// Where a window's elements start in `storage`; nil when `storage` holds exactly the
    /// tensor's elements.
    var window: Int?
    /// The extent of each dimension, outermost first.
    public internal(set) var shape: Size
    /// The autograd record: nil for a tensor that does not require grad.
    var node: GradNode?

    /// The elements in row-major (C) order; `scalars.count == shape.numel`.
    ///
    /// A leaf that requires grad keeps its values in its node, so that every copy (the module's
    /// property, the optimizer's handle) sees an optimizer's update.
    public internal(set) var scalars: [Float] {
        get {
            if let start = window {
                return Array(storage[start..<start + shape.numel])
            }
            return node?.leafValue ?? storage
        }
        _modify {
            if let node, node.isLeaf {
                yield &node.value
            } else {
                closeWindow()
                yield &storage
            }
        }
    }

    /// Copies a window's elements out into an array of their own (no-op for other tensors).
    mutating func closeWindow() {
        guard let start = window else { return }
        storage = Array(storage[start..<start + shape.numel])
        window = nil
    }

    /// Calls `body` with the elements where they lie: a window's without copying them out.
    func withElements<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        guard let start = window else { return try scalars.withUnsafeBufferPointer(body) }
        return try storage.withUnsafeBufferPointer { whole in
            try body(UnsafeBufferPointer(rebasing: whole[start..<start + shape.numel]))
        }
    }

    /// A window of `count` elements of this tensor's, from `offset` on, as a tensor of `shape`
    /// (no copy; no node, which the caller records).
    func window(from offset: Int, shape: Size) -> Tensor {
        var result = Tensor(uncheckedScalars: node?.leafValue ?? storage, shape: shape)
        let start = (window ?? 0) + offset
        if start != 0 || shape.numel != result.storage.count { result.window = start }
        return result
    }

    /// Creates a tensor from row-major `scalars` and a `shape` whose element count matches.
    public init(_ values: [Float], shape: [Int]) {
        check(shape.allSatisfy { $0 >= 0 }, "shape \(shape) has a negative extent")
        check(
            values.count == Size(shape).numel,
            "shape \(Size(shape)) is invalid for input of size \(values.count)")
        self.storage = values
        self.shape = Size(shape)
    }

    /// Creates a 1-D tensor holding `values`.
    public init(_ values: [Float]) {
        self.init(values, shape: [values.count])
    }

    /// Creates a 0-d tensor holding one value, like `torch.tensor(v)`.
    public init(_ value: Float) {
        self.init([value], shape: [])
    }

    /// Creates a tensor without checking; `scalars.count` must equal `shape.numel`.
    init(uncheckedScalars scalars: [Float], shape: Size) {
        self.storage = scalars
        self.shape = shape
    }

    /// The number of dimensions.
    public var ndim: Int { shape.count }

    /// The number of elements.
    public var numel: Int { shape.numel }

    /// The value of a one-element tensor, like PyTorch's `item()`.
    public func item() -> Float {
        check(
            numel == 1,
            "a Tensor with \(numel) elements cannot be converted to Scalar")
        return scalars[0]
    }

    /// The same elements viewed with another shape; one extent may be `-1` (inferred).
    public func reshape(_ newShape: [Int]) -> Tensor {
        var dims = newShape
        if let inferred = dims.firstIndex(of: -1) {
            check(dims.count(where: { $0 == -1 }) == 1, "only one dimension can be inferred")
            let known = dims.enumerated().filter { $0.offset != inferred }.map(\.element)
                .reduce(1, *)
            check(
                known != 0 && numel % known == 0,
                "shape '\(newShape)' is invalid for input of size \(numel)")
            dims[inferred] = numel / known
        }
        check(
            dims.allSatisfy { $0 >= 0 } && Size(dims).numel == numel,
            "shape '\(newShape)' is invalid for input of size \(numel)")
        return window(from: 0, shape: Size(dims)).recordingReshape(of: self)
    }

    /// The same elements viewed with another shape; one extent may be `-1` (inferred).
    public func reshape(_ newShape: Int...) -> Tensor { reshape(newShape) }

    /// The sub-tensor at index `i` of the first dimension (negative `i` counts from the end): a
    /// window on this tensor's array, copied only when read as an array or written to.
    public subscript(i: Int) -> Tensor {
        check(ndim > 0, "invalid index of a 0-dim tensor")
        let n = shape[0]
        let j = i < 0 ? i + n : i
        check(
            j >= 0 && j < n,
            "index \(i) is out of bounds for dimension 0 with size \(n)")
        let inner = numel / n  // n > 0: index j passed the bounds check
        return window(from: j * inner, shape: Size(Array(shape.dims.dropFirst())))
            .recordingSelect(of: self, index: j)
    }
}
