import Testing
@testable import Drop

// Statistical claims, each with a stated false-failure probability. The seeds are fixed, so the
// tests are deterministic anyway; the bounds say why the claim would hold for any seed.
@Suite("Dropout statistics")
struct DropoutStatisticsTests {
    @Test func dropoutKeepsAboutOneMinusPOfTheElementsAndScalesThemByItsInverse() {
        let n = 1_000_000
        let p = 0.3
        let y = dropout(
            Tensor([Float](repeating: 1, count: n)), p: p, generator: Generator(seed: 2024))
        let kept = y.scalars.filter { $0 != 0 }
        // kept ~ Binomial(n, 1 − p): σ = √(n·p·(1 − p)) ≈ 458. A 6σ band fails with probability
        // ≈ 2·10⁻⁹ under the normal approximation (n is large, so it is accurate here).
        let sigma = (Double(n) * p * (1 - p)).squareRoot()
        #expect(abs(Double(kept.count) - Double(n) * (1 - p)) < 6 * sigma)
        #expect(kept.allSatisfy { $0 == 1 / Float(1 - p) })
    }

    @Test func theMeanOfManyDropPathOutputsConvergesToTheInput() {
        let x = randn([8, 3], generator: Generator(seed: 1))  // (B, D)
        let g = Generator(seed: 7)
        let trials = 4000
        let p = 0.25
        var sum = [Double](repeating: 0, count: x.numel)
        for _ in 0..<trials {
            let y = dropPath(x, dropProb: p, training: true, generator: g)
            for i in sum.indices { sum[i] += Double(y.scalars[i]) }
        }
        // Each output is x·m/keep with m ~ Bernoulli(keep): mean x, variance x²·p/keep. Over T
        // trials the mean has σ = |x|·√(p / keep / T) ≈ 0.0091·|x|. By the CLT a 6σ band fails
        // with probability ≈ 2·10⁻⁹ per element (Hoeffding, which needs no normal
        // approximation, still bounds it by 3·10⁻⁶), so ≲ 5·10⁻⁸ for all 24 elements.
        let sigma = (p / (1 - p) / Double(trials)).squareRoot()
        for (i, v) in x.scalars.enumerated() {
            let mean = sum[i] / Double(trials)
            #expect(abs(mean - Double(v)) <= 6 * sigma * Double(abs(v)), "element \(i)")
        }
    }

    @Test func dropout2dKeepsAboutOneMinusPOfTheChannels() {
        let (n, c) = (500, 400)
        let p = 0.5
        let y = dropout2d(
            Tensor([Float](repeating: 1, count: n * c * 4), shape: [n, c, 2, 2]), p: p,
            generator: Generator(seed: 3))
        let keptChannels = stride(from: 0, to: y.numel, by: 4).filter { y.scalars[$0] != 0 }.count
        // keptChannels ~ Binomial(n·c, 1 − p): the same 6σ band as above (≈ 2·10⁻⁹).
        let sigma = (Double(n * c) * p * (1 - p)).squareRoot()
        #expect(abs(Double(keptChannels) - Double(n * c) * (1 - p)) < 6 * sigma)
    }
}
