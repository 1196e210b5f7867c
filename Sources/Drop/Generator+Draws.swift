// How PyTorch's distributions turn the generator's words into numbers, in bulk.
//
// The kernels draw words a chunk at a time into a small buffer (tempered in one vectorised
// loop) and then transform the chunk, so that no per-draw call or bounds check remains.

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

extension Generator {
    /// `count` 24-bit uniforms in [0, 1), as `torch.rand` draws them.
    func uniformFloats(count: Int) -> [Float] {
        freshScalars(count: count) { base in
            forEachChunk(count: count, wordsPerElement: 1) { start, words, n in
                let chunk = base + start
                for i in 0..<n { chunk[i] = uniformFloat(words[i]) }
            }
        }
    }

    /// `count` draws of `bernoulli_(p)` (one 53-bit uniform each), valued `one` or 0.
    func bernoulliMask(count: Int, p: Double, one: Float) -> [Float] {
        let threshold = bernoulliThreshold(p)
        return freshScalars(count: count) { base in
            forEachChunk(count: count, wordsPerElement: 2) { start, words, n in
                let chunk = base + start
                for i in 0..<n { chunk[i] = bits53(words, i) < threshold ? one : 0 }
            }
        }
    }
}
