import Glibc

/// The Gaussian error linear unit, `x · Φ(x) = x/2 · (1 + erf(x/√2))`, like `nn.GELU()`.
///
/// The exact (erf) form, PyTorch's default, not the tanh approximation.
public final class GELU: Module {
    /// True while training; GELU behaves the same in both modes.
    public var training = true
    /// Creates the activation.
    public init() {}

    /// Applies GELU to every element of `x`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        // PyTorch's kernel order, x · 0.5 · (1 + erf(x · √½)), in one pass: the same roundings
        // as the chain of tensor operations, without its four temporaries.
        let invSqrt2 = Float(0.5).squareRoot()
        return x.map { v in v * 0.5 * (1 + erff(v * invSqrt2)) }
    }
}
