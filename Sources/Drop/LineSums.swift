internal import _DropKernels

// Sums and means along a dim with the bits of each line's in-order Double chain, fast.
//
// The defined result of a line (`Reduce.swift`, pinned by the fixtures) is one Double running
// sum over its values in order k = 0, 1, 2, …, rounded once to Float (after one Double division
// for a mean).
// - Lines of values `inner` > 1 apart (any dim but the last): the chain itself, run for tiles of
//   adjacent lines at once, each row of a tile read contiguously (`stridedLineSumsKernel`).
// - Lines of adjacent values (the last dim): a chain per line has one add per add latency, and
//   side by side the lines need a gather per value. So each line is summed fast in Double lanes,
//   with an upper bound M on the sum of its magnitudes, and certified as `WholeSum.swift` certifies a whole
//   tensor, with a simpler bound: any order of summing a line's n values (the chain and the fast
//   one alike) is within γₙ₋₁·Σ|x| of the exact sum (Higham, *Accuracy and Stability of
//   Numerical Algorithms*, §4.2), so the two are within 2γₙ·M·`safety` of each other. If every
//   Double within that of the fast sum rounds to one Float, that Float is the chain's result;
//   otherwise the line's chain runs (always for infinite or NaN values; for randn lines of 768,
//   measured below 1 line in 1,000).

/// Lines of adjacent values certified per batch (their fast sums sit on the stack).
private let lineBatch = 256

extension Tensor {
    /// The sums (or, with `mean`, means) along `dim` with the in-order chain's bits; nil when
    /// there are no lines or they are empty (the general `reduce` handles those).
    func lineSums(dim: Int, keepdim: Bool, mean: Bool) -> Tensor? {
        guard ndim > 0 else { return nil }
        let d = normalizedDim(dim)
        let (outer, n, inner) = lines(around: d)
        let count = outer * inner
        guard n > 0, count > 0 else { return nil }
        let out = withElements { buffer in
            let x = buffer.baseAddress!
            return freshScalars(count: count) { z in
                // (The kernel's bound on the magnitudes holds for lines below 2²⁴ values.)
                if inner == 1 && n < 1 << 24 {
                    forEachRange(count, itemSize: n) { range in
                        certifiedLineSums(x, n: n, lines: range, mean: mean, into: z)
                    }
                } else {
                    let tiles = outer * ((inner + lineTile - 1) / lineTile)
                    forEachRange(tiles, itemSize: Swift.min(lineTile, inner) * n) { range in
                        kernels.stridedLineSums(x, n, inner, range, mean, z)
                    }
                }
            }
        }
        var dims = shape.dims
        if keepdim { dims[d] = 1 } else { dims.remove(at: d) }
        return Tensor(uncheckedScalars: out, shape: Size(dims))
    }
}

/// The sums (or means) of lines `lines` of `n` adjacent floats into `z`, certified or chained.
private func certifiedLineSums(
    _ x: UnsafePointer<Float>, n: Int, lines: Range<Int>, mean: Bool, into z: UnsafeMutablePointer<Float>
) {
    let length = Double(n)
    let gamma = length * u / (1 - length * u)
    withUnsafeTemporaryAllocation(of: LineSum.self, capacity: lineBatch) { buffer in
        let fast = buffer.baseAddress!
        for first in stride(from: lines.lowerBound, to: lines.upperBound, by: lineBatch) {
            let batch = first..<Swift.min(lines.upperBound, first + lineBatch)
            kernels.lineSums(x + first * n, n, 0..<batch.count, fast)
            for q in batch {
                let line = fast[q - first]
                let bound = 2 * gamma * line.magnitude * safety
                let certified =
                    mean
                    ? certain(line.sum, within: bound) { Float($0 / length) }
                    : certain(line.sum, within: bound) { Float($0) }
                z[q] = certified ?? chain(x + q * n, n: n, mean: mean)
            }
        }
    }
}

/// One line's defined result: `Reduce.swift`'s chain.
private func chain(_ line: UnsafePointer<Float>, n: Int, mean: Bool) -> Float {
    let g = LineGroup(x: line, starts: .zero, length: n, stride: 1, contiguous: false, single: true)
    return (mean ? Tensor.mean(g) : Tensor.sum(g))[0]
}
