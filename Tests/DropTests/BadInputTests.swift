import Testing
@testable import Drop

@Suite("Bad input stops with PyTorch's message")
struct BadInputTests {
    @Test func dropoutProbabilityAboveOne() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = dropout(Tensor([1, 2]), p: 1.5)
        }
        #expect(stderr(result).contains("dropout probability has to be between 0 and 1, but got 1.5"))
    }

    @Test func dropout2dModuleProbabilityBelowZero() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Dropout2d(p: -0.1)
        }
        #expect(stderr(result).contains("dropout probability has to be between 0 and 1, but got -0.1"))
    }

    @Test func dropout2dOnOneDimension() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = dropout2d(Tensor([1, 2, 3]), p: 0.5)
        }
        #expect(stderr(result).contains("Feature dropout requires at least 2 dimensions in the input"))
    }

    @Test func dropPathProbabilityAboveOne() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = dropPath(Tensor([1, 2]), dropProb: 1.5, training: true)
        }
        #expect(stderr(result).contains("bernoulli_ expects p to be in [0, 1], but got p=-0.5"))
    }

    @Test func stochasticDepthProbabilityAboveOne() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = stochasticDepth(Tensor([1, 2]), p: 2, mode: .row)
        }
        #expect(stderr(result).contains("drop probability has to be between 0 and 1, but got 2.0"))
    }

    @Test func stochasticDepthByRowOnA0dTensor() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = stochasticDepth(Tensor(1), p: 0.5, mode: .row)
        }
        #expect(stderr(result).contains("stochastic_depth in row mode needs a batch dimension"))
    }

    @Test func negativeDimension() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = rand(2, -1)
        }
        #expect(stderr(result).contains("Trying to create tensor with negative dimension -1: [2, -1]"))
    }

    @Test func uniformWithAnEmptyRange() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = rand([3], from: 2, to: 1)
        }
        #expect(stderr(result).contains("uniform_ expects to return a [from, to) range"))
    }

    @Test func minOfAnEmptyTensor() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = zeros(0).min()
        }
        #expect(stderr(result).contains(
            "min(): Expected reduction dim to be specified for input.numel() == 0"))
    }

    @Test func maxAlongAnEmptyDimension() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = zeros(3, 0).max(dim: -1)
        }
        #expect(stderr(result).contains("max(): Expected reduction dim 1 to have non-zero size."))
    }
}

/// The child's standard error as text ("" if the exit test did not run).
func stderr(_ result: ExitTest.Result?) -> String {
    result.map { String(decoding: $0.standardErrorContent, as: UTF8.self) } ?? ""
}

@Suite("Shapes that cannot be made stop with a message")
struct ImpossibleShapeTests {
    @Test func reshapeInfersOneDimensionAtMost() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = zeros(2, 3).reshape(-1, -1)
        }
        #expect(stderr(result).contains("only one dimension can be inferred"))
    }

    @Test func arangeTooLongToStore() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = arange(0, 1e30)
        }
        #expect(stderr(result).contains("storage size calculation overflowed"))
    }
}
