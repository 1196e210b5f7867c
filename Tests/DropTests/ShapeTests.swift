import Testing
@testable import Drop

@Suite struct ShapeTests {
    @Test func transposeIsAContiguousCopy() {
        let x = arange(6).reshape(2, 3)
        #expect(x.transpose(0, 1) == Tensor([0, 3, 1, 4, 2, 5], shape: [3, 2]))
    }

    @Test func negativeDimsCountFromTheEnd() {
        let x = arange(24).reshape(2, 3, 4)
        #expect(x.transpose(-1, -2) == x.transpose(1, 2))
        #expect(x.unsqueeze(-1).shape == [2, 3, 4, 1])
        #expect(x.sum(dim: -1) == x.sum(dim: 2))
    }

    @Test func squeezeRemovesOnlyUnitDimensions() {
        let x = zeros(1, 3, 1)
        #expect(x.squeeze().shape == [3])
        #expect(x.squeeze(1).shape == [1, 3, 1])
        #expect(x.squeeze(-1).shape == [1, 3])
    }

    @Test func flattenMergesARangeOfDimensions() {
        #expect(zeros(2, 3, 4).flatten(1).shape == [2, 12])
        #expect(Tensor(1).flatten().shape == [1])
    }

    @Test func outOfRangeDimStops() async {
        await #expect(processExitsWith: .failure) { _ = zeros(2, 3).sum(dim: 2) }
    }

    @Test func a0dTensorAcceptsOnlyDims0AndMinus1() async {
        #expect(Tensor(1).squeeze(-1) == Tensor(1))
        await #expect(processExitsWith: .failure) { _ = Tensor(1).squeeze(3) }
        await #expect(processExitsWith: .failure) { _ = Tensor(1).flatten(2) }
    }
}
