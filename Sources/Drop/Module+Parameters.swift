/// Parameters, found as PyTorch's `named_parameters()` finds them: a module's own first, in
/// registration order, then each child's under the child's attribute name.
extension Module {
    /// The module's own parameters, not its children's.
    public var directParameters: [(String, Tensor)] { [] }

    /// The attribute names of `children`, in the same order; by default their positions
    /// (`"0"`, `"1"`, … as in `nn.Sequential`).
    public var childNames: [String] { children.indices.map(String.init) }

    /// Every parameter with its dotted PyTorch name (`attn.qkv.weight`), like
    /// `named_parameters()`.
    public func namedParameters() -> [(String, Tensor)] {
        directParameters
            + zip(childNames, children).flatMap { name, child in
                child.namedParameters().map { (name + "." + $0.0, $0.1) }
            }
    }

    /// Every parameter in `namedParameters()` order, like `parameters()`; the handles are the
    /// module's own, so an optimizer's step changes what the module computes.
    public func parameters() -> [Tensor] { namedParameters().map(\.1) }
}

/// `tensor` as a parameter: a leaf that requires grad.
func parameter(_ tensor: Tensor) -> Tensor {
    var p = tensor
    p.requiresGrad = true
    return p
}
