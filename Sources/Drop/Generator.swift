/// PyTorch's CPU random number generator (`torch.Generator()`), reproduced bit for bit.
///
/// A 32-bit Mersenne Twister (mt19937) seeded as in `MT19937RNGEngine.h`, plus the cached
/// second Box–Muller value that PyTorch keeps for small `randn` calls. The same seed gives
/// the same stream as `torch.manual_seed(seed)`, so every draw matches PyTorch.
///
/// `@unchecked Sendable`: the state is mutated without a lock. Drop draws only on the calling
/// thread (its kernels' worker threads never draw), and PyTorch's own results are only
/// reproducible for one thread drawing in a fixed order; sharing a generator between threads
/// is not supported.
public final class Generator: @unchecked Sendable {
    /// The default generator, seeded by `manualSeed(_:)` and used when none is passed.
    public static let `default` = Generator()

    static let stateSize = 624
    static let shift = 397

    /// The seed of the last `manualSeed(_:)` (or of `init`), like `initial_seed()`.
    public private(set) var initialSeed: UInt64

    /// The mt19937 state: 624 words, reused in place by every twist.
    private let state = UnsafeMutablePointer<UInt32>.allocate(capacity: stateSize)
    /// The index of the next word to temper; `stateSize` means "twist before the next draw".
    private var next = stateSize
    /// The second value of the last double Box–Muller pair, consumed by the next small `randn`.
    var nextDoubleNormal: Double?

    /// Creates a generator seeded with `seed` (PyTorch's default seed unless given).
    public init(seed: UInt64 = 67280421310721) {
        initialSeed = seed
        manualSeed(seed)
    }

    deinit { state.deallocate() }

    /// Reseeds the generator and forgets the cached normal value, like `Generator.manual_seed`.
    ///
    /// Only the low 32 bits of `seed` reach the Mersenne Twister, as in PyTorch.
    @discardableResult
    public func manualSeed(_ seed: UInt64) -> Generator {
        initialSeed = seed
        nextDoubleNormal = nil
        var word = UInt32(truncatingIfNeeded: seed)
        state[0] = word
        for j in 1..<Self.stateSize {
            word = 1_812_433_253 &* (word ^ (word >> 30)) &+ UInt32(j)
            state[j] = word
        }
        next = Self.stateSize
        return self
    }

    /// The next 32-bit word of the stream, like `CPUGeneratorImpl::random()`.
    @inline(__always)
    public func random() -> UInt32 {
        if next == Self.stateSize { twist() }
        var y = state[next]
        next &+= 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// Two words, the first drawn as the high half, like `CPUGeneratorImpl::random64()`.
    @inline(__always)
    public func random64() -> UInt64 {
        let hi = UInt64(random())
        return hi << 32 | UInt64(random())
    }

    /// Writes the next `count` words of the stream to `words`, as `count` calls of `random()`
    /// would, but tempering whole runs of the state at once (the loop vectorises).
    func fill(_ words: UnsafeMutablePointer<UInt32>, count: Int) {
        var done = 0
        while done < count {
            if next == Self.stateSize { twist() }
            let run = Swift.min(Self.stateSize - next, count - done)
            let source = state + next
            let target = words + done
            for i in 0..<run {
                var y = source[i]
                y ^= y >> 11
                y ^= (y << 7) & 0x9D2C_5680
                y ^= (y << 15) & 0xEFC6_0000
                y ^= y >> 18
                target[i] = y
            }
            next += run
            done += run
        }
    }

    /// Regenerates all 624 state words at once (the mt19937 "next state").
    private func twist() {
        let n = Self.stateSize, m = Self.shift
        @inline(__always) func mix(_ upper: UInt32, _ lower: UInt32, _ far: UInt32) -> UInt32 {
            let y = (upper & 0x8000_0000) | (lower & 0x7FFF_FFFF)
            return far ^ (y >> 1) ^ (lower & 1 == 0 ? 0 : 0x9908_B0DF)
        }
        // No `% n`, and each loop reads only words it does not write, so that all vectorise:
        // word k needs the new value of word k + m − n once k ≥ n − m.
        for k in 0..<(n - m) { state[k] = mix(state[k], state[k + 1], state[k + m]) }
        for k in (n - m)..<(2 * (n - m)) {
            state[k] = mix(state[k], state[k + 1], state[k + m - n])
        }
        for k in (2 * (n - m))..<(n - 1) {
            state[k] = mix(state[k], state[k + 1], state[k + m - n])
        }
        state[n - 1] = mix(state[n - 1], state[0], state[m - 1])
        next = 0
    }
}

/// Seeds the default generator, like `torch.manual_seed(seed)`.
///
/// Also forgets the cached normal value, so the next `randn` starts a fresh pair as in PyTorch.
public func manualSeed(_ seed: UInt64) {
    Generator.default.manualSeed(seed)
}
