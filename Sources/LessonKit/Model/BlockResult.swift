/// What one run block produced, in order.
public struct BlockResult: Sendable, Hashable, Codable {
    /// The plain integer seed the generator was set to before the block
    /// (reproduce it in PyTorch with `torch.manual_seed(seed)`).
    public var seed: UInt64
    /// Text and figures, in the order the block produced them.
    public var items: [OutputItem]
    /// For a `should-fail` block: the compiler diagnostic or trap message it failed with.
    public var expectedFailure: String?

    /// Creates a result from its parts.
    public init(seed: UInt64, items: [OutputItem], expectedFailure: String? = nil) {
        self.seed = seed
        self.items = items
        self.expectedFailure = expectedFailure
    }
}

/// One piece of a block's output.
public enum OutputItem: Sendable, Hashable, Codable {
    /// Text the block wrote to standard output.
    case stdout(String)
    /// Text the block wrote to standard error.
    case stderr(String)
    /// An SVG figure the block displayed with `show(_:)`; the complete `<svg>` element.
    case svg(String)
}
