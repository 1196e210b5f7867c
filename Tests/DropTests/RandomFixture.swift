import Foundation
@testable import Drop

/// One recorded PyTorch session from `Fixtures/random.json` (see `make_random_fixtures.py`).
struct RandomCase: Decodable, CustomStringConvertible {
    struct Step: Decodable {
        var op: String
        var shape: [Int]?
        var input: Int?
        var p: Double?
        var training: Bool?
        var mean: Double?
        var std: Double?
        var from: Double?
        var to: Double?
        var values: [Float]?
        var mode: String?
        var scale_by_keep: Bool?
        var out_shape: [Int]
        /// The float32 bit patterns; empty for a large output, recorded as `digest` instead.
        var bits: [UInt32]
        var digest: String?
        var printed: String
    }

    var name: String
    var seed: UInt64?
    var initial_seed: String
    var steps: [Step]
    var after: [UInt32]

    var description: String { name }

    /// All recorded cases, loaded once.
    static let all: [RandomCase] = {
        struct File: Decodable { var cases: [RandomCase] }
        let url = Bundle.module.url(forResource: "Fixtures/random", withExtension: "json")!
        return try! JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
    }()

    /// Whether a step is a module, which draws from the default generator.
    var usesDefaultGenerator: Bool { steps.contains { $0.op == "dropout_module" } }

    /// Replays the steps with Drop on a generator seeded like the case (the default generator
    /// when a module is involved); returns each step's output and the generator, ready for the
    /// `after` draw.
    func replay() -> (outputs: [Tensor], generator: Generator) {
        let g: Generator
        if usesDefaultGenerator {
            manualSeed(seed!)
            g = .default
        } else {
            g = seed.map { Generator(seed: $0) } ?? Generator()
        }
        var outs: [Tensor] = []
        for step in steps {
            let x = step.input.map { outs[$0] }
            outs.append(Self.run(step, x, g))
        }
        return (outs, g)
    }

    private static func run(_ s: Step, _ x: Tensor?, _ g: Generator) -> Tensor {
        switch s.op {
        case "rand": return rand(s.shape!, generator: g)
        case "randn": return randn(s.shape!, mean: s.mean ?? 0, std: s.std ?? 1, generator: g)
        case "uniform":
            return rand(s.shape!, from: Float(s.from!), to: Float(s.to!), generator: g)
        case "ones": return ones(s.shape!)
        case "values": return Tensor(s.values!, shape: s.shape!)
        case "bernoulli_p": return bernoulli(s.shape!, p: s.p!, generator: g)
        case "bernoulli_tensor": return bernoulli(x!, generator: g)
        case "dropout": return dropout(x!, p: s.p!, training: s.training!, generator: g)
        case "dropout_module":
            let module = Dropout(p: s.p!)
            if !s.training! { module.eval() }
            return module(x!)
        case "dropout2d": return dropout2d(x!, p: s.p!, training: s.training!, generator: g)
        case "drop_path":
            return dropPath(
                x!, dropProb: s.p!, training: s.training!, scaleByKeep: s.scale_by_keep!,
                generator: g)
        case "drop_path_legacy": return legacyDropPath(x!, dropProb: s.p!, generator: g)
        case "stochastic_depth":
            return stochasticDepth(
                x!, p: s.p!, mode: StochasticDepthMode(rawValue: s.mode!)!, training: s.training!,
                generator: g)
        default: fatalError("unknown op \(s.op)")
        }
    }

    /// The article's drop path, written as a lesson writes it, from `rand` and arithmetic.
    static func legacyDropPath(_ x: Tensor, dropProb: Double, generator g: Generator) -> Tensor {
        let keepProb = Float(1 - dropProb)
        let shape = [x.shape[0]] + Array(repeating: 1, count: x.ndim - 1)  // (B, 1, …, 1)
        let r = (keepProb + rand(shape, generator: g)).floor()
        return x / keepProb * r
    }
}
