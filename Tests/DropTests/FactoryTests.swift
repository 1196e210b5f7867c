import Testing
@testable import Drop

@Suite struct FactoryTests {
    @Test func linspaceCountsFromBothEnds() {
        #expect(linspace(0, 0.1, 12).description == """
            tensor([0.0000, 0.0091, 0.0182, 0.0273, 0.0364, 0.0455, 0.0545, 0.0636, 0.0727,
                    0.0818, 0.0909, 0.1000])
            """)
        #expect(linspace(0, 1, 1) == Tensor([0]))
        #expect(linspace(0, 1, 0).shape == [0])
    }

    @Test func arangeExcludesItsEnd() {
        #expect(arange(4) == Tensor([0, 1, 2, 3]))
        #expect(arange(1, 2.5, 0.5) == Tensor([1, 1.5, 2]))
        #expect(arange(5, 0, -2) == Tensor([5, 3, 1]))
    }

    @Test func filledTensors() {
        #expect(zeros(2, 3) == Tensor([Float](repeating: 0, count: 6), shape: [2, 3]))
        #expect(ones([2]) == Tensor([1, 1]))
        #expect(full([2, 2], 2.5).description == "tensor([[2.5000, 2.5000],\n        [2.5000, 2.5000]])")
    }
}
