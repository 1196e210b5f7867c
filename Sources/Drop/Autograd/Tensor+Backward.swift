/// The backward pass: gradients from this tensor to every leaf that requires grad.
extension Tensor {
    /// Computes the gradient of this one-element tensor with respect to every leaf that requires
    /// grad and adds it to the leaves' `grad`, like `backward()`.
    public func backward() {
        check(numel == 1, "grad can be implicitly created only for scalar outputs")
        backward(gradient: Tensor(uncheckedScalars: [1], shape: shape))
    }

    /// Back-propagates `gradient` (the gradient of some result with respect to this tensor,
    /// shaped like it), like `backward(gradient)`.
    public func backward(gradient: Tensor) {
        guard let root = node else {
            fail("element 0 of tensors does not require grad and does not have a grad_fn")
        }
        check(
            gradient.shape == shape,
            "Mismatch in shape: grad_output[0] has a shape of \(gradient.shape) and output[0] has "
                + "a shape of \(shape).")
        noGrad {
            var pending: [ObjectIdentifier: Tensor] = [ObjectIdentifier(root): gradient.detach()]
            for node in topologicalOrder(from: root) {
                guard let g = pending.removeValue(forKey: ObjectIdentifier(node)) else { continue }
                if node.isLeaf {
                    node.accumulate(g)
                    continue
                }
                for (input, inputGradient) in zip(node.inputs, node.propagate(g)) {
                    guard let input, let inputGradient else { continue }
                    let key = ObjectIdentifier(input)
                    pending[key] = pending[key].map { $0 + inputGradient } ?? inputGradient
                }
            }
        }
    }
}

/// Every node reachable from `root`, each after all the nodes that consume it.
private func topologicalOrder(from root: GradNode) -> [GradNode] {
    var order: [GradNode] = []
    var visited: Set<ObjectIdentifier> = [ObjectIdentifier(root)]
    // Depth first without recursion (a deep stack of blocks would overflow the call stack):
    // a node is emitted once all its inputs have been.
    var stack: [(node: GradNode, next: Int)] = [(root, 0)]
    while let (node, next) = stack.popLast() {
        if next < node.inputs.count {
            stack.append((node, next + 1))
            if let input = node.inputs[next], visited.insert(ObjectIdentifier(input)).inserted {
                stack.append((input, 0))
            }
        } else {
            order.append(node)
        }
    }
    return order.reversed()
}
