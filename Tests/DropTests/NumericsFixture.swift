import Foundation
import Testing
@testable import Drop

/// One case of `Fixtures/numerics.txt`: a Drop call, its inputs and PyTorch's answer.
struct NumericsCase: CustomTestStringConvertible, Sendable {
    let name: String
    /// The operation and its arguments, e.g. `["sum_dim", "-1", "1"]`.
    let op: [String]
    let inputs: [Tensor]
    /// PyTorch's result (the input itself for `print` cases).
    let want: Tensor
    /// PyTorch's `repr` of the result.
    let printed: String

    var testDescription: String { name }

    /// The `index`-th argument after the op name, as a Float.
    func float(_ index: Int) -> Float { Float(op[index + 1])! }
    /// The `index`-th argument after the op name, as an Int.
    func int(_ index: Int) -> Int { Int(op[index + 1])! }

    /// Every case in the fixture file, in file order.
    static let all: [NumericsCase] = load()

    /// The cases whose op is one of `ops`.
    static func with(ops: Set<String>) -> [NumericsCase] { all.filter { ops.contains($0.op[0]) } }

    private static func load() -> [NumericsCase] {
        let url = Bundle.module.url(
            forResource: "numerics", withExtension: "txt", subdirectory: "Fixtures")!
        let lines = try! String(contentsOf: url, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        var cases: [NumericsCase] = []
        var i = 0
        while i < lines.count {
            guard lines[i].hasPrefix("case ") else { i += 1; continue }
            let name = String(lines[i].dropFirst(5))
            let op = lines[i + 1].dropFirst(3).split(separator: " ").map(String.init)
            i += 2
            var tensors: [Tensor] = []
            while !lines[i].hasPrefix("print ") {
                tensors.append(tensor(lines[i]))
                i += 1
            }
            let count = Int(lines[i].dropFirst(6))!
            let printed = lines[(i + 1)...(i + count)].joined(separator: "\n")
            i += count + 1
            let want = op == ["print"] ? tensors[0] : tensors.removeLast()
            cases.append(NumericsCase(
                name: name, op: op, inputs: tensors, want: want, printed: printed))
        }
        return cases
    }

    /// Parses `tag SHAPE | HEX...` into a tensor with those exact float32 bits.
    private static func tensor(_ line: Substring) -> Tensor {
        let halves = line.split(separator: "|", omittingEmptySubsequences: false)
        let shape = halves[0].split(separator: " ").dropFirst().map { Int($0)! }
        let values = halves[1].split(separator: " ").map { Float(bitPattern: UInt32($0, radix: 16)!) }
        return Tensor(values, shape: shape)
    }
}

/// True when `a` and `b` hold the same float32 bit patterns (so `-0.0 != 0.0`, NaN == NaN).
func sameBits(_ a: Tensor, _ b: Tensor) -> Bool {
    a.shape == b.shape && a.scalars.map(\.bitPattern) == b.scalars.map(\.bitPattern)
}
