import Testing
@testable import Drop

/// The values of `t` grouped by its first `leading` dimensions.
func groups(_ t: Tensor, leading: Int) -> [[Float]] {
    let rows = t.shape.dims.prefix(leading).reduce(1, *)
    let inner = t.numel / rows
    return (0..<rows).map { Array(t.scalars[$0 * inner..<($0 + 1) * inner]) }
}

@Suite("Which elements share a mask value")
struct DropoutShapeTests {
    @Test("DropPath keeps or drops each sample as a whole",
        arguments: [[16, 5], [16, 3, 4], [16, 2, 3, 4], [16, 2, 1, 3, 2]])
    func dropPathMaskIsConstantAcrossNonBatchDimensions(shape: [Int]) {
        let y = dropPath(ones(shape), dropProb: 0.5, training: true, generator: Generator(seed: 4))
        let samples = groups(y, leading: 1)
        #expect(samples.allSatisfy { Set($0).count == 1 })
        #expect(Set(samples.map { $0[0] }) == [0, 2], "some samples kept (×2), some dropped")
    }

    @Test("Dropout2d keeps or drops each (sample, channel) as a whole",
        arguments: [[6, 8, 3], [6, 8, 3, 4], [6, 8, 2, 3, 2]])
    func dropout2dMaskIsConstantAcrossSpatialDimensions(shape: [Int]) {
        let y = dropout2d(ones(shape), p: 0.5, generator: Generator(seed: 5))
        let channels = groups(y, leading: 2)
        #expect(channels.allSatisfy { Set($0).count == 1 })
        #expect(Set(channels.map { $0[0] }) == [0, 2])
    }

    @Test func dropoutDrawsEachElementOnItsOwn() {
        let y = dropout(ones([4, 64]), p: 0.5, generator: Generator(seed: 5))
        #expect(groups(y, leading: 1).allSatisfy { Set($0) == [0, 2] })
    }

    @Test func stochasticDepthBatchModeUsesOneDrawForTheWholeBatch() {
        let g = Generator(seed: 0)
        let draws = (0..<20).map { _ in
            Set(stochasticDepth(ones([5, 3]), p: 0.5, mode: .batch, generator: g).scalars)
        }
        #expect(draws.allSatisfy { $0.count == 1 })
        #expect(Set(draws) == [[0], [2]])
    }
}

@Suite("Dropout layers as modules")
struct DropoutModuleTests {
    @Test func layersStartInTrainingModeAndBecomeTheIdentityAfterEval() {
        let x = randn([4, 5], generator: Generator(seed: 0))
        let layers: [any Module] = [Dropout(p: 0.5), Dropout2d(p: 0.5), DropPath(dropProb: 0.5)]
        for layer in layers {
            #expect(layer.training)
            layer.eval()
            #expect(!layer.training)
            #expect(layer(x).scalars == x.scalars)
            layer.train()
            #expect(layer.training)
        }
    }

    @Test func dropPathKeepsItsSettings() {
        let layer = DropPath(dropProb: 0.1, scaleByKeep: false)
        #expect(layer.dropProb == 0.1 && !layer.scaleByKeep)
        #expect(DropPath().dropProb == 0 && DropPath().scaleByKeep)
    }

    @Test func layersPrintLikePyTorchAndTimm() {
        #expect(Dropout(p: 0.1).description == "Dropout(p=0.1, inplace=False)")
        #expect(Dropout2d().description == "Dropout2d(p=0.5, inplace=False)")
        #expect(DropPath(dropProb: 0.1).description == "DropPath(drop_prob=0.100)")
        #expect(DropPath(dropProb: 0.0090909).description == "DropPath(drop_prob=0.009)")
        // 0.0045 is stored just below the tie, so Python rounds it down.
        #expect(DropPath(dropProb: 0.0045).description == "DropPath(drop_prob=0.004)")
    }
}
