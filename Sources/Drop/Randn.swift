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
    func normalFill(count: Int, mean: Float, std: Float) -> [Float] {
        var values = uniformFloats(count: count)
        values.withUnsafeMutableBufferPointer { buffer in
            let data = buffer.baseAddress!
            var start = 0
            while start + 16 <= count {
                Self.normalFill16(data + start, mean: mean, std: std)
                start += 16
            }
            if count % 16 != 0 {
                let tail = data + (count - 16)
                let fresh = uniformFloats(count: 16)
                for i in 0..<16 { tail[i] = fresh[i] }
                Self.normalFill16(tail, mean: mean, std: std)
            }
        }
        return values
    }

    /// Box–Muller on 16 uniforms in place (`NormalFill16`, AVX2 arithmetic): slots j and j + 8
    /// become the cosine and sine halves of one pair.
    @inline(__always)
    static func normalFill16(_ data: UnsafeMutablePointer<Float>, mean: Float, std: Float) {
        let twoPi = Float(2 * Double.pi)
        for j in 0..<8 {
            let u1 = 1 - data[j]
            let u2 = data[j + 8]
            let radius = (-2 * AVXMathFun.log(u1)).squareRoot()
            let (s, c) = AVXMathFun.sincos(twoPi * u2)
            data[j] = mean.addingProduct(radius * c, std)
            data[j + 8] = mean.addingProduct(radius * s, std)
        }
    }
}
