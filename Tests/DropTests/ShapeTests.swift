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

    @Test func permuteCopiesEveryElementToItsPlaceAtEverySize() {
        // Shapes on both sides of the tiled copy's thresholds (16K elements; 512 output elements
        // between steps of the source-adjacent dimension), with extents around its 16 × 16 tiles
        // and a thread split; every order of three and four dimensions.
        let shapes: [[Int]] = [
            [1, 7, 9], [17, 33, 31], [2, 1025, 9], [64, 15, 40], [3, 5, 1100], [16, 16, 64],
            [2, 3, 17, 130], [5, 1, 40, 90], [1, 1, 1], [300, 1, 70], [40, 30, 20], [4, 9, 20, 30],
        ]
        for shape in shapes {
            let n = shape.reduce(1, *)
            let x = Tensor((0..<n).map { Float($0) }, shape: shape)
            for order in Self.orders(of: shape.count) {
                let got = x.permute(order).scalars
                let outShape = order.map { shape[$0] }
                var inStrides = [Int](repeating: 1, count: shape.count)
                for d in (0..<shape.count - 1).reversed() { inStrides[d] = inStrides[d + 1] * shape[d + 1] }
                // Output element o's index, digit by digit, read at the source's strides.
                let want = (0..<n).map { o -> Float in
                    var (rest, source) = (o, 0)
                    for d in (0..<outShape.count).reversed() {
                        source += rest % outShape[d] * inStrides[order[d]]
                        rest /= outShape[d]
                    }
                    return Float(source)
                }
                #expect(got == want, "permute \(order) of \(shape)")
            }
        }
    }

    /// Every permutation of `0..<count`.
    static func orders(of count: Int) -> [[Int]] {
        guard count > 1 else { return [Array(0..<count)] }
        return orders(of: count - 1).flatMap { smaller in
            (0...smaller.count).map { i in
                var order = smaller
                order.insert(count - 1, at: i)
                return order
            }
        }
    }
}
