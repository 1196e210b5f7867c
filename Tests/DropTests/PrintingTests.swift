import Testing
@testable import Drop

/// `print(t)` must be byte-identical to PyTorch's for the same float32 values.
@Suite struct PrintingTests {
    @Test("Prints exactly like PyTorch", arguments: NumericsCase.with(ops: ["print"]))
    func printsLikePyTorch(_ c: NumericsCase) {
        #expect(c.inputs[0].description == c.printed)
    }

    @Test("Every fixture result prints like PyTorch", arguments: NumericsCase.all)
    func resultsPrintLikePyTorch(_ c: NumericsCase) {
        #expect(c.want.description == c.printed)
    }

    @Test func zeroDimensionalTensor() {
        #expect(Tensor(0.5).description == "tensor(0.5000)")
    }

    @Test func emptyTensorsNameTheirSizeUnlessOneDimensional() {
        #expect(Tensor([]).description == "tensor([])")
        #expect(Tensor([], shape: [0, 3]).description == "tensor([], size=(0, 3))")
    }

    @Test func negativeZeroIsNotCountedInTheWidth() {
        #expect(Tensor([-0.0, 0.5, 1.25]).description == "tensor([-0.0000, 0.5000, 1.2500])")
    }
}
