import Glibc

/// Standard normal samples of the given shape, exactly like `torch.randn(*shape)`.
public func randn(_ shape: Int..., generator: Generator = .default) -> Tensor {
    randn(shape, generator: generator)
}

/// Normal samples of the given shape, exactly like `torch.empty(shape).normal_(mean, std)`
/// (`torch.randn(shape)` with the defaults).
///
/// Below 16 elements PyTorch draws double-precision Box–Muller pairs and caches the second
/// value in the generator; from 16 on it transforms float32 uniforms 16 at a time.
public func randn(
    _ shape: [Int], mean: Double = 0, std: Double = 1, generator: Generator = .default
) -> Tensor {
    check(std >= 0, "normal expects std >= 0.0, but found std \(std)")
    let size = checkedSize(shape)
    let count = size.numel
    let scalars =
        count < 16
        ? makeScalars(count: count) { _ in
            Float(generator.normalDouble() * std + mean)
        }
        : generator.normalFill(count: count, mean: Float(mean), std: Float(std))
    return Tensor(uncheckedScalars: scalars, shape: size)
}

extension Generator {
    /// One standard normal double (`at::normal_distribution<double>`), using the cached value first.
    func normalDouble() -> Double {
        if let cached = nextDoubleNormal {
            nextDoubleNormal = nil
            return cached
        }
        let u1 = uniformDouble()
        let u2 = uniformDouble()
        let r = (-2 * log1p(-u2)).squareRoot()
        let theta = 2 * Double.pi * u1
        nextDoubleNormal = r * sin(theta)
        return r * cos(theta)
    }

    /// PyTorch's `normal_fill`: `count` (≥ 16) uniforms transformed in blocks of 16; a partial
    /// last block is replaced by 16 fresh uniforms transformed over the last 16 slots.
    ///
    /// The transform is `normalFillKernel` (AVX2 arithmetic with explicit FMAs) in the kernel
    /// build Drop picked; every build gives the same bits.
    func normalFill(count: Int, mean: Float, std: Float) -> [Float] {
        var values = uniformFloats(count: count)
        values.withUnsafeMutableBufferPointer { buffer in
            let data = buffer.baseAddress!
            kernels.normalFill(data, count / 16, mean, std)
            if count % 16 != 0 {
                let tail = data + (count - 16)
                let fresh = uniformFloats(count: 16)
                for i in 0..<16 { tail[i] = fresh[i] }
                kernels.normalFill(tail, 1, mean, std)
            }
        }
        return values
    }
}
