import Testing

@testable import Drop

@Suite("Autograd misuse stops with PyTorch's message")
struct AutogradMisuseTests {
    @Test func backwardOnManyElementsWithoutGradient() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var x = Tensor([1, 2])
            x.requiresGrad = true
            (x * 2).backward()
        }
        #expect(stderr(result).contains("grad can be implicitly created only for scalar outputs"))
    }

    @Test func backwardOnATensorThatDoesNotRequireGrad() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            Tensor([1, 2]).sum().backward()
        }
        #expect(
            stderr(result).contains(
                "element 0 of tensors does not require grad and does not have a grad_fn"))
    }

    @Test func secondBackwardThroughAFreedGraph() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var x = Tensor([1, 2])
            x.requiresGrad = true
            let loss = (x * x).sum()
            loss.backward()
            loss.backward()
        }
        #expect(stderr(result).contains("Trying to backward through the graph a second time"))
    }

    @Test func inPlaceChangeOfASavedValue() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var x = Tensor([1, 2])
            x.requiresGrad = true
            var y = x.exp()  // ExpBackward0 saves its result
            let loss = y.sum()
            y += 1
            loss.backward()
        }
        #expect(
            stderr(result).contains(
                "one of the variables needed for gradient computation has been modified by an "
                    + "inplace operation"))
    }

    @Test func inPlaceChangeOfALeafThatRequiresGrad() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var x = Tensor([1, 2])
            x.requiresGrad = true
            x += 1
        }
        #expect(
            stderr(result).contains(
                "a leaf Variable that requires grad is being used in an in-place operation."))
    }

    @Test func inPlaceChangeOfAParameterUnderNoGradIsSeenByEveryHandle() {
        let layer = Linear(inFeatures: 2, outFeatures: 1)
        var handle = layer.parameters()[0]
        let before = layer.weight.scalars
        noGrad { handle += 1 }
        #expect(layer.weight.scalars == before.map { $0 + 1 })
    }
}
