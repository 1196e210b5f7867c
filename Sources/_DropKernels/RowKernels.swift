// The element-wise and row-wise kernels of a transformer block. Each is generic over `Build` for
// the reason given at `blockedGemm`; sums go through `laneSum`, so the bits are the same in every
// build.

/// Elements of a GELU handed to one thread at a time.
@usableFromInline let geluChunk = 1 << 14

/// `y = x · ½ · (1 + erf(x / √2))` for `count` elements: the exact (erf) GELU. `y` may be `x`.
@inlinable
package func geluKernel<Build>(
    _: Build.Type, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int,
    threads: Int
) {
    parallelFor((count + geluChunk - 1) / geluChunk, threads: threads) { chunk in
        // Build.self keeps the closure generic, so that it is specialised in the calling module.
        geluElements(
            Build.self, x, y, from: chunk * geluChunk, to: Swift.min(count, (chunk + 1) * geluChunk))
    }
}

@inlinable @inline(__always)
func geluElements<Build>(
    _: Build.Type, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, from start: Int,
    to end: Int
) {
    // In place, one pointer: two equal ones would fail the vectoriser's overlap check.
    if UnsafePointer(y) == x {
        for i in start..<end { y[i] = gelu(y[i]) }
    } else {
        for i in start..<end { y[i] = gelu(x[i]) }
    }
}

@inlinable @inline(__always)
func gelu(_ v: Float) -> Float {
    v * 0.5 * (1 + fastErf(v * 0.70710678118654752))
}

/// `out = g · (Φ(x) + x·φ(x))` for `count` elements: the exact GELU's backward, as PyTorch's
/// vectorised CPU kernel computes it (the forward's erf, a Cephes exp for the density), so the
/// bits are the same in every build and at every thread count. `out` may be `g`.
@inlinable
package func geluBackwardKernel<Build>(
    _: Build.Type, _ x: UnsafePointer<Float>, _ g: UnsafePointer<Float>,
    _ out: UnsafeMutablePointer<Float>, count: Int, threads: Int
) {
    let threads = count < 1 << 16 ? 1 : threads
    parallelFor((count + geluChunk - 1) / geluChunk, threads: threads) { chunk in
        geluBackwardElements(
            Build.self, x, g, out, from: chunk * geluChunk,
            to: Swift.min(count, (chunk + 1) * geluChunk))
    }
}

@inlinable @inline(__always)
func geluBackwardElements<Build>(
    _: Build.Type, _ x: UnsafePointer<Float>, _ g: UnsafePointer<Float>,
    _ out: UnsafeMutablePointer<Float>, from start: Int, to end: Int
) {
    if UnsafePointer(out) == g {
        for i in start..<end { out[i] = out[i] * geluSlope(x[i]) }
    } else {
        for i in start..<end { out[i] = g[i] * geluSlope(x[i]) }
    }
}

/// GELU's derivative, `Φ(x) + x·φ(x)`, with PyTorch's constants (`M_SQRT1_2`,
/// `M_2_SQRTPI · M_SQRT1_2 · 0.5`) and order of operations.
@inlinable @inline(__always)
func geluSlope(_ v: Float) -> Float {
    let cdf = 0.5 * (1 + fastErf(v * 0.70710678118654752))
    let pdf = 0.398942280401432678 * fastExpNonpositive(v * v * -0.5)
    return cdf + v * pdf
}

/// Replaces each of `rows` rows of `cols` floats by its softmax, `exp(x − max) / Σ exp(x − max)`.
@inlinable
package func softmaxRowsKernel<Build>(
    _: Build.Type, _ z: UnsafeMutablePointer<Float>, rows: Int, cols: Int
) {
    for row in 0..<rows {
        let line = z + row * cols
        let largest = rowMaximum(line, count: cols)
        for j in 0..<cols { line[j] = fastExpNonpositive(line[j] - largest) }  // ≤ 0 or NaN
        let inverse = 1 / laneSum(line, count: cols)
        for j in 0..<cols { line[j] *= inverse }
    }
}

/// The largest of `count` ≥ 1 floats (NaNs are passed over; they reach the softmax anyway).
@inlinable @inline(__always)
func rowMaximum(_ p: UnsafePointer<Float>, count: Int) -> Float {
    typealias Lanes = SIMD16<Float>
    var lanes = Lanes(repeating: -.infinity)
    var i = 0
    while i + Lanes.scalarCount <= count {
        let v = UnsafeRawPointer(p + i).loadUnaligned(as: Lanes.self)
        lanes = lanes.replacing(with: v, where: v .> lanes)
        i += Lanes.scalarCount
    }
    var largest = lanes.max()
    for j in i..<count where p[j] > largest { largest = p[j] }
    return largest
}

/// Rows of a layer norm handed to one thread at a time.
@usableFromInline let layerNormChunk = 64

/// Normalises each of `rows` rows of `cols` floats of `x` into `y`: centred, multiplied by
/// `1/√(biased variance + eps)`, then scaled by `weight` and shifted by `bias` (`cols` each).
@inlinable
package func layerNormKernel<Build>(
    _: Build.Type, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int,
    cols: Int, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>, eps: Float, threads: Int
) {
    let threads = rows * cols < 1 << 16 ? 1 : threads
    parallelFor((rows + layerNormChunk - 1) / layerNormChunk, threads: threads) { chunk in
        // Build.self keeps the closure generic, so that it is specialised in the calling module.
        layerNormRows(
            Build.self, x, y, from: chunk * layerNormChunk,
            to: Swift.min(rows, (chunk + 1) * layerNormChunk), cols: cols, weight: weight,
            bias: bias, eps: eps)
    }
}

@inlinable @inline(__always)
func layerNormRows<Build>(
    _: Build.Type, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, from start: Int,
    to end: Int, cols: Int, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>, eps: Float
) {
    for row in start..<end {
        let (src, dst) = (x + row * cols, y + row * cols)
        let mean = laneSum(src, count: cols) / Float(cols)
        // dst holds the squared deviations first, then the result.
        for j in 0..<cols { dst[j] = (src[j] - mean) * (src[j] - mean) }
        let inverseStd = 1 / (laneSum(dst, count: cols) / Float(cols) + eps).squareRoot()
        for j in 0..<cols { dst[j] = (src[j] - mean) * inverseStd * weight[j] + bias[j] }
    }
}
