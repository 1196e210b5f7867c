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
        let invSqrt2: Float = 0.70710678118654752440
        var out = x.scalars
        for i in out.indices {
            let v = out[i]
            out[i] = v * 0.5 * (1 + erff(v * invSqrt2))
        }
        return Tensor(uncheckedScalars: out, shape: x.shape)
    }
}
