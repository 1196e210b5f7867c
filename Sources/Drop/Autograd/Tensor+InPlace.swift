/// What every in-place operator (`+=`, `-=`, `*=`, `/=`) does to the tape.
extension Tensor {
    /// Notes an in-place change before it happens: bumps the version that saved values are
    /// checked against, and refuses a leaf that requires grad while recording (PyTorch's rule).
    mutating func markInPlace() {
        guard let node else { return }
        check(
            !(node.isLeaf && GradMode.isEnabled),
            "a leaf Variable that requires grad is being used in an in-place operation.")
        node.version += 1
    }

    /// Takes `result` as this tensor's new value: a leaf (changed under `noGrad`) keeps its node,
    /// so every handle of a parameter sees the change; anything else becomes `result`.
    mutating func replaceInPlace(with result: Tensor) {
        if let node, node.isLeaf {
            node.value = result.scalars
        } else {
            self = result
        }
    }
}
