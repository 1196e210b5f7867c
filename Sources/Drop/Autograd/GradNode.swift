/// One entry of the autograd tape: a leaf that requires grad, or the backward of one op.
///
/// The design, as in micrograd and PyTorch:
/// - **What a node holds.** A *leaf* (a tensor on which `requiresGrad = true` was set, or a new
///   module's parameter) holds the tensor's values and its accumulated `grad`; every copy of the
///   `Tensor` struct shares the node, so a module's `weight`, the handle `parameters()` returns and
///   the optimizer's view are one parameter, as in PyTorch. An *op node* holds PyTorch's name for
///   its backward (`MulBackward0`), the nodes of its inputs (nil where an input does not require
///   grad), and a closure from the output's gradient to one gradient per input. The closure keeps
///   what the backward needs (`SavedTensor`s: detached values with the version they had).
/// - **When the graph is freed.** `backward()` runs each op node's closure once and then drops it,
///   so saved values are released as soon as they are used. A second `backward()` through a freed
///   node stops with PyTorch's message; unlike PyTorch this holds for every op, also those that
///   save nothing (`AddBackward0`), since there is no `retain_graph`.
/// - **How accumulation works.** Within one `backward()`, the gradients reaching an op node from
///   all its consumers are summed before its closure runs (nodes run in reverse topological
///   order). A leaf's `grad` is set on the first gradient and summed with every later one, also
///   across calls to `backward()`, until `grad = nil` or an optimizer's `zeroGrad()`.
/// - **In-place changes.** Every in-place operator bumps the node's `version`; a saved value whose
///   version moved on stops the backward with PyTorch's message. An in-place operator on a leaf
///   that requires grad is only allowed under `noGrad` (where optimizers update parameters).
final class GradNode: @unchecked Sendable {
    /// PyTorch's name for this op's backward, or nil for a leaf.
    let name: String?
    /// A leaf's values (empty for an op node, whose tensor keeps its own).
    var value: [Float]
    /// A leaf's accumulated gradient.
    var grad: Tensor?
    /// The nodes of the op's inputs, in argument order; nil where an input does not require grad.
    private(set) var inputs: [GradNode?]
    /// From the output's gradient to one gradient per input (nil: none); dropped once run.
    private var backward: ((Tensor) -> [Tensor?])?
    /// How many in-place changes the tensor of this node has had.
    var version = 0

    /// A leaf holding `value`.
    init(leaf value: [Float]) {
        name = nil
        self.value = value
        inputs = []
    }

    /// The node of an op named `name` over `inputs`.
    init(name: String, inputs: [GradNode?], backward: @escaping (Tensor) -> [Tensor?]) {
        self.name = name
        value = []
        self.inputs = inputs
        self.backward = backward
    }

    /// True for a leaf.
    var isLeaf: Bool { name == nil }

    /// A leaf's values, nil for an op node.
    var leafValue: [Float]? { isLeaf ? value : nil }

    /// Runs the op's backward once on `gradient` and frees what it saved.
    func propagate(_ gradient: Tensor) -> [Tensor?] {
        guard let backward else {
            fail(
                "Trying to backward through the graph a second time (or directly access saved "
                    + "tensors after they have already been freed). Saved intermediate values of "
                    + "the graph are freed when you call .backward() or autograd.grad(). Specify "
                    + "retain_graph=True if you need to backward through the graph a second time or "
                    + "if you need to access saved tensors after calling backward.")
        }
        self.backward = nil
        return backward(gradient)
    }

    /// Adds `gradient` to a leaf's `grad` (or sets it, the first time).
    func accumulate(_ gradient: Tensor) {
        if let grad { self.grad = grad + gradient } else { self.grad = gradient }
    }
}
