import Testing
@testable import Drop

@Test func shapePrintsLikeTorchSize() {
    #expect(Tensor([Float](repeating: 0, count: 36), shape: [3, 2, 2, 3]).shape.description
        == "torch.Size([3, 2, 2, 3])")
}
