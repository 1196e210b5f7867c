import Glibc

/// Adam with decoupled weight decay, computing what
/// `torch.optim.AdamW(params, lr, betas, eps, weight_decay)` computes (`foreach=False`, no
/// amsgrad) in float32, with the bias corrections in Double as PyTorch's Python computes them.
public final class AdamW: Optimizer {
    /// The parameters updated by `step()`.
    public let parameters: [Tensor]
    /// The learning rate.
    public let lr: Double
    /// The decay rates of the first and second moment estimates.
    public let betas: (Double, Double)
    /// Added to the denominator for stability.
    public let eps: Double
    /// The decoupled weight decay: each step multiplies parameters by `1 − lr·weightDecay`.
    public let weightDecay: Double
    /// Per parameter: steps taken, first and second moment estimates.
    private var steps: [Int], firstMoments: [[Float]], secondMoments: [[Float]]

    /// Creates the optimizer over `parameters` (e.g. `model.parameters()`).
    public init(
        _ parameters: [Tensor], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999),
        eps: Double = 1e-8, weightDecay: Double = 0.01
    ) {
        checkOptimizable(parameters)
        self.parameters = parameters
        self.lr = lr
        self.betas = betas
        self.eps = eps
        self.weightDecay = weightDecay
        steps = Array(repeating: 0, count: parameters.count)
        firstMoments = parameters.map { [Float](repeating: 0, count: $0.numel) }
        secondMoments = firstMoments
    }

    /// One step of `_single_tensor_adam` with decoupled weight decay.
    public func step() {
        let (beta1, beta2) = betas
        forEachParameterWithGradient { i, p, g in
            steps[i] += 1
            let count = p.count
            let step = Double(steps[i])
            let decay = Float(1 - lr * weightDecay)
            let (w1, b2, w2) = (Float(1 - beta1), Float(beta2), Float(1 - beta2))
            let stepSize = lr / (1 - pow(beta1, step))
            let correction2 = Float((1 - pow(beta2, step)).squareRoot())
            let (e, negativeStep) = (Float(eps), Float(-stepSize))
            let decays = weightDecay != 0
            // One pass over raw pointers, so that it vectorises; each element still gets
            // PyTorch's operations in PyTorch's order.
            p.withUnsafeMutableBufferPointer { p in
                g.withUnsafeBufferPointer { g in
                    firstMoments[i].withUnsafeMutableBufferPointer { m in
                        secondMoments[i].withUnsafeMutableBufferPointer { v in
                            guard let p = p.baseAddress, let g = g.baseAddress, let m = m.baseAddress,
                                let v = v.baseAddress
                            else { return }
                            for j in 0..<count {
                                var x = p[j]
                                if decays { x *= decay }  // mul_(1 − lr·weight_decay)
                                m[j] = m[j].addingProduct(w1, g[j] - m[j])  // lerp_(grad, 1 − β1)
                                v[j] = v[j] * b2 + w2 * g[j] * g[j]  // mul_(β2).addcmul_(g, g, 1 − β2)
                                let denominator = v[j].squareRoot() / correction2 + e
                                p[j] = x + negativeStep * (m[j] / denominator)  // addcdiv_
                            }
                        }
                    }
                }
            }
        }
    }
}
