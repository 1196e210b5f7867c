import Testing
@testable import Drop

/// Reductions accumulate in Double, so they match PyTorch to a tolerance, not bit for bit;
/// these specs use values whose results print identically.
@Suite struct ReductionTests {
    @Test func varianceIsUnbiasedLikeTorch() {
        #expect(Tensor([1, 2, 3, 4]).var().description == "tensor(1.6667)")
        #expect(Tensor([2]).var().item().isNaN)  // no degrees of freedom
        #expect(Tensor([1, 2, 3, 4]).var(correction: 0).description == "tensor(1.2500)")
    }

    @Test func keepdimKeepsAUnitDimension() {
        let x = arange(6).reshape(2, 3)
        #expect(x.mean(dim: 1, keepdim: true).description == "tensor([[1.],\n        [4.]])")
        #expect(x.sum(dim: 0).shape == [3])
    }

    @Test func maxPropagatesNaN() {
        #expect(Tensor([1, .nan, 3]).max().item().isNaN)
        #expect(Tensor([1, -5, 3]).min().item() == -5)
    }

    @Test func softmaxSumsToOne() {
        let p = Tensor([1, 2, 3]).softmax(dim: 0)
        #expect(p.description == "tensor([0.0900, 0.2447, 0.6652])")
        #expect(Swift.abs(p.sum().item() - 1) < 1e-6)
    }
}
