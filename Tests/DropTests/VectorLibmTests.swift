import Foundation
import Glibc
import Testing
import _DropKernels

@testable import Drop

/// The vector replicas of glibc's `expf`, `logf` and `erff` give libm's bits for every float,
/// and `exp`, `log`, `erf`, `softmax` and `logSoftmax` give the bits of the in-order scalar
/// loops that call libm, at every size.
@Suite struct VectorLibmTests {
    /// The builds with replicas (portable calls libm itself).
    static let vectorBuilds = KernelBuild.supported.filter { $0 != .portable }

    /// glibc 2.36 on x86-64, the libm the replicas were written from.
    static let replicatedLibm: Bool = {
        #if arch(x86_64)
            // `<gnu/libc-version.h>` is not in Swift's Glibc module: looked up by name.
            typealias Version = @convention(c) () -> UnsafePointer<CChar>
            guard let symbol = dlsym(nil, "gnu_get_libc_version") else { return false }
            return String(cString: unsafeBitCast(symbol, to: Version.self)()) == "2.36"
        #else
            return false
        #endif
    }()

    /// Every 13th bit pattern (13 is odd, so every exponent and mantissa region is hit), or every
    /// one with `DROP_EXHAUSTIVE=1` (a minute or two per function on two cores).
    static let stride = ProcessInfo.processInfo.environment["DROP_EXHAUSTIVE"] == "1" ? 1 : 13

    @Test(arguments: LibmFunction.allCases)
    func replicasMatchLibmOnEveryPattern(function: LibmFunction) throws {
        try #require(Self.replicatedLibm, "another libm: Drop calls it as it is (checked below)")
        let start = Date()
        let (checked, mismatches) = libmPatternMismatches(
            function, builds: Self.vectorBuilds, every: Self.stride)
        print("\(function): \(checked) patterns × \(Self.vectorBuilds) in \(Date().timeIntervalSince(start)) s")
        for (build, bad) in zip(Self.vectorBuilds, mismatches) {
            #expect(bad.isEmpty, "\(function) \(build): \(bad.map { String($0, radix: 16) })")
        }
    }

    @Test func dropUsesTheReplicasExactlyWhereTheyMatchLibmOnTheProbes() {
        let matches = LibmFunction.allCases.allSatisfy {
            libmMismatches($0, of: libmProbes(), using: KernelBuild.selected.kernels).isEmpty
        }
        if Self.replicatedLibm { #expect(matches) }
        #expect(libmBuild == (matches ? KernelBuild.selected : .portable))
    }

    // MARK: - Through the Tensor API

    static let sizes = [0, 1, 7, 8, 9, 15, 16, 17, 1023, 1024, 1025, (1 << 20) + 3]

    /// `count` values: mostly a spread over the functions' ranges, with specials and exact
    /// ties (0 and −0, repeated maxima, NaN, ±∞) sprinkled in.
    static func values(_ count: Int, seed: UInt64) -> [Float] {
        var state = seed &* 0x9e37_79b9_7f4a_7c15 | 1
        let specials: [Float] = [0, -0, 1, -1, .nan, .infinity, -.infinity, 88.5, -100, 1e-30, 3, 3]
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let draw = UInt32(truncatingIfNeeded: state >> 33)
            if draw % 16 == 0 { return specials[Int(draw >> 4) % specials.count] }
            return Float(Int32(bitPattern: draw << 1)) / Float(1 << 27)  // in (−16, 16)
        }
    }

    /// `values` on which each line has a different mix: some lines all zeros of both signs
    /// (the maximum's sign then matters), some all NaN.
    static func lineValues(_ count: Int, seed: UInt64) -> [Float] {
        let base = values(count, seed: seed)
        return base.indices.map { i in
            switch (i / 5) % 7 {
            case 0: return i % 2 == 0 ? 0 : -0.0
            case 1: return i % 3 == 0 ? .nan : base[i]
            default: return base[i]
            }
        }
    }

    @Test func elementwiseFunctionsAreLibmsAtEverySize() {
        for count in Self.sizes {
            let x = Self.values(count, seed: UInt64(count))
            let t = Tensor(x)
            for (name, op, f) in [
                ("exp", { $0.exp() }, { expf($0) }), ("log", { $0.log() }, { logf($0) }),
                ("erf", { $0.erf() }, { erff($0) }),
            ] as [(String, (Tensor) -> Tensor, (Float) -> Float)] {
                let got = op(t).scalars.map(\.bitPattern)
                #expect(got == x.map { f($0).bitPattern }, "\(name) of \(count)")
            }
        }
    }

    /// The loops `softmax` and `logSoftmax` ran before the vector kernels, as the reference.
    static func referenceSoftmax(_ x: [Float], shape: [Int], dim d: Int, logarithm: Bool) -> [Float] {
        let outer = shape[..<d].reduce(1, *), n = shape[d], inner = shape[(d + 1)...].reduce(1, *)
        var z = x
        for o in 0..<outer {
            for j in 0..<inner {
                let line = o * n * inner + j
                var largest = -Float.infinity
                for k in 0..<n { largest = Swift.max(largest, x[line + k * inner]) }
                var total = 0.0
                if logarithm {
                    for k in 0..<n { total += Double(expf(x[line + k * inner] - largest)) }
                    let logSum = logf(Float(total))
                    for k in 0..<n { z[line + k * inner] = x[line + k * inner] - largest - logSum }
                } else {
                    for k in 0..<n {
                        let e = expf(x[line + k * inner] - largest)
                        z[line + k * inner] = e
                        total += Double(e)
                    }
                    let sum = Float(total)
                    for k in 0..<n { z[line + k * inner] /= sum }
                }
            }
        }
        return z
    }

    @Test func softmaxAndLogSoftmaxAreTheInOrderLoopsAtEverySizeAndDim() {
        for count in Self.sizes {
            // A line of `count`, and lines across it, with 3 and 5 (not multiples of 8) around.
            var shapes = [[count], [3, count], [count, 3]]
            if count <= 1025 { shapes += [[2, count, 5], [count, 16], [5, 2, count]] }
            for shape in shapes {
                let x = Self.lineValues(shape.reduce(1, *), seed: UInt64(count + shape.count))
                let t = Tensor(x, shape: shape)
                for dim in shape.indices {
                    for logarithm in [false, true] {
                        let got = logarithm ? t.logSoftmax(dim: dim) : t.softmax(dim: dim)
                        let want = Self.referenceSoftmax(x, shape: shape, dim: dim, logarithm: logarithm)
                        #expect(
                            got.scalars.map(\.bitPattern) == want.map(\.bitPattern),
                            "\(logarithm ? "logSoftmax" : "softmax") of \(shape) along \(dim)")
                    }
                }
            }
        }
    }

    @Test(arguments: KernelBuild.supported)
    func everyBuildsSoftmaxLinesAreTheInOrderLoops(build: KernelBuild) {
        for shape in [[37, 29], [4, 19, 9], [2, 1025, 3], [1, 8, 40], [9, 17]] {
            let x = Self.lineValues(shape.reduce(1, *), seed: 7)
            for dim in shape.indices {
                let outer = shape[..<dim].reduce(1, *), n = shape[dim], inner = shape[(dim + 1)...].reduce(1, *)
                for logarithm in [false, true] {
                    var z = [Float](repeating: .nan, count: x.count)
                    // Ragged ranges, as threads may get them.
                    var q = 0
                    while q < outer * inner {
                        let end = Swift.min(outer * inner, q + 11)
                        build.kernels.softmaxLines(x, &z, q..<end, n, inner, logarithm)
                        q = end
                    }
                    let want = Self.referenceSoftmax(x, shape: shape, dim: dim, logarithm: logarithm)
                    #expect(z.map(\.bitPattern) == want.map(\.bitPattern), "\(build) \(shape) along \(dim)")
                }
            }
        }
    }

    @Test(arguments: KernelBuild.supported)
    func everyBuildsTargetLogSoftmaxIsTheInOrderLoopsAtTheTargets(build: KernelBuild) {
        // Rows around a group of eight and ragged ranges (as threads get them); classes around
        // the vector widths; lines of zeros of both signs and NaNs (`lineValues`).
        for (rows, n) in [(1, 1), (7, 3), (8, 8), (9, 17), (16, 40), (23, 1025), (40, 9)] {
            let x = Self.lineValues(rows * n, seed: UInt64(rows * 13 + n))
            let want = Self.referenceSoftmax(x, shape: [rows, n], dim: 1, logarithm: true)
            for shift in [0, 1, n / 2] {
                let targets = (0..<rows).map { ($0 * 5 + shift) % n }
                var picks = [Float](repeating: 0, count: rows)
                var scratch = [Float](repeating: 0, count: 8 * n)
                var q = 0
                while q < rows {
                    let end = Swift.min(rows, q + 11)
                    build.kernels.targetLogSoftmax(x, q..<end, n, targets, &picks, &scratch)
                    q = end
                }
                #expect(
                    picks.map(\.bitPattern) == (0..<rows).map { want[$0 * n + targets[$0]].bitPattern },
                    "\(build) \(rows) × \(n), targets shifted \(shift)")
            }
        }
    }
}
