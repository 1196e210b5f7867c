import Testing

@testable import Drop

/// Nested in the serialized `DefaultGeneratorTests`: these seed and draw from `Generator.default`.
extension DefaultGeneratorTests {
    @Suite struct OptimizerTests {
        @Test func trajectoriesMatchPyTorch() {
            for t in AutogradFixture.shared.trainings {
                manualSeed(11)
                let model: any Module
                let loss: () -> Tensor
                if t.model == "mlp" {
                    let mlp = Mlp(inFeatures: 4, hiddenFeatures: 8)
                    let (x, target) = (Tensor(t.x, shape: [6, 4]), Tensor(t.target, shape: [6, 4]))
                    (model, loss) = (mlp, { mseLoss(mlp(x), target) })
                } else {
                    let stack = BlockStack(
                        depth: 2, dim: 8, numHeads: 2, dropPathRate: 0.2)
                    let x = Tensor(t.x, shape: [3, 4, 8])
                    (model, loss) = (stack, { let y = stack(x); return (y * y).mean() })
                }
                let optimizer: any Optimizer =
                    t.optimizer == "sgd"
                    ? SGD(model.parameters(), lr: 0.05, momentum: 0.9, weightDecay: 0.01)
                    : AdamW(model.parameters(), lr: 0.01, weightDecay: 0.1)
                var losses: [Float] = []
                for _ in 0..<t.losses.count {
                    optimizer.zeroGrad()
                    let l = loss()
                    l.backward()
                    optimizer.step()
                    losses.append(l.item())
                }
                #expect(close(losses, t.losses, 1e-5), "\(t.model) \(t.optimizer) losses")
                for (name, p) in model.namedParameters() {
                    #expect(close(p.scalars, t.final[name]!, 1e-5), "\(t.model) \(t.optimizer) \(name)")
                }
            }
        }

        @Test func dropoutFamilyGradientsUseTheForwardMask() {
            for c in AutogradFixture.shared.drops {
                let x = leaf(c.x, c.shape)
                manualSeed(c.seed)
                let out: Tensor
                switch c.op {
                case "dropout": out = dropout(x, p: 0.3)
                case "dropout2d": out = dropout2d(x, p: 0.5)
                case "dropPath": out = dropPath(x, dropProb: 0.5, training: true)
                default: out = stochasticDepth(x, p: 0.5, mode: .row)
                }
                #expect(out.scalars == c.out, "\(c.op)")
                #expect(out.description == c.outRepr, "\(c.op)")
                out.backward(gradient: Tensor(c.upstream, shape: c.shape))
                #expect(x.grad!.scalars == c.grad, "\(c.op)")
            }
        }

        @Test func blockGradientsMatchTimmInTrainMode() {
            let c = AutogradFixture.shared.block
            manualSeed(c.seed)
            let block = Block(dim: 8, numHeads: 2, qkvBias: true, dropPath: 0.5)
            let x = leaf(c.x, [4, 3, 8])
            manualSeed(c.forwardSeed)
            let out = block(x)
            #expect(close(out.scalars, c.out, 1e-5))
            #expect(out[0][0].description == c.outRepr)
            out.backward(gradient: Tensor(c.upstream, shape: [4, 3, 8]))
            #expect(close(x.grad!.scalars, c.xGrad, 1e-5))
            for (name, p) in block.namedParameters() {
                #expect(close(p.grad!.scalars, c.grads[name]!, 1e-5), "\(name)")
            }
        }

        @Test func aDroppedSampleSendsExactlyZeroGradientThroughItsBranch() {
            let c = AutogradFixture.shared.block
            manualSeed(c.seed)
            let block = Block(dim: 8, numHeads: 2, qkvBias: true, dropPath: 0.5)
            let x = leaf(c.x, [4, 3, 8])
            manualSeed(c.forwardSeed)
            let out = block(x)
            // Upstream gradient only on the sample whose attention branch was dropped.
            var upstream = [Float](repeating: 0, count: 96)
            for i in (c.droppedSample * 24)..<((c.droppedSample + 1) * 24) { upstream[i] = 1 }
            out.backward(gradient: Tensor(upstream, shape: [4, 3, 8]))
            for p in [block.norm1.weight, block.attn.qkv.weight, block.attn.proj.weight] {
                #expect(p.grad!.scalars.allSatisfy { $0 == 0 })
            }
        }
    }
}
