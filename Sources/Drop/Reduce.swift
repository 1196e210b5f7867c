internal import _DropKernels

// The reductions' kernels: eight lines reduced side by side, one SIMD lane per line.
//
// Each line is still reduced alone, value after value in the order k = 0, 1, 2, … with exactly
// the scalar operations (a Double running sum, then one rounding to Float), so a lane gives the
// bits the one-line loop gave. Lines are independent, so groups of eight are shared among Drop's
// threads without changing a bit: the order inside a line never depends on the thread count.
// A whole-tensor reduction is one line, summed in order on the calling thread.

/// Up to eight lines of a reduction: value `k` of line `l` is `x[starts[l] + k * stride]`.
/// Lanes past the group's lines repeat its first line; their results are dropped.
struct LineGroup {
    let x: UnsafePointer<Float>
    let starts: SIMD8<Int>
    /// Values per line.
    let length: Int
    let stride: Int
    /// Whether the lines start at consecutive elements (one vector load per step).
    let contiguous: Bool
    /// Whether every lane is the same line (a whole-tensor reduction).
    let single: Bool

    /// Value `k` of every line.
    @inline(__always)
    func values(_ k: Int) -> SIMD8<Float> {
        let offset = k * stride
        if contiguous {
            return UnsafeRawPointer(x + starts[0] + offset).loadUnaligned(as: SIMD8<Float>.self)
        }
        if single { return SIMD8(repeating: x[starts[0] + offset]) }
        var v = SIMD8<Float>()
        for l in 0..<8 { v[l] = x[starts[l] + offset] }
        return v
    }

    /// Value `k` of every line, widened to Double.
    @inline(__always)
    func doubles(_ k: Int) -> SIMD8<Double> {
        let v = values(k)
        var d = SIMD8<Double>()
        for l in 0..<8 { d[l] = Double(v[l]) }
        return d
    }

    /// Each line's sum in Double, accumulated in order from 0.
    @inline(__always)
    func doubleSums() -> SIMD8<Double> {
        if single {  // one line: a scalar chain, without the vector's lane shuffles
            var total = 0.0
            for k in 0..<length { total += Double(x[starts[0] + k * stride]) }
            return SIMD8(repeating: total)
        }
        var total = SIMD8<Double>()
        for k in 0..<length { total += doubles(k) }
        return total
    }
}

/// Each lane of a Double vector rounded to Float.
@inline(__always)
func rounded(_ v: SIMD8<Double>) -> SIMD8<Float> {
    var f = SIMD8<Float>()
    for l in 0..<8 { f[l] = Float(v[l]) }
    return f
}

extension Tensor {
    /// Applies `kernel` to every line of values along `dim` (all elements when `dim` is nil),
    /// eight lines per call.
    func reduce(dim: Int?, keepdim: Bool, _ kernel: (LineGroup) -> SIMD8<Float>) -> Tensor {
        withElements { buffer in
            // For an empty buffer a dangling pointer that no kernel reads: every line is empty.
            let x = buffer.baseAddress ?? UnsafePointer(bitPattern: MemoryLayout<Float>.alignment)!
            guard let dim else {
                let whole = LineGroup(
                    x: x, starts: .zero, length: numel, stride: 1, contiguous: false, single: true)
                return Tensor(kernel(whole)[0])
            }
            let d = normalizedDim(dim)
            let (outer, n, inner) = lines(around: d)
            let count = outer * inner
            let out = freshScalars(count: count) { z in
                forEachRange((count + 7) / 8, itemSize: 8 * n) { groups in
                    for group in groups {
                        // Output q is line (q / inner, q % inner).
                        let first = group * 8, lines = Swift.min(8, count - first)
                        var starts = SIMD8<Int>()
                        for l in 0..<8 {
                            let q = first + (l < lines ? l : 0)
                            starts[l] = (q / inner) * n * inner + q % inner
                        }
                        let result = kernel(
                            LineGroup(
                                x: x, starts: starts, length: n, stride: inner,
                                contiguous: lines == 8 && starts[7] - starts[0] == 7, single: false))
                        for l in 0..<lines { z[first + l] = result[l] }
                    }
                }
            }
            var dims = shape.dims
            if ndim > 0 {
                if keepdim { dims[d] = 1 } else { dims.remove(at: d) }
            }
            return Tensor(uncheckedScalars: out, shape: Size(dims))
        }
    }

    // MARK: - Kernels

    static func sum(_ g: LineGroup) -> SIMD8<Float> { rounded(g.doubleSums()) }

    static func mean(_ g: LineGroup) -> SIMD8<Float> {
        rounded(g.doubleSums() / SIMD8(repeating: Double(g.length)))
    }

    static func variance(correction: Int) -> (LineGroup) -> SIMD8<Float> {
        { g in
            // Two passes: the mean first, then squared deviations, avoiding cancellation.
            let mean = g.doubleSums() / SIMD8(repeating: Double(g.length))
            var squares = SIMD8<Double>()
            for k in 0..<g.length {
                let d = g.doubles(k) - mean
                squares += d * d
            }
            // No degrees of freedom left gives nan (or inf), as in PyTorch.
            return rounded(squares / SIMD8(repeating: Double(Swift.max(g.length - correction, 0))))
        }
    }

    /// The largest (or smallest) value of each line; the first NaN of a line wins, and among
    /// equal values (0 and -0) the first, as in PyTorch. Lines have at least one value.
    static func extreme(largest: Bool) -> (LineGroup) -> SIMD8<Float> {
        { g in
            if g.single {  // one line: all elements, contiguous
                return SIMD8(repeating: wholeExtreme(g.x + g.starts[0], count: g.length, largest: largest))
            }
            var best = g.values(0)
            var settled = best .!= best  // lanes that met a NaN keep it
            for k in 1..<Swift.max(g.length, 1) {
                let v = g.values(k)
                let isNaN = v .!= v
                let better = largest ? v .> best : v .< best
                best.replace(with: v, where: .!settled .& (isNaN .| better))
                settled .|= isNaN
            }
            return best
        }
    }
}

/// Elements per task of a whole-tensor extreme (fixed, so the split never depends on threads).
private let extremeChunk = 1 << 16

/// The element the in-order scalar loop picks, given the extreme `value` of `count` adjacent
/// floats and whether one is NaN: the first NaN, else the first zero if the extreme is 0 or −0
/// (the loop keeps the first of equal values), else `value`, whose bits all its equals share.
@inline(__always)
private func firstInOrder(
    _ x: UnsafePointer<Float>, count: Int, value: Float, sawNaN: Bool
) -> Float {
    if sawNaN {
        for i in 0..<count where x[i].isNaN { return x[i] }
    }
    if value == 0 {
        for i in 0..<count where x[i] == 0 { return x[i] }
    }
    return value
}

/// Lines of adjacent values scanned per kernel call (their scans sit on the stack).
private let extremeBatch = 256

extension Tensor {
    /// The extremes along `dim` when it is the last (lines of adjacent values), each with the
    /// in-order loop's bits: lines scanned by the kernels in batches, on Drop's threads. Nil for
    /// other dims, which `reduce` scans eight lines side by side; lines are not empty.
    func lastDimExtremes(dim: Int, keepdim: Bool, largest: Bool) -> Tensor? {
        let d = normalizedDim(dim)
        let (outer, n, inner) = lines(around: d)
        guard inner == 1, n > 0, outer > 0 else { return nil }
        let out = withElements { buffer in
            let x = buffer.baseAddress!
            return freshScalars(count: outer) { z in
                forEachRange(outer, itemSize: n) { range in
                    withUnsafeTemporaryAllocation(of: ExtremeScan.self, capacity: extremeBatch) { buffer in
                        let scans = buffer.baseAddress!
                        for first in stride(from: range.lowerBound, to: range.upperBound, by: extremeBatch) {
                            let batch = first..<Swift.min(range.upperBound, first + extremeBatch)
                            kernels.extremeScans(x + first * n, n, 0..<batch.count, largest, scans)
                            for q in batch {
                                let scan = scans[q - first]
                                z[q] = firstInOrder(x + q * n, count: n, value: scan.value, sawNaN: scan.sawNaN)
                            }
                        }
                    }
                }
            }
        }
        var dims = shape.dims
        if ndim > 0 {
            if keepdim { dims[d] = 1 } else { dims.remove(at: d) }
        }
        return Tensor(uncheckedScalars: out, shape: Size(dims))
    }
}

/// The extreme of all `count` ≥ 1 elements, with the in-order loop's bits: chunks of
/// `extremeChunk` elements are scanned on Drop's threads (the extreme's value does not depend
/// on the order), then the first NaN or zero is looked for from the start if it matters.
private func wholeExtreme(_ x: UnsafePointer<Float>, count: Int, largest: Bool) -> Float {
    let chunks = (count + extremeChunk - 1) / extremeChunk
    let results = UnsafeMutablePointer<ExtremeScan>.allocate(capacity: chunks)
    defer { results.deallocate() }
    let whole = count / extremeChunk  // chunks of extremeChunk; a shorter one may follow
    forEachRange(chunks, itemSize: extremeChunk) { range in
        let full = range.clamped(to: 0..<whole)
        if !full.isEmpty { kernels.extremeScans(x, extremeChunk, full, largest, results) }
        if range.contains(whole) {
            kernels.extremeScans(x + whole * extremeChunk, count - whole * extremeChunk, 0..<1, largest, results + whole)
        }
    }
    var value = results[0].value, sawNaN = false
    for c in 0..<chunks {
        sawNaN = sawNaN || results[c].sawNaN
        if largest ? results[c].value > value : results[c].value < value { value = results[c].value }
    }
    return firstInOrder(x, count: count, value: value, sawNaN: sawNaN)
}
