/// Stochastic gradient descent with optional momentum and weight decay, computing what
/// `torch.optim.SGD(params, lr, momentum, weight_decay=…)` computes (`foreach=False`, dampening 0,
/// no Nesterov) in float32.
public final class SGD: Optimizer {
    /// The parameters updated by `step()`.
    public let parameters: [Tensor]
    /// The learning rate.
    public let lr: Double
    /// The momentum factor (0: plain SGD).
    public let momentum: Double
    /// The L2 penalty added to each gradient.
    public let weightDecay: Double
    /// One buffer per parameter once it has been stepped with momentum.
    private var buffers: [[Float]?]

    /// Creates the optimizer over `parameters` (e.g. `model.parameters()`).
    public init(_ parameters: [Tensor], lr: Double, momentum: Double = 0, weightDecay: Double = 0) {
        checkOptimizable(parameters)
        self.parameters = parameters
        self.lr = lr
        self.momentum = momentum
        self.weightDecay = weightDecay
        buffers = Array(repeating: nil, count: parameters.count)
    }

    /// One step of `_single_tensor_sgd`: `g += wd·p`; `buf = momentum·buf + g` (`g` at first);
    /// `p −= lr·buf`. Scalars are rounded to float as PyTorch's kernels do.
    public func step() {
        let (wd, mu, rate) = (Float(weightDecay), Float(momentum), Float(-lr))
        forEachParameterWithGradient { i, p, grad in
            var g = grad
            // `grad.add(param, alpha=wd)`: a fused multiply-add, as PyTorch's vectorised add.
            if weightDecay != 0 { for j in g.indices { g[j] = g[j].addingProduct(p[j], wd) } }
            if momentum != 0 {
                if var buf = buffers[i] {
                    for j in buf.indices { buf[j] = buf[j] * mu + g[j] }
                    buffers[i] = buf
                } else {
                    buffers[i] = g
                }
                g = buffers[i]!
            }
            // PyTorch's `add_(g, alpha=-lr)`: one fused multiply-add per element.
            for j in p.indices { p[j] = p[j].addingProduct(g[j], rate) }
        }
    }
}
