import Foundation

@testable import Drop

/// `Fixtures/autograd.json`, written by `Fixtures/make_autograd_fixtures.py` with real PyTorch.
struct AutogradFixture: Decodable {
    struct Input: Decodable {
        let shape: [Int]
        let values: [Float]
        let grad: [Float]
    }
    struct OpCase: Decodable {
        let op: String
        let seed: Int
        let inputs: [Input]
        let inputRepr: String
        let outShape: [Int]
        let out: [Float]
        let outRepr: String
        let upstream: [Float]
    }
    struct DropCase: Decodable {
        let op: String
        let seed: UInt64
        let shape: [Int]
        let x: [Float]
        let out: [Float]
        let outRepr: String
        let upstream: [Float]
        let grad: [Float]
    }
    struct BlockCase: Decodable {
        let seed: UInt64
        let forwardSeed: UInt64
        let droppedSample: Int
        let x: [Float]
        let out: [Float]
        let upstream: [Float]
        let xGrad: [Float]
        let outRepr: String
        let names: [String]
        let grads: [String: [Float]]
    }
    struct Training: Decodable {
        let model: String
        let optimizer: String
        let x: [Float]
        let target: [Float]
        let losses: [Float]
        let names: [String]
        let final: [String: [Float]]
    }
    let ops: [OpCase]
    let drops: [DropCase]
    let block: BlockCase
    let trainings: [Training]
    let reprs: [String: String]

    static let shared: AutogradFixture = {
        let url = Bundle.module.url(
            forResource: "autograd", withExtension: "json", subdirectory: "Fixtures")!
        return try! JSONDecoder().decode(AutogradFixture.self, from: Data(contentsOf: url))
    }()
}

/// The ops of the fixture by name, applied to Drop tensors.
let autogradOps: [String: @Sendable ([Tensor]) -> Tensor] = [
    "add": { $0[0] + $0[1] }, "sub": { $0[0] - $0[1] }, "mul": { $0[0] * $0[1] },
    "div": { $0[0] / $0[1] }, "addScalar": { $0[0] + 2.5 }, "scalarAdd": { 2.5 + $0[0] },
    "subScalar": { $0[0] - 1.5 }, "scalarSub": { 1.5 - $0[0] }, "mulScalar": { $0[0] * 3 },
    "scalarMul": { 3 * $0[0] }, "divScalar": { $0[0] / 4 }, "scalarDiv": { 4 / $0[0] },
    "neg": { -$0[0] }, "exp": { $0[0].exp() }, "log": { $0[0].log() }, "sqrt": { $0[0].sqrt() },
    "abs": { $0[0].abs() }, "matmul": { $0[0].matmul($0[1]) },
    "transpose": { $0[0].transpose(0, 1) }, "reshape": { $0[0].reshape(6, 4) },
    "select": { $0[0][1] }, "sum": { $0[0].sum() }, "sumDim": { $0[0].sum(dim: 1) },
    "sumDimKeep": { $0[0].sum(dim: 0, keepdim: true) }, "mean": { $0[0].mean() },
    "meanDim": { $0[0].mean(dim: 1) }, "meanDimKeep": { $0[0].mean(dim: -1, keepdim: true) },
    "softmax": { $0[0].softmax(dim: 1) }, "logSoftmax": { $0[0].logSoftmax(dim: 1) },
    "relu": { $0[0].relu() }, "gelu": { $0[0].gelu() }, "permute": { $0[0].permute(2, 0, 1) },
    "unsqueeze": { $0[0].unsqueeze(1) },
    "crossEntropy": { crossEntropy($0[0], targets: [1, 0, 4, 2]) },
    "mseLoss": { mseLoss($0[0], $0[1]) },
]

/// A leaf that requires grad.
func leaf(_ values: [Float], _ shape: [Int]) -> Tensor {
    var t = Tensor(values, shape: shape)
    t.requiresGrad = true
    return t
}

/// Whether `a` and `b` agree within `tolerance`, relative to each value's magnitude (at least 1).
func close(_ a: [Float], _ b: [Float], _ tolerance: Float) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) }
}
