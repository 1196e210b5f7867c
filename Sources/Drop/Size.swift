/// The shape of a tensor: one extent per dimension, printed as PyTorch prints `torch.Size`.
///
/// `print(x.shape)` gives `torch.Size([3, 2, 2, 3])`, as `print(x.shape)` does in PyTorch.
public struct Size: RandomAccessCollection, Hashable, Sendable, ExpressibleByArrayLiteral,
    CustomStringConvertible
{
    /// The extents, outermost first.
    public var dims: [Int]

    /// Creates a size from its extents, outermost first.
    public init(_ dims: [Int]) { self.dims = dims }

    /// Creates a size from an array literal, as in `let s: Size = [3, 2]`.
    public init(arrayLiteral elements: Int...) { self.dims = elements }

    /// The index of the outermost dimension (always 0).
    public var startIndex: Int { 0 }
    /// One past the index of the innermost dimension.
    public var endIndex: Int { dims.count }
    /// The extent of dimension `i`.
    public subscript(i: Int) -> Int { dims[i] }

    /// The number of elements a tensor of this shape holds (1 for a 0-d tensor).
    public var numel: Int { dims.reduce(1, *) }

    /// `torch.Size([3, 2, 2, 3])`, exactly as PyTorch prints it.
    public var description: String {
        "torch.Size([" + dims.map(String.init).joined(separator: ", ") + "])"
    }
}

/// A caller's shape as a `Size`; stops with PyTorch's message when an extent is negative.
func checkedSize(_ shape: [Int]) -> Size {
    if let negative = shape.first(where: { $0 < 0 }) {
        fail("Trying to create tensor with negative dimension \(negative): \(shape)")
    }
    return Size(shape)
}
