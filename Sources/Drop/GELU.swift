internal import _DropKernels

/// The Gaussian error linear unit, `x · Φ(x) = x/2 · (1 + erf(x/√2))`, like `nn.GELU()`.
///
/// The exact (erf) form, PyTorch's default, not the tanh approximation. erf is computed as
/// PyTorch's vectorised CPU kernel computes it (Abramowitz & Stegun 7.1.26, absolute error
/// below 1.5e-7), in one pass, with the same bits on every machine.
public final class GELU: Module {
    /// True while training; GELU behaves the same in both modes.
    public var training = true
    /// Creates the activation.
    public init() {}

    /// Applies GELU to every element of `x`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        let out = freshScalars(count: x.numel) { y in
            x.withElements { p in
                kernels.gelu(p.baseAddress!, y, p.count, getNumThreads())
            }
        }
        return Tensor(uncheckedScalars: out, shape: x.shape).recordingGELU(of: x)
    }

    /// Applies GELU to every element of `x` where it lies (copying first only if its storage is
    /// shared), so a temporary's buffer is reused.
    func apply(inPlace x: inout Tensor) {
        x.scalars.withUnsafeMutableBufferPointer { p in
            if let base = p.baseAddress { kernels.gelu(base, base, p.count, getNumThreads()) }
        }
    }
}
