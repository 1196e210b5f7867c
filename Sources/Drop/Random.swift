// The public sampling functions: rand, uniform, bernoulli (randn lives in Randn.swift).

internal import _DropKernels

// MARK: - rand

/// Uniform samples in [0, 1) of the given shape, exactly like `torch.rand(*shape)`.
public func rand(_ shape: Int..., generator: Generator = .default) -> Tensor {
    rand(shape, generator: generator)
}

/// Uniform samples in [0, 1) of the given shape, exactly like `torch.rand(shape)`.
public func rand(_ shape: [Int], generator: Generator = .default) -> Tensor {
    let size = checkedSize(shape)
    return Tensor(uncheckedScalars: generator.uniformFloats(count: size.numel), shape: size)
}

/// Uniform samples in [`from`, `to`), exactly like `torch.empty(shape).uniform_(from, to)`.
///
/// Each value is `u · (to − from) + from` in float32 with one 24-bit `u` per element, as in
/// PyTorch's `uniform_real` (the x86 build fuses the multiply-add).
public func rand(
    _ shape: [Int], from: Float, to: Float, generator: Generator = .default
) -> Tensor {
    check(
        from <= to,
        "uniform_ expects to return a [from, to) range, but found from=\(from) > to=\(to)")
    let size = checkedSize(shape)
    let range = to - from
    var values = generator.uniformFloats(count: size.numel)
    values.withUnsafeMutableBufferPointer { p in
        if let base = p.baseAddress { kernels.affine(base, base, p.count, range, from) }
    }
    return Tensor(uncheckedScalars: values, shape: size)
}

// MARK: - bernoulli

/// Ones with probability `probs[i]`, else zeros, like `torch.bernoulli(probs)`.
///
/// One 24-bit uniform per element (`bernoulli_distribution<float>`): `u < p`.
public func bernoulli(_ probs: Tensor, generator: Generator = .default) -> Tensor {
    check(
        probs.scalars.allSatisfy { $0 >= 0 && $0 <= 1 },
        "Expected p_in >= 0 && p_in <= 1 to be true, but got false.")
    let count = probs.numel
    let out = probs.withElements { p in
        freshScalars(count: count) { out in
            generator.forEachChunk(count: count, wordsPerElement: 1) { start, words, n in
                for i in 0..<n { out[start + i] = uniformFloat(words[i]) < p[start + i] ? 1 : 0 }
            }
        }
    }
    return Tensor(uncheckedScalars: out, shape: probs.shape)
}

/// Ones with probability `p`, else zeros, like `torch.empty(shape).bernoulli_(p)`.
///
/// One 53-bit uniform per element (`bernoulli_distribution<double>`): `u < p`.
public func bernoulli(_ shape: [Int], p: Double, generator: Generator = .default) -> Tensor {
    checkBernoulliProbability(p)
    let size = checkedSize(shape)
    return Tensor(
        uncheckedScalars: generator.bernoulliMask(count: size.numel, p: p, one: 1), shape: size)
}

/// Stops with PyTorch's message when `bernoulli_(p)` is given a `p` outside [0, 1].
func checkBernoulliProbability(_ p: Double) {
    check(p >= 0 && p <= 1, "bernoulli_ expects p to be in [0, 1], but got p=\(p)")
}
