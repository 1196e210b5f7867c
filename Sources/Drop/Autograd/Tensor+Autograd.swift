/// PyTorch's autograd front end on `Tensor`: `requiresGrad`, `grad`, `isLeaf`, `detach()`.
extension Tensor {
    /// Whether gradients flow to this tensor, like `requires_grad` (settable on leaves, like
    /// `requires_grad_()`).
    ///
    /// Setting it on a tensor moves its values into a leaf `GradNode` shared by every copy.
    public var requiresGrad: Bool {
        get { node != nil }
        set {
            guard newValue != requiresGrad else { return }
            check(
                isLeaf,
                "you can only change requires_grad flags of leaf variables. If you want to use a "
                    + "computed variable in a subgraph that doesn't require differentiation use "
                    + "var_no_grad = var.detach().")
            if newValue {
                node = GradNode(leaf: scalars)
                storage = []
                window = nil
            } else {
                storage = scalars
                node = nil
            }
        }
    }

    /// The gradient accumulated into this leaf by `backward()`, like `.grad`; `nil` clears it.
    ///
    /// Only leaves that require grad hold one (reading it elsewhere gives nil, as PyTorch does,
    /// without its warning).
    public var grad: Tensor? {
        get { node?.isLeaf == true ? node?.grad : nil }
        nonmutating set {
            guard let newValue else {
                node?.grad = nil
                return
            }
            check(
                node?.isLeaf == true,
                "Drop keeps .grad only on leaves that require grad; set requiresGrad first")
            check(
                newValue.shape == shape,
                "assigned grad has data of a different size")
            node?.grad = newValue.detach()
        }
    }

    /// True for a tensor no op produced while recording, like `is_leaf` (every tensor that does
    /// not require grad is a leaf).
    public var isLeaf: Bool { node?.isLeaf ?? true }

    /// The same values, cut from the graph, like `detach()` (sharing them until either is written:
    /// tensors are values).
    public func detach() -> Tensor {
        window(from: 0, shape: shape)
    }

    /// PyTorch's name for the op that produced this tensor (`MulBackward0`), or nil.
    var gradFunctionName: String? { node?.name }

    /// This result, recording the op `name` over `inputs` when one of them requires grad and
    /// grad mode is on; `backward` maps the result's gradient to one gradient per input.
    func recording(
        _ name: String, _ inputs: [Tensor], backward: @escaping (Tensor) -> [Tensor?]
    ) -> Tensor {
        guard inputs.contains(where: { $0.node != nil }), GradMode.isEnabled else { return self }
        var out = node == nil ? self : Tensor(uncheckedScalars: scalars, shape: shape)
        out.node = GradNode(name: name, inputs: inputs.map(\.node), backward: backward)
        return out
    }

    /// Whether an op on `x` would record a node: `x` requires grad and grad mode is on.
    ///
    /// Checked before building a backward closure, so that tensors without grad pay nothing.
    @inline(__always)
    static func recordsGradient(_ x: Tensor) -> Bool { x.node != nil && GradMode.isEnabled }

    /// Whether an op on `a` and `b` would record a node.
    @inline(__always)
    static func recordsGradient(_ a: Tensor, _ b: Tensor) -> Bool {
        (a.node != nil || b.node != nil) && GradMode.isEnabled
    }
}
