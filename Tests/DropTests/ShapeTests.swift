import Testing
@testable import Drop

@Suite struct ShapeTests {
    @Test func transposeIsAContiguousCopy() {
        let x = arange(6).reshape(2, 3)
        #expect(x.transpose(0, 1) == Tensor([0, 3, 1, 4, 2, 5], shape: [3, 2]))
    }

    @Test func indexingSharesTheArrayAndKeepsValueSemantics() {
        var x = arange(24).reshape(2, 3, 4)
        var row = x[1]
        #expect(row.window == 12 && row.storage.count == 24)  // a view: nothing copied
        #expect(row == arange(12, 24).reshape(3, 4))
        #expect(x[-1][2] == Tensor([20, 21, 22, 23]))
        #expect(x[1][2].window == 20)
        #expect(row.reshape(-1).window == 12 && row.flatten() == arange(12, 24))
        #expect(row.unsqueeze(0).window == 12 && row.unsqueeze(0).squeeze().window == 12)
        #expect(row.unsqueeze(1).squeeze(1) == row && row.detach().window == 12)
        #expect(x[0][0][3].item() == 3 && x[0][0][3].shape == [])

        x += ones(2, 3, 4)  // writing the base leaves the view as it was
        #expect(row == arange(12, 24).reshape(3, 4))
        row *= 2  // and writing the view leaves the base
        #expect(row == arange(24, 48, 2).reshape(3, 4) && row.window == nil)
        #expect(x == arange(1, 25).reshape(2, 3, 4))

        // Every op reads a view's elements, not the whole array it shares.
        let view = x[1]
        #expect(view.sum().item() == 222 && (view + 0).scalars == Array(13...24).map(Float.init))
        #expect(view.description == Tensor(view.scalars, shape: [3, 4]).description)
    }

    @Test func aViewOfALeafGetsItsGradient() {
        var w = arange(6).reshape(2, 3)
        w.requiresGrad = true
        var row = w[1]
        #expect(row.window == 3)
        row.sum().backward()
        #expect(w.grad == Tensor([0, 0, 0, 1, 1, 1], shape: [2, 3]))
        row = w[0].detach()
        row.requiresGrad = true  // a view that becomes a leaf owns its values
        #expect(row.window == nil && row == Tensor([0, 1, 2]))
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
