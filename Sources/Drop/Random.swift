// MARK: - Uniform draws, as PyTorch's distributions consume the generator

extension Generator {
    /// One double in [0, 1): the low 53 bits of `random64()` × 2⁻⁵³ (`uniform_real_distribution<double>`).
    @inline(__always)
    func uniformDouble() -> Double {
        Double(random64() & (1 << 53 - 1)) * 0x1p-53
    }
}

/// Elements drawn per chunk by the bulk kernels: small enough for the words to stay in L1.
let chunkSize = 512

extension Generator {
    /// Draws the stream for `count` elements in chunks: `body(start, words, n)` handles elements
    /// `start..<start + n`, whose `wordsPerElement · n` words are at `words`, in draw order.
    @inline(__always)
    func forEachChunk(
        count: Int, wordsPerElement: Int,
        _ body: (_ start: Int, _ words: UnsafePointer<UInt32>, _ n: Int) -> Void
    ) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: chunkSize * wordsPerElement) {
            let words = $0.baseAddress!
            var start = 0
            while start < count {
                let n = Swift.min(chunkSize, count - start)
                fill(words, count: n * wordsPerElement)
                body(start, words, n)
                start += n
            }
        }
    }
}

/// One float32 in [0, 1) from one word: its low 24 bits × 2⁻²⁴ (`uniform_real_distribution<float>`).
@inline(__always)
func uniformFloat(_ word: UInt32) -> Float { Float(word & 0xFF_FFFF) * 0x1p-24 }

/// The low 53 bits of the `random64()` made of element `i`'s two words (high word first).
@inline(__always)
func bits53(_ words: UnsafePointer<UInt32>, _ i: Int) -> UInt64 {
    UInt64(words[2 &* i] & 0x1F_FFFF) << 32 | UInt64(words[2 &* i &+ 1])
}

/// The integer threshold `t` with `uniformDouble() < p` ⇔ `bits53 < t`: the uniform is
/// `bits53 · 2⁻⁵³` exactly, so comparing with `p` is comparing `bits53` with `p · 2⁵³`.
func bernoulliThreshold(_ p: Double) -> UInt64 {
    UInt64((p * 0x1p53).rounded(.up))
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
    return Tensor(uncheckedScalars: generator.uniformFloats(count: size.numel), shape: size)
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
    var values = generator.uniformFloats(count: size.numel)
    for i in values.indices { values[i] = from.addingProduct(values[i], range) }
    return Tensor(uncheckedScalars: values, shape: size)
}

// MARK: - bernoulli

/// Ones with probability `probs[i]`, else zeros, like `torch.bernoulli(probs)`.
///
/// One 24-bit uniform per element (`bernoulli_distribution<float>`): `u < p`.
public func bernoulli(_ probs: Tensor, generator: Generator = .default) -> Tensor {
    precondition(
        probs.scalars.allSatisfy { $0 >= 0 && $0 <= 1 },
        "Expected p_in >= 0 && p_in <= 1 to be true, but got false.")
    let count = probs.numel
    let out = probs.scalars.withUnsafeBufferPointer { p in
        [Float](unsafeUninitializedCapacity: count) { out, initialized in
            generator.forEachChunk(count: count, wordsPerElement: 1) { start, words, n in
                for i in 0..<n { out[start + i] = uniformFloat(words[i]) < p[start + i] ? 1 : 0 }
            }
            initialized = count
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

extension Generator {
    /// `count` 24-bit uniforms in [0, 1), as `torch.rand` draws them.
    func uniformFloats(count: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { out, initialized in
            let base = out.baseAddress!
            forEachChunk(count: count, wordsPerElement: 1) { start, words, n in
                let chunk = base + start
                for i in 0..<n { chunk[i] = uniformFloat(words[i]) }
            }
            initialized = count
        }
    }

    /// `count` draws of `bernoulli_(p)` (one 53-bit uniform each), valued `one` or 0.
    func bernoulliMask(count: Int, p: Double, one: Float) -> [Float] {
        let threshold = bernoulliThreshold(p)
        return [Float](unsafeUninitializedCapacity: count) { out, initialized in
            let base = out.baseAddress!
            forEachChunk(count: count, wordsPerElement: 2) { start, words, n in
                let chunk = base + start
                for i in 0..<n { chunk[i] = bits53(words, i) < threshold ? one : 0 }
            }
            initialized = count
        }
    }
}

/// Stops with PyTorch's message when `bernoulli_(p)` is given a `p` outside [0, 1].
func checkBernoulliProbability(_ p: Double) {
    precondition(p >= 0 && p <= 1, "bernoulli_ expects p to be in [0, 1], but got p=\(p)")
}
