import Foundation
import Testing

@testable import Drop

/// `Fixtures/vit.json`, written by `Fixtures/make_vit_fixtures.py` with timm 1.0 and PyTorch
/// (the script's docstring says where each seed goes; the tests seed at the same points).
private struct VitFixture: Decodable {
    struct BlockCase: Decodable {
        let shape: [Int]
        let x: [Float]
        let params: [String: [Float]]
        let eval: [Float]
        let attnBranch: [Float]
        let train: [Float]
        let mask1: [Float]
        let mask2: [Float]
    }
    struct StackCase: Decodable {
        let shape: [Int]
        let x: [Float]
        let rates: [Double]
        let params: [[String: [Float]]]
        let eval: [Float]
        let train: [Float]
    }
    struct Schedule: Decodable {
        let rate: Double
        let depth: Int
        let values: [Double]
    }
    struct MatmulCase: Decodable {
        let a: [Float]
        let aShape: [Int]
        let b: [Float]
        let bShape: [Int]
        let c: [Float]
        let cShape: [Int]
    }
    let block: BlockCase
    let stack: StackCase
    let schedules: [Schedule]
    let matmul: [MatmulCase]

    static let shared: VitFixture = {
        let url = Bundle.module.url(
            forResource: "vit", withExtension: "json", subdirectory: "Fixtures")!
        return try! JSONDecoder().decode(VitFixture.self, from: Data(contentsOf: url))
    }()
}

/// A block's parameters under timm's `named_parameters()` names.
private func namedParameters(_ block: Block) -> [String: Tensor] {
    [
        "norm1.weight": block.norm1.weight, "norm1.bias": block.norm1.bias,
        "attn.qkv.weight": block.attn.qkv.weight,
        "attn.proj.weight": block.attn.proj.weight, "attn.proj.bias": block.attn.proj.bias!,
        "norm2.weight": block.norm2.weight, "norm2.bias": block.norm2.bias,
        "mlp.fc1.weight": block.mlp.fc1.weight, "mlp.fc1.bias": block.mlp.fc1.bias!,
        "mlp.fc2.weight": block.mlp.fc2.weight, "mlp.fc2.bias": block.mlp.fc2.bias!,
    ]
}

/// The largest element-wise difference; the arrays must have the same length.
private func maxDifference(_ a: [Float], _ b: [Float]) -> Float {
    precondition(a.count == b.count, "lengths \(a.count) and \(b.count) differ")
    return zip(a, b).map { abs($0 - $1) }.max() ?? 0
}

/// Agreement with PyTorch where the summation order differs (BLAS, fused attention): 1e-5.
private let tolerance: Float = 1e-5

/// Nested in the serialized `DefaultGeneratorTests`: these tests seed and draw from
/// `Generator.default`, so no other test that touches it may run in between.
extension DefaultGeneratorTests {
    @Suite struct VitTests {
        // MARK: - Creation matches timm bit for bit

        @Test func blockBuiltAfterSeedHasTimmsWeightsExactly() {
            let fixture = VitFixture.shared.block
            manualSeed(0)
            let block = Block(dim: 8, numHeads: 2, dropPath: 0.5)
            let ours = namedParameters(block)
            #expect(Set(ours.keys) == Set(fixture.params.keys))
            for (name, values) in fixture.params {
                #expect(ours[name]?.scalars == values, "\(name)")
            }
        }

        @Test func stackBuiltAfterSeedHasTimmsWeightsExactly() {
            let fixture = VitFixture.shared.stack
            manualSeed(3)
            let stack = BlockStack(depth: 4, dim: 8, numHeads: 2, dropPathRate: 0.3)
            for (block, params) in zip(stack.blocks, fixture.params) {
                let ours = namedParameters(block)
                for (name, values) in params { #expect(ours[name]?.scalars == values, "\(name)") }
            }
        }

        @Test func dropPathsAreIdentityAtRateZeroAndDropPathOtherwise() {
            let stack = BlockStack(depth: 4, dim: 8, numHeads: 2, dropPathRate: 0.3)
            #expect(stack.blocks[0].dropPath1 is Identity && stack.blocks[0].dropPath2 is Identity)
            for (block, rate) in zip(stack.blocks.dropFirst(), VitFixture.shared.stack.rates.dropFirst()) {
                let dropPath = block.dropPath1 as? DropPath
                #expect(dropPath?.dropProb == rate)
                #expect(block.dropPath2 is DropPath)
            }
        }

        @Test func trainAndEvalReachEverySubmoduleOfTheStack() {
            let stack = BlockStack(depth: 3, dim: 8, numHeads: 2, dropPathRate: 0.2).eval()
            func all(_ m: any Module) -> [any Module] { [m] + m.children.flatMap(all) }
            let modules = all(stack)
            // Per block: itself, 2 norms, attn and its 2 linears, 2 drop paths, mlp and its 3 layers.
            #expect(modules.count == 1 + 3 * 12)
            #expect(modules.allSatisfy { !$0.training })
            stack.train()
            #expect(modules.allSatisfy { $0.training })
        }

        // MARK: - Forward passes match timm

        @Test func blockEvalOutputMatchesTimm() {
            let fixture = VitFixture.shared.block
            manualSeed(0)
            let block = Block(dim: 8, numHeads: 2, dropPath: 0.5).eval()
            let x = Tensor(fixture.x, shape: fixture.shape)
            #expect(maxDifference(block.attnBranch(x).scalars, fixture.attnBranch) < tolerance)
            #expect(maxDifference(block(x).scalars, fixture.eval) < tolerance)
        }

        @Test func blockTrainOutputMatchesTimmWithTheSameSeedBeforeTheForward() {
            let fixture = VitFixture.shared.block
            manualSeed(0)
            let block = Block(dim: 8, numHeads: 2, dropPath: 0.5)
            manualSeed(2)
            let y = block(Tensor(fixture.x, shape: fixture.shape))
            #expect(maxDifference(y.scalars, fixture.train) < tolerance)
        }

        @Test func stackOutputsMatchTimmInBothModes() {
            let fixture = VitFixture.shared.stack
            manualSeed(3)
            let stack = BlockStack(depth: 4, dim: 8, numHeads: 2, dropPathRate: 0.3)
            let x = Tensor(fixture.x, shape: fixture.shape)
            manualSeed(4)
            #expect(maxDifference(stack(x).scalars, fixture.train) < tolerance)
            #expect(maxDifference(stack.eval()(x).scalars, fixture.eval) < tolerance)
        }

        // MARK: - Drop path semantics

        @Test func evalIsDeterministicAndEqualsTheAllKeptPath() {
            let fixture = VitFixture.shared.block
            manualSeed(0)
            let block = Block(dim: 8, numHeads: 2, dropPath: 0.5).eval()
            let x = Tensor(fixture.x, shape: fixture.shape)
            let first = block(x).scalars
            #expect(block(x).scalars == first)
            let afterAttn = x + block.attnBranch(x)
            #expect((afterAttn + block.mlpBranch(afterAttn)).scalars == first)
        }

        @Test func aSampleWhoseBranchIsDroppedGetsExactlyTheOtherBranch() {
            let fixture = VitFixture.shared.block
            manualSeed(0)
            let block = Block(dim: 8, numHeads: 2, dropPath: 0.5)
            let x = Tensor(fixture.x, shape: fixture.shape)  // (B, N, D)
            let mlp = block.mlpBranch(x)
            manualSeed(2)
            let y = block(x)
            // Masks (from timm): sample 0 drops both branches, 2 and 3 keep only the MLP (× 1/keep).
            #expect(fixture.mask1 == [0, 1, 0, 0] && fixture.mask2 == [0, 0, 1, 1])
            #expect(y[0].scalars == x[0].scalars)
            for sample in [2, 3] {
                let expected = zip(x[sample].scalars, mlp[sample].scalars).map { $0 + $1 * 2 }
                #expect(y[sample].scalars == expected)
            }
        }

        @Test func scheduleEqualsTorchLinspaceItemsExactly() {
            for schedule in VitFixture.shared.schedules {
                #expect(
                    dropPathSchedule(rate: schedule.rate, depth: schedule.depth) == schedule.values,
                    "rate \(schedule.rate), depth \(schedule.depth)")
            }
        }

        /// Over T passes of B samples, the mean number of kept residual branches per sample
        /// estimates Σ_l 2·(1 − p_l) = 22.8 for depth 12 and rate 0.1; its standard error is
        /// √(Σ_l 2·p_l·(1 − p_l) / (T·B)) ≈ 0.0106 for T·B = 10 000. The bound is 5 standard errors
        /// (a correct implementation fails with probability < 1e-6; the seed is fixed anyway).
        @Test func meanActiveBranchesOfADepth12StackMatchesTheSchedule() {
            let stack = BlockStack(depth: 12, dim: 8, numHeads: 2, dropPathRate: 0.1)
            let rates = dropPathSchedule(rate: 0.1, depth: 12)
            let expected = rates.map { 2 * (1 - $0) }.reduce(0, +)
            let standardError = (rates.map { 2 * $0 * (1 - $0) }.reduce(0, +) / 10_000).squareRoot()
            manualSeed(7)
            // Each drop path applied to ones (B, 1, 1) reveals the mask a forward pass would draw,
            // drawing from the generator exactly as the forward pass does, block by block.
            let ones = Tensor([Float](repeating: 1, count: 100), shape: [100, 1, 1])
            var kept = 0
            for _ in 0..<100 {
                for block in stack.blocks {
                    for dropPath in [block.dropPath1, block.dropPath2] {
                        kept += dropPath(ones).scalars.filter { $0 != 0 }.count
                    }
                }
            }
            let mean = Double(kept) / 10_000
            #expect(abs(mean - expected) < 5 * standardError, "mean \(mean), expected \(expected)")
        }

        // MARK: - matmul

        @Test func matmulMatchesTorchWithBroadcastingAndVectors() {
            for c in VitFixture.shared.matmul {
                let product = Tensor(c.a, shape: c.aShape).matmul(Tensor(c.b, shape: c.bShape))
                #expect(product.shape.dims == c.cShape, "\(c.aShape) @ \(c.bShape)")
                #expect(maxDifference(product.scalars, c.c) < tolerance, "\(c.aShape) @ \(c.bShape)")
            }
        }

        @Test func linearIsTheMatrixProductWithTheTransposedWeightPlusBias() {
            manualSeed(11)
            let layer = Linear(inFeatures: 5, outFeatures: 3)
            let x = Tensor((0..<20).map { Float($0) * 0.25 - 2 }, shape: [2, 2, 5])
            let weightT = Tensor(
                (0..<15).map { layer.weight.scalars[($0 % 3) * 5 + $0 / 3] }, shape: [5, 3])
            let expected = x.matmul(weightT).scalars.enumerated().map {
                $0.element + layer.bias!.scalars[$0.offset % 3]
            }
            #expect(layer(x).shape.dims == [2, 2, 3])
            #expect(layer(x).scalars == expected)
        }
    }
}
