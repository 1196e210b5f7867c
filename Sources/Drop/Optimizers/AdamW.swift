import Glibc
internal import _DropKernels

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
            let (w1, b2, w2) = (Float(1 - beta1), Float(beta2), Float(1 - beta2))
            let stepSize = lr / (1 - pow(beta1, step))
            let correction2 = Float((1 - pow(beta2, step)).squareRoot())
            let constants = AdamWStep(
                decay: weightDecay != 0 ? Float(1 - lr * weightDecay) : nil, w1: w1, b2: b2, w2: w2,
                correction2: correction2, eps: Float(eps), negativeStep: Float(-stepSize))
            // One vectorised pass (the kernels' build has the FMA of `lerp_`).
            p.withUnsafeMutableBufferPointer { p in
                g.withUnsafeBufferPointer { g in
                    firstMoments[i].withUnsafeMutableBufferPointer { m in
                        secondMoments[i].withUnsafeMutableBufferPointer { v in
                            guard let p = p.baseAddress, let g = g.baseAddress, let m = m.baseAddress,
                                let v = v.baseAddress
                            else { return }
                            kernels.adamW(p, g, m, v, count, constants)
                        }
                    }
                }
            }
        }
    }
}
