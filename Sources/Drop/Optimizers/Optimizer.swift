/// What `SGD` and `AdamW` share: the parameters they update and how they reach their values.
public protocol Optimizer: AnyObject {
    /// The parameters, the modules' own handles (leaves that require grad).
    var parameters: [Tensor] { get }
    /// Applies one update to every parameter that has a gradient, like `step()`.
    func step()
}

extension Optimizer {
    /// Clears every parameter's gradient (`grad = nil`), like `zero_grad()` (set_to_none).
    public func zeroGrad() {
        for p in parameters { p.grad = nil }
    }

    /// Calls `update(index, values, gradient)` for each parameter that has a gradient, where
    /// `values` are the parameter's own (every handle sees the change).
    func forEachParameterWithGradient(_ update: (Int, inout [Float], [Float]) -> Void) {
        for (i, p) in parameters.enumerated() {
            guard let node = p.node, node.isLeaf, let grad = node.grad else { continue }
            node.version += 1  // an in-place change, as PyTorch's `param.add_` counts it
            update(i, &node.value, grad.scalars)
        }
    }
}

/// Stops unless every tensor in `parameters` is a leaf that requires grad.
func checkOptimizable(_ parameters: [Tensor]) {
    for p in parameters {
        check(p.requiresGrad && p.isLeaf, "can't optimize a non-leaf Tensor")
    }
}
