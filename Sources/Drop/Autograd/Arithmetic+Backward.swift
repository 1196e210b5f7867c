/// The tape entries of `+ - * /` and unary `-` (the forward values are computed by the operators
/// in `Tensor+Arithmetic.swift`; these record how to differentiate them).
extension Tensor {
    /// `self` = `lhs + rhs`, recorded.
    func recordingAdd(_ lhs: Tensor, _ rhs: Tensor) -> Tensor {
        guard Tensor.recordsGradient(lhs, rhs) else { return self }
        let (a, b) = (lhs.shape, rhs.shape)
        return recording("AddBackward0", [lhs, rhs]) { g in [g.sumTo(a), g.sumTo(b)] }
    }

    /// `self` = `lhs - rhs`, recorded.
    func recordingSub(_ lhs: Tensor, _ rhs: Tensor) -> Tensor {
        guard Tensor.recordsGradient(lhs, rhs) else { return self }
        let (a, b) = (lhs.shape, rhs.shape)
        return recording("SubBackward0", [lhs, rhs]) { g in [g.sumTo(a), (-g).sumTo(b)] }
    }

    /// `self` = `lhs * rhs`, recorded.
    func recordingMul(_ lhs: Tensor, _ rhs: Tensor) -> Tensor {
        guard Tensor.recordsGradient(lhs, rhs) else { return self }
        // Each operand is saved only if the other one's gradient needs it.
        let a = rhs.requiresGrad ? SavedTensor(lhs) : nil
        let b = lhs.requiresGrad ? SavedTensor(rhs) : nil
        let (sa, sb) = (lhs.shape, rhs.shape)
        return recording("MulBackward0", [lhs, rhs]) { g in
            [b.map { (g * $0.unpack()).sumTo(sa) }, a.map { (g * $0.unpack()).sumTo(sb) }]
        }
    }

    /// `self` = `lhs / rhs`, recorded.
    func recordingDiv(_ lhs: Tensor, _ rhs: Tensor) -> Tensor {
        guard Tensor.recordsGradient(lhs, rhs) else { return self }
        let a = rhs.requiresGrad ? SavedTensor(lhs) : nil
        let b = SavedTensor(rhs)
        let (sa, sb) = (lhs.shape, rhs.shape)
        return recording("DivBackward0", [lhs, rhs]) { g in
            let other = b.unpack()
            // PyTorch: grad / other, and -grad * self / (other * other).
            return [
                (g / other).sumTo(sa),
                a.map { (-g * $0.unpack() / (other * other)).sumTo(sb) },
            ]
        }
    }

    /// `self` = `x op c` or `c op x` for a `Float` c whose derivative is `slope` (`x + c`: 1;
    /// `x * c`: c), recorded under `name`.
    func recordingScalar(_ name: String, _ x: Tensor, slope: Float) -> Tensor {
        guard Tensor.recordsGradient(x) else { return self }
        return recording(name, [x]) { g in [slope == 1 ? g : g * slope] }
    }

    /// `self` = `x / c`, recorded: the gradient is divided by c, as PyTorch does.
    func recordingDivide(_ x: Tensor, by c: Float) -> Tensor {
        guard Tensor.recordsGradient(x) else { return self }
        return recording("DivBackward0", [x]) { g in [g / c] }
    }

    /// `self` = `c / x`, computed as PyTorch's `x.reciprocal() * c`: recorded as those two nodes.
    func recordingReciprocalTimes(_ x: Tensor, _ c: Float) -> Tensor {
        guard Tensor.recordsGradient(x) else { return self }
        let saved = SavedTensor(x)
        let reciprocal = x.map(WithLeft(1, Over())).recording("ReciprocalBackward0", [x]) { g in
            let r = saved.unpack().map(WithLeft(1, Over()))
            return [-g * (r * r)]
        }
        return recording("MulBackward0", [reciprocal]) { g in [g * c] }
    }
}
