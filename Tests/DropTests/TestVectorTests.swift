import Foundation
import Testing
@testable import Drop

/// PyTorch's verbatim outputs from `Fixtures/test_vectors.json`, keyed by vector name.
let torchOutputs: [String: String] = {
    struct File: Decodable {
        struct Vector: Decodable { var name: String; var torch_output: String }
        var vectors: [Vector]
    }
    let url = Bundle.module.url(forResource: "Fixtures/test_vectors", withExtension: "json")!
    let file = try! JSONDecoder().decode(File.self, from: Data(contentsOf: url))
    return Dictionary(uniqueKeysWithValues: file.vectors.map { ($0.name, $0.torch_output) })
}()

/// Each vector's Python, written as a lesson writes it with Drop: same calls, same printout.
/// They seed and draw from the default generator, so they live in the serialized suite.
extension DefaultGeneratorTests {
    /// What the lesson code prints, one `print` per line as in Python.
    static let lessons: [String: @Sendable () -> [Any]] = [
        "rand": { manualSeed(0); return [rand(5)] },
        "randn_small": { manualSeed(0); return [randn(5)] },
        "randn_cache": { manualSeed(42); return [randn(3), randn(3)] },
        "randn_16": { manualSeed(42); return [randn(16)] },
        "randn_4d": {
            manualSeed(0)
            let x = randn(3, 2, 2, 3)
            return [x.shape, x]
        },
        "bernoulli": { manualSeed(0); return [bernoulli([10], p: 0.5)] },
        "dropout": {
            manualSeed(0)
            let x = randn(4, 6)
            return [dropout(x, p: 0.5, training: true)]
        },
        "dropout_module": {
            manualSeed(1)
            let d = Dropout(p: 0.1)
            return [d(ones(2, 8))]
        },
        "drop_path": {
            manualSeed(2)
            let x = randn(3, 2, 2, 3)
            return [dropPath(x, dropProb: 0.5, training: true)]
        },
        "drop_path_all_dropped": {
            manualSeed(0)
            let x = randn(3, 2, 2, 3)
            return [dropPath(x, dropProb: 0.5, training: true)]
        },
        "drop_path_legacy": {
            manualSeed(0)
            let x = randn(3, 2, 2, 3)
            // The article's form, from primitives.
            let keepProb: Float = 1 - 0.5
            let r = (keepProb + rand(3, 1, 1, 1)).floor()
            return [x / keepProb * r]
        },
        "drop_path_batch8": {
            manualSeed(3)
            return [dropPath(ones(8, 1, 2), dropProb: 0.25, training: true)]
        },
        "linspace": {
            let dpr = linspace(0, 0.1, 12)
            return [dpr, "[" + dpr.scalars.map { String(Double($0)) }.joined(separator: ", ") + "]"]
        },
        "summarized": { manualSeed(0); return [randn(40, 40)] },
        "sci_and_int": {
            [Tensor([1e-5, 1.0]), Tensor([1, 0, 1]), Tensor([-0.0, 0.5, 1.25])]
        },
    ]

    @Test("every vector of test_vectors.json prints exactly what PyTorch printed",
        arguments: torchOutputs.keys.sorted())
    func testVector(_ name: String) throws {
        let lesson = try #require(Self.lessons[name], "no Drop version of vector \(name)")
        let printed = lesson().map { "\($0)\n" }.joined()
        #expect(printed == torchOutputs[name])
    }
}
