import Testing

@testable import Drop

/// Finite differences, independent of PyTorch: each op's backward against central differences of
/// its forward. The forward is float32, so the step is 1e-2 and the tolerance 2e-2 relative.
@Suite struct GradCheckTests {
    /// Checks `op`'s gradient for `inputs` against `(f(x + h) − f(x − h)) / 2h` of `sum(op · w)`.
    private func gradCheck(_ name: String, _ inputs: [Tensor]) {
        let op = autogradOps[name]!
        let xs = inputs.map { leaf($0.scalars, $0.shape.dims) }
        let out = op(xs)
        let weights = Tensor((0..<out.numel).map { Float($0 % 5) * 0.25 - 0.5 }, shape: out.shape.dims)
        (out * weights).sum().backward()
        for (k, x) in xs.enumerated() {
            for i in 0..<x.numel {
                func f(_ delta: Double) -> Double {
                    var moved = inputs
                    var values = moved[k].scalars
                    values[i] += Float(delta)
                    moved[k] = Tensor(values, shape: moved[k].shape.dims)
                    return zip(op(moved).scalars, weights.scalars).reduce(0.0) { $0 + Double($1.0 * $1.1) }
                }
                let h = 1e-2
                let numeric = (f(h) - f(-h)) / (2 * h)
                let analytic = Double(x.grad!.scalars[i])
                #expect(abs(numeric - analytic) <= 2e-2 * max(1, abs(numeric)), "\(name) input \(k)[\(i)]")
            }
        }
    }

    @Test func everyOpsBackwardMatchesFiniteDifferences() {
        for c in AutogradFixture.shared.ops where c.seed == 0 && c.op != "relu" && c.op != "abs" {
            gradCheck(c.op, c.inputs.map { Tensor($0.values, shape: $0.shape) })
        }
    }
}
