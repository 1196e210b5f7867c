// MARK: - Uniform draws, as PyTorch's distributions consume the generator

extension Generator {
    /// One float32 in [0, 1): the low 24 bits of one word × 2⁻²⁴ (`uniform_real_distribution<float>`).
    @inline(__always)
    func uniformFloat() -> Float {
        Float(random() & 0xFF_FFFF) * 0x1p-24
    }

    /// One double in [0, 1): the low 53 bits of `random64()` × 2⁻⁵³ (`uniform_real_distribution<double>`).
    @inline(__always)
    func uniformDouble() -> Double {
        Double(random64() & (1 << 53 - 1)) * 0x1p-53
    }
}

/// Fills a fresh array of `count` floats, writing each with `element` in memory order.
@inline(__always)
func makeScalars(count: Int, _ element: (Int) -> Float) -> [Float] {
    [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
        for i in 0..<count { buffer[i] = element(i) }
        initialized = count
    }
}

/// Checks a shape given by a caller and turns it into a `Size`.
func checkedSize(_ shape: [Int]) -> Size {
    precondition(
        shape.allSatisfy { $0 >= 0 },
        "Trying to create tensor with negative dimension: \(shape)")
    return Size(shape)
}

// MARK: - rand

/// Uniform samples in [0, 1) of the given shape, exactly like `torch.rand(*shape)`.
public func rand(_ shape: Int..., generator: Generator = .default) -> Tensor {
    rand(shape, generator: generator)
}

/// Uniform samples in [0, 1) of the given shape, exactly like `torch.rand(shape)`.
public func rand(_ shape: [Int], generator: Generator = .default) -> Tensor {
    let size = checkedSize(shape)
    return Tensor(
        uncheckedScalars: makeScalars(count: size.numel) { _ in generator.uniformFloat() },
        shape: size)
}

/// Uniform samples in [`from`, `to`), exactly like `torch.empty(shape).uniform_(from, to)`.
///
/// Each value is `u · (to − from) + from` in float32 with one 24-bit `u` per element, as in
/// PyTorch's `uniform_real` (the x86 build fuses the multiply-add).
public func rand(
    _ shape: [Int], from: Float, to: Float, generator: Generator = .default
) -> Tensor {
    precondition(
        from <= to,
        "uniform_ expects to return a [from, to) range, but found from=\(from) > to=\(to)")
    let size = checkedSize(shape)
    let range = to - from
    return Tensor(
        uncheckedScalars: makeScalars(count: size.numel) { _ in
            from.addingProduct(generator.uniformFloat(), range)
        },
        shape: size)
}

// MARK: - bernoulli

/// Ones with probability `probs[i]`, else zeros, like `torch.bernoulli(probs)`.
///
/// One 24-bit uniform per element (`bernoulli_distribution<float>`): `u < p`.
public func bernoulli(_ probs: Tensor, generator: Generator = .default) -> Tensor {
    precondition(
        probs.scalars.allSatisfy { $0 >= 0 && $0 <= 1 },
        "Expected p_in >= 0 && p_in <= 1 to be true, but got false.")
    return probs.scalars.withUnsafeBufferPointer { p in
        Tensor(
            uncheckedScalars: makeScalars(count: p.count) { i in
                generator.uniformFloat() < p[i] ? 1 : 0
            },
            shape: probs.shape)
    }
}

/// Ones with probability `p`, else zeros, like `torch.empty(shape).bernoulli_(p)`.
///
/// One 53-bit uniform per element (`bernoulli_distribution<double>`): `u < p`.
public func bernoulli(_ shape: [Int], p: Double, generator: Generator = .default) -> Tensor {
    checkBernoulliProbability(p)
    let size = checkedSize(shape)
    return Tensor(
        uncheckedScalars: makeScalars(count: size.numel) { _ in
            generator.uniformDouble() < p ? 1 : 0
        },
        shape: size)
}

/// Stops with PyTorch's message when `bernoulli_(p)` is given a `p` outside [0, 1].
func checkBernoulliProbability(_ p: Double) {
    precondition(p >= 0 && p <= 1, "bernoulli_ expects p to be in [0, 1], but got p=\(p)")
}
