/// A value an op's backward needs, kept as PyTorch's saved variables are: detached, with the
/// version its tensor had when it was saved.
///
/// An op that saves its own result (`exp`, `sqrt`, `softmax`, …) saves it before its node exists
/// and then `attach`es it; the reference is weak, so that a node never keeps itself alive.
final class SavedTensor {
    /// The values, without a node (so the backward records nothing and holds no graph).
    private let value: Tensor
    /// The node whose in-place changes would invalidate `value`.
    private weak var node: GradNode?
    /// `node.version` when saved.
    private var version: Int

    /// Saves `tensor` as it is now.
    init(_ tensor: Tensor) {
        value = tensor.detach()
        node = tensor.node
        version = tensor.node?.version ?? 0
    }

    /// Ties a saved result to `result`, the op's output now carrying its node; returns `result`.
    func attach(to result: Tensor) -> Tensor {
        node = result.node
        version = result.node?.version ?? 0
        return result
    }

    /// The saved values; stops with PyTorch's message if the tensor was changed in place since.
    func unpack() -> Tensor {
        if let node, node.version != version {
            let kind = node.name.map { ", which is output 0 of \($0)," } ?? ""
            fail(
                "one of the variables needed for gradient computation has been modified by an "
                    + "inplace operation: [torch.FloatTensor \(value.shape.dims)]\(kind) is at "
                    + "version \(node.version); expected version \(version) instead. Hint: enable "
                    + "anomaly detection to find the operation that failed to compute its gradient, "
                    + "with torch.autograd.set_detect_anomaly(True).")
        }
        return value
    }
}
