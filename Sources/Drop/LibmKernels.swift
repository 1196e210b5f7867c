import Glibc
internal import _DropKernels

/// The kernels Drop runs for libm's `expf`, `logf` and `erff` (`exp`, `log`, `erf`, `softmax`,
/// `logSoftmax`): the selected build's, if its vector replicas of glibc's code give this
/// machine's libm bits on `libmProbes`, otherwise the portable build's, which call libm per
/// element.
///
/// The replicas (`_DropKernels/LibmExp.swift`, `LibmLog.swift`, `LibmErf.swift`) follow glibc
/// 2.36's x86-64 code as its `ifunc` picks it on a CPU with AVX2 and FMA; another glibc (or
/// another libm) may compute other bits, and is then used as it is, only slower. The check
/// runs once, at first use, in well under a millisecond.
let libmKernels = libmBuild.kernels

/// The build behind `libmKernels`.
let libmBuild: KernelBuild = {
    let candidate = KernelBuild.selected
    let probes = libmProbes()
    let matches = LibmFunction.allCases.allSatisfy {
        libmMismatches($0, of: probes, using: candidate.kernels).isEmpty
    }
    return matches ? candidate : .portable
}()

/// A few thousand floats on which a replica that differs from libm would show it: each range
/// boundary of the three algorithms and its neighbours, the edges of `logf`'s table
/// subintervals in many octaves, special values, and pseudo-random values and bit patterns.
func libmProbes() -> [Float] {
    var probes: [Float] = [
        0, -0, 1, -1, .infinity, -.infinity, .nan, -.nan, .leastNonzeroMagnitude,
        .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
        Float(bitPattern: 0x007f_ffff), Float(bitPattern: 0x7fc0_0001), Float(bitPattern: 0x7f80_0001),
    ]
    // expf: |x| = 88 and the overflow and underflow limits; erff: 2⁻¹¹⁹, 2⁻²⁸, 0.84375, 1.25,
    // 1/0.35, 6.
    let edges: [UInt32] = [
        0x42b0_0000, 0x42b1_7218, 0x42cf_f1b5, 0x0400_0000, 0x3180_0000, 0x3f58_0000, 0x3fa0_0000,
        0x4036_db6e, 0x40c0_0000, 0x3f80_0000, 0x3f33_0000,
    ]
    for edge in edges {
        for delta: UInt32 in 0...4 {
            for bits in [edge &+ delta, edge &- delta] {
                probes += [Float(bitPattern: bits), -Float(bitPattern: bits)]
            }
        }
    }
    // logf's 16 subintervals of each octave start at 0x3f33_0000 + i · 2¹⁹.
    for octave in stride(from: -120, through: 120, by: 7) {
        for i: UInt32 in 0..<16 {
            let start = UInt32(bitPattern: Int32(0x3f33_0000) &+ Int32(octave) &* 0x0080_0000) &+ i << 19
            probes += [Float(bitPattern: start), Float(bitPattern: start &- 1)]
        }
    }
    var state: UInt64 = 0x9e37_79b9_7f4a_7c15
    for i in 0..<4096 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let bits = UInt32(truncatingIfNeeded: state >> 32)
        probes.append(Float(bitPattern: bits))
        // And a value in (−16, 16) from the same draw, where most tensors live.
        probes.append(Float(Int32(bitPattern: bits)) / Float(1 << 27) + Float(i % 3) * 1e-3)
    }
    return probes
}

/// The values among `x` whose `function` by `kernelSet` differs in any bit from libm's.
func libmMismatches(_ function: LibmFunction, of x: [Float], using kernelSet: KernelSet) -> [Float] {
    var y = [Float](repeating: 0, count: x.count)
    kernelSet.libm(function, x, &y, x.count)
    let f: (Float) -> Float =
        switch function {
        case .exp: { expf($0) }
        case .log: { logf($0) }
        case .erf: { erff($0) }
        }
    return zip(x, y).filter { f($0).bitPattern != $1.bitPattern }.map(\.0)
}

/// The bit patterns 0, `stride`, 2·`stride`, … below 2³² whose `function` by each of `builds`
/// differs from libm's (the first 100 per build), and how many were compared, on Drop's threads:
/// the exhaustive check of the replicas (`stride` 1 takes every float). libm's result is
/// computed once per pattern for all the builds.
func libmPatternMismatches(
    _ function: LibmFunction, builds: [KernelBuild], every stride: Int
) -> (checked: Int, mismatches: [[UInt32]]) {
    patternMismatches(builds: builds, every: stride) { x, expected, count in
        switch function {
        case .exp: for i in 0..<count { expected[i] = expf(x[i]) }
        case .log: for i in 0..<count { expected[i] = logf(x[i]) }
        case .erf: for i in 0..<count { expected[i] = erff(x[i]) }
        }
    } kernel: { kernelSet, x, y, count in
        kernelSet.libm(function, x, y, count)
    }
}

/// The bit patterns 0, `stride`, 2·`stride`, … below 2³² at which `kernel` of each of `builds`
/// differs in any bit from `reference` (the first 100 per build), and how many were compared:
/// in chunks of 64K patterns on Drop's threads, `reference` computed once per chunk for all
/// the builds. Each closure fills `count` results at its second pointer from the floats at its
/// first.
func patternMismatches(
    builds: [KernelBuild], every stride: Int,
    reference: (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void,
    kernel: (KernelSet, UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void
) -> (checked: Int, mismatches: [[UInt32]]) {
    let total = ((1 << 32) + stride - 1) / stride
    let chunk = 1 << 16
    let chunks = (total + chunk - 1) / chunk
    var found = [[[UInt32]]](repeating: [], count: chunks)
    let kernelSets = builds.map(\.kernels)
    found.withUnsafeMutableBufferPointer { found in
        let found = found.baseAddress!
        parallelFor(chunks, threads: getNumThreads()) { c in
            let start = c * chunk, count = Swift.min(chunk, total - start)
            let x = UnsafeMutablePointer<Float>.allocate(capacity: count)
            let expected = UnsafeMutablePointer<Float>.allocate(capacity: count)
            let y = UnsafeMutablePointer<Float>.allocate(capacity: count)
            defer {
                x.deallocate()
                expected.deallocate()
                y.deallocate()
            }
            for i in 0..<count { x[i] = Float(bitPattern: UInt32(truncatingIfNeeded: (start + i) * stride)) }
            reference(x, expected, count)
            found[c] = kernelSets.map { kernelSet in
                kernel(kernelSet, x, y, count)
                var bad: [UInt32] = []
                for i in 0..<count where expected[i].bitPattern != y[i].bitPattern && bad.count < 100 {
                    bad.append(x[i].bitPattern)
                }
                return bad
            }
        }
    }
    let perBuild = builds.indices.map { b in Array(found.lazy.flatMap { $0[b] }.prefix(100)) }
    return (total, perBuild)
}

extension Tensor {
    /// libm's `function` of each element, bit for bit (see `libmKernels`).
    func applyingLibm(_ function: LibmFunction) -> Tensor {
        let out = withElements { xs in
            freshScalars(count: xs.count) { z in
                let x = xs.baseAddress!  // count > 0 here
                forEachRange(xs.count) { range in
                    libmKernels.libm(function, x + range.lowerBound, z + range.lowerBound, range.count)
                }
            }
        }
        return Tensor(uncheckedScalars: out, shape: shape)
    }
}
