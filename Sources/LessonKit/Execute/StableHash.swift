/// 64-bit FNV-1a: a hash that, unlike `Hasher`, is the same in every process and release,
/// so seeds and cache keys survive a rebuild.
struct StableHash {
    var value: UInt64

    /// Starts a hash; different `basis` values give independent hashes of the same bytes.
    init(basis: UInt64 = 0xcbf2_9ce4_8422_2325) {
        value = basis
    }

    /// Mixes in `bytes`.
    mutating func combine(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
    }

    /// Mixes in a string and a separator, so that ("ab", "c") and ("a", "bc") differ.
    mutating func combine(_ text: String) {
        combine(text.utf8)
        combine(CollectionOfOne(0))
    }

    /// The hash as 16 lowercase hex digits.
    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// The seed run block `identity` runs with under the global seed `seed`: a plain integer
/// below 2³² so that `torch.manual_seed(that)` reproduces it.
func blockSeed(globalSeed seed: UInt64, identity: String) -> UInt64 {
    var hash = StableHash()
    hash.combine(String(seed))
    hash.combine(identity)
    return (hash.value ^ (hash.value >> 32)) & 0xffff_ffff
}
