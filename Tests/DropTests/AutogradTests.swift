import Testing

@testable import Drop

@Suite struct AutogradTests {
    /// Ops with a reduction in their forward or backward get 1e-5, the others 1e-6.
    private static let reducing: Set<String> = [
        "add", "sub", "mul", "div", "matmul", "sum", "sumDim", "sumDimKeep", "mean", "meanDim",
        "meanDimKeep", "softmax", "logSoftmax", "crossEntropy", "mseLoss", "gelu",
    ]

    @Test func everyOpsGradientMatchesPyTorch() {
        for c in AutogradFixture.shared.ops {
            let xs = c.inputs.map { leaf($0.values, $0.shape) }
            let out = autogradOps[c.op]!(xs)
            let tolerance: Float = Self.reducing.contains(c.op) ? 1e-5 : 1e-6
            #expect(out.shape.dims == c.outShape, "\(c.op)")
            #expect(close(out.scalars, c.out, tolerance), "\(c.op) forward")
            out.backward(gradient: Tensor(c.upstream, shape: c.outShape))
            for (x, input) in zip(xs, c.inputs) {
                #expect(close(x.grad!.scalars, input.grad, tolerance), "\(c.op) \(input.shape)")
            }
        }
    }

    @Test func crossEntropyWithoutAGraphIsTheGraphsLossBitForBit() {
        // Without a graph only the targets' log-probabilities are computed, eight rows at a time
        // into scratch memory: rows around a group of eight, classes around the vector widths,
        // and a batch large enough to be shared between threads.
        for (rows, classes) in [(1, 1), (1, 5), (7, 3), (8, 16), (9, 17), (17, 1025), (64, 40), (301, 1000)] {
            let values = randn([rows, classes], generator: Generator(seed: UInt64(rows * 31 + classes))).scalars
            let targets = (0..<rows).map { $0 * 7 % classes }
            let withGraph = crossEntropy(leaf(values, [rows, classes]), targets: targets)
            let without = noGrad { crossEntropy(leaf(values, [rows, classes]), targets: targets) }
            let plain = crossEntropy(Tensor(values, shape: [rows, classes]), targets: targets)
            #expect(withGraph.item().bitPattern == without.item().bitPattern, "\(rows) × \(classes)")
            #expect(withGraph.item().bitPattern == plain.item().bitPattern, "\(rows) × \(classes)")
        }
    }

    @Test func printedTensorsMatchPyTorch() {
        for c in AutogradFixture.shared.ops where c.op != "gelu" {
            let xs = c.inputs.map { leaf($0.values, $0.shape) }
            #expect(xs[0].description == c.inputRepr)
            #expect(autogradOps[c.op]!(xs).description == c.outRepr, "\(c.op)")
        }
        let reprs = AutogradFixture.shared.reprs
        #expect(leaf([1, 2], [2]).description == reprs["leaf"])
        #expect(leaf([], [2, 0]).description == reprs["emptyLeaf"])
        let wide = leaf((0..<12).map { Float($0) }, [12]) / 7 * 1
        #expect(wide.description.hasSuffix("grad_fn=<MulBackward0>)"))
    }

    @Test func gradientsAccumulateAcrossBackwardCallsUntilCleared() {
        let x = leaf([1, 2, 3], [3])
        (x * x).sum().backward()
        (x * 2).sum().backward()
        #expect(x.grad!.scalars == [4, 6, 8])
        x.grad = nil
        #expect(x.grad == nil)
    }

    @Test func noGradAndDetachRecordNothing() {
        let x = leaf([1, 2], [2])
        let y = noGrad { x * 2 }
        #expect(!y.requiresGrad && y.isLeaf && y.description == "tensor([2., 4.])")
        #expect(!x.detach().requiresGrad)
        #expect(!(x * 2).isLeaf && x.isLeaf)
    }

    @Test func tensorsWithoutGradPrintAndCompareAsBefore() {
        let t = Tensor([1, 2], shape: [2])
        #expect(t.description == "tensor([1., 2.])")
        #expect(leaf([1, 2], [2]) == t)
    }

    @Test func parametersHaveTimmsNamesAndOrder() {
        let block = Block(dim: 8, numHeads: 2, qkvBias: true)
        #expect(block.namedParameters().map(\.0) == AutogradFixture.shared.block.names)
        let stack = BlockStack(depth: 2, dim: 8, numHeads: 2)
        #expect(stack.namedParameters().map(\.0).contains("blocks.1.mlp.fc1.bias"))
        #expect(block.parameters().allSatisfy { $0.requiresGrad && $0.isLeaf })
    }
}
