import Testing
@testable import Drop

@Suite struct BroadcastTests {
    @Test("Shapes align at the last dimension; extents of 1 stretch", arguments: [
        ([3, 1, 4], [2, 1], [3, 2, 4]),
        ([4], [3, 1], [3, 4]),
        ([2, 3], [], [2, 3]),
        ([0, 3], [3], [0, 3]),
        ([5, 1, 1], [5, 7, 2], [5, 7, 2]),
    ])
    func broadcastShape(a: [Int], b: [Int], result: [Int]) {
        #expect(Size.broadcast(Size(a), Size(b)) == Size(result))
    }

    @Test func broadcastMaskScalesWholeSamples() {
        let x = ones(2, 3, 2)  // (B, N, D)
        let mask = Tensor([0, 2], shape: [2, 1, 1])  // (B, 1, 1)
        #expect((x * mask).scalars == [0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2])
    }

    @Test func incompatibleShapesStopWithPyTorchsMessage() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = zeros(2, 3) + zeros(2, 4)
        }
        #expect(stderr(result).contains(
            "The size of tensor a (3) must match the size of tensor b (4) at non-singleton "
                + "dimension 1 (shapes [2, 3] and [2, 4])"))
    }

    @Test func inPlaceOperationsKeepTheirShape() async {
        var x = ones(2, 2)
        x += Tensor([1, 2])
        #expect(x.scalars == [2, 3, 2, 3])
        // Same shapes add where the storage lies, but never into storage another tensor shares.
        let shared = x
        x += x
        #expect(x.scalars == [4, 6, 4, 6] && shared.scalars == [2, 3, 2, 3])
        await #expect(processExitsWith: .failure) {
            var y = ones(2)
            y += ones(2, 2)
        }
    }
}
