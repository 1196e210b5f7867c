import Testing
@testable import Drop

/// Bit patterns, so that `-0.0` vs `0.0` and NaNs compare exactly.
func bits(_ t: Tensor) -> [UInt32] { t.scalars.map(\.bitPattern) }

/// `h = h·M + bits[i]` (mod 2⁶⁴) over all elements, as `make_random_fixtures.py` computes it.
func digest(_ t: Tensor) -> String {
    String(t.scalars.reduce(UInt64(0)) { $0 &* 0x100_0000_01B3 &+ UInt64($1.bitPattern) })
}

@Suite("PyTorch parity, bit for bit (Fixtures/random.json)")
struct RandomParityTests {
    @Test("every recorded step matches PyTorch's float32 bits and shape, and draws as much",
        arguments: RandomCase.all.filter { !$0.usesDefaultGenerator })
    func replays(_ recorded: RandomCase) {
        check(recorded)
    }
}

/// Replays `recorded` and compares every output and the follow-up `torch.rand(4)`.
func check(_ recorded: RandomCase) {
    let (outputs, g) = recorded.replay()
    for (i, (step, out)) in zip(recorded.steps, outputs).enumerated() {
        #expect(out.shape.dims == step.out_shape, "step \(i) (\(step.op)) shape")
        if let expected = step.digest {
            #expect(digest(out) == expected, "step \(i) (\(step.op)) values")
        } else {
            #expect(bits(out) == step.bits, "step \(i) (\(step.op)) values")
        }
        #expect(out.description == step.printed, "step \(i) (\(step.op)) printed")
    }
    #expect(bits(rand([4], generator: g)) == recorded.after, "generator position after the steps")
    if recorded.seed != nil { #expect(String(g.initialSeed) == recorded.initial_seed) }
}

/// Everything that touches `Generator.default`, one test at a time.
@Suite("The default generator", .serialized)
struct DefaultGeneratorTests {
    @Test("modules draw from the default generator like nn.Dropout",
        arguments: RandomCase.all.filter(\.usesDefaultGenerator))
    func modules(_ recorded: RandomCase) {
        check(recorded)
    }

    @Test func manualSeedReseedsTheDefaultGeneratorAndClearsTheNormalCache() {
        manualSeed(42)
        let first = randn(3)  // leaves a cached normal behind
        manualSeed(42)
        #expect(bits(randn(3)) == bits(first))
        #expect(Generator.default.initialSeed == 42)
    }

    @Test func aFreshGeneratorHasPyTorchsDefaultSeed() {
        #expect(Generator().initialSeed == 67_280_421_310_721)
    }
}
