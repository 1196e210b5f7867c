import Foundation
import Synchronization
import Testing
import _DropKernels

@testable import Drop

/// The kernel builds (portable, AVX2, AVX-512: those this CPU runs) give the same bits, at any
/// thread count, and their math is as accurate as promised.
@Suite struct KernelTests {
    /// A deterministic spread of values in about [−4, 4].
    static func values(_ count: Int, _ phase: Double) -> [Float] {
        (0..<count).map { Float(4 * sin(Double($0) * 0.37 + phase)) }
    }

    @Test(arguments: KernelBuild.supported, [1, 3])
    func matmulSumsEachElementInOrderWithFusedMultiplyAdds(build: KernelBuild, threads: Int) {
        // Shapes that cross every blocking boundary and leave ragged edge tiles, and narrow
        // ones (at most 16 columns: the AVX-512 build's 16-wide tiles). Up to 96 rows a product
        // takes `columnGemm`'s path; (5, 300, 1100) and (96, 40, 700) are wide enough for it to
        // use the threads. The last two are deeper than one depth slice, on both paths.
        for (m, k, n) in [
            (203, 531, 37), (17, 17, 16), (37, 300, 9), (13, 5, 17), (64, 259, 48), (5, 300, 1100),
            (96, 40, 700), (23, 1700, 70), (100, 1000, 20),
        ] {
            let (a, b) = (Self.values(m * k, 0), Self.values(k * n, 1))
            var naive = [Float](repeating: 0, count: m * n)
            for i in 0..<m {
                for j in 0..<n {
                    var sum: Float = 0
                    for p in 0..<k { sum = sum.addingProduct(a[i * k + p], b[p * n + j]) }
                    naive[i * n + j] = sum
                }
            }
            // Each operand row-major, or the transpose of a row-major matrix read through
            // strides (Wᵀ in a linear layer, gᵀ in a backward pass): every way of packing it.
            let (aT, bT) = (Self.transposed(a, rows: m, cols: k), Self.transposed(b, rows: k, cols: n))
            for (aRowMajor, bRowMajor) in [(true, true), (true, false), (false, true), (false, false)] {
                var product = [Float](repeating: .nan, count: m * n)
                (aRowMajor ? a : aT).withUnsafeBufferPointer { pa in
                    (bRowMajor ? b : bT).withUnsafeBufferPointer { pb in
                        product.withUnsafeMutableBufferPointer { pc in
                            let viewA = aRowMajor
                                ? MatrixView(pa.baseAddress!, rows: m, cols: k)
                                : MatrixView(pa.baseAddress!, rows: k, cols: m).transposed
                            let viewB = bRowMajor
                                ? MatrixView(pb.baseAddress!, rows: k, cols: n)
                                : MatrixView(pb.baseAddress!, rows: n, cols: k).transposed
                            gemm(
                                viewA, viewB, into: pc.baseAddress!, rowStride: n, threads: threads,
                                using: build.kernels)
                        }
                    }
                }
                #expect(
                    product == naive,
                    "\(m)×\(k) · \(k)×\(n), A \(aRowMajor ? "" : "transposed"), B \(bRowMajor ? "" : "transposed")")
            }
        }
    }

    /// The `cols × rows` transpose of a row-major `rows × cols` matrix, row-major.
    static func transposed(_ x: [Float], rows: Int, cols: Int) -> [Float] {
        (0..<(rows * cols)).map { x[($0 % rows) * cols + $0 / rows] }
    }

    @Test(arguments: KernelBuild.supported)
    func geluIsTheErfFormWithinAbramowitzAndStegunsError(build: KernelBuild) {
        let x = Self.values(40_000, 0.5) + [0, -0, 1e-30, 10, -10, 30, -30]
        var y = [Float](repeating: .nan, count: x.count)
        build.kernels.gelu(x, &y, x.count, 3)
        #expect(y == Self.portableGELU(x))
        for (v, g) in zip(x, y) {
            let exact = Double(v) / 2 * (1 + Foundation.erf(Double(v) / 2.0.squareRoot()))
            // erf's 1.5e-7 scaled by |x|/2, plus a few float roundings of values up to |x|.
            #expect(abs(Double(g) - exact) <= 4e-7 * max(1, abs(Double(v))), "gelu(\(v))")
        }
    }

    @Test(arguments: KernelBuild.supported, [1, 3])
    func geluBackwardIsTheErfFormsSlopeWithTheSameBitsEverywhere(build: KernelBuild, threads: Int) {
        // Sizes straddling the vector widths and the thread split, then a threaded one.
        for count in [1, 7, 8, 9, 1023, 1024, 1025, (1 << 16) + 3, (1 << 20) + 3] {
            let x = Self.values(count, 0.25) + [0, -0, 1e-30, 10, -10, 30, -30]
            let g = Self.values(x.count, 1.5)
            var out = [Float](repeating: .nan, count: x.count)
            build.kernels.geluBackward(x, g, &out, x.count, threads)
            var reference = [Float](repeating: .nan, count: x.count)
            KernelBuild.portable.kernels.geluBackward(x, g, &reference, x.count, 1)
            #expect(out == reference, "\(count) elements")
            var inPlace = g
            inPlace.withUnsafeMutableBufferPointer { p in
                build.kernels.geluBackward(x, p.baseAddress!, p.baseAddress!, x.count, threads)
            }
            #expect(inPlace == reference, "\(count) elements, in place")
            guard count == 1025 else { continue }
            for ((v, d), slope) in zip(zip(x, g), out) {
                let x = Double(v)
                let exact = Double(d) * (0.5 * (1 + Foundation.erf(x / 2.0.squareRoot()))
                    + x * Foundation.exp(-x * x / 2) / (2 * Double.pi).squareRoot())
                // erf's 1.5e-7 and exp's 1e-7 (relative), times |g| and |x|, plus roundings.
                #expect(abs(Double(slope) - exact) <= 5e-7 * max(1, abs(Double(d)) * max(1, abs(x))), "gelu'(\(v))")
            }
        }
    }

    @Test(arguments: KernelBuild.supported)
    func everyBuildsStridedSumsAreTheInOrderChains(build: KernelBuild) {
        // Lines of 1 to 9 values (around the four rows a sweep takes), 17 or 8,200 apart (a tile
        // and a ragged one), two outer blocks.
        for (n, inner) in [(1, 17), (3, 17), (4, 17), (5, 17), (9, 17), (7, 8200)] {
            let outer = 2
            let x = Self.values(outer * n * inner, Double(n)).map { $0 * 1.7 }
            let tilesPerOuter = (inner + lineTile - 1) / lineTile
            for mean in [false, true] {
                var z = [Float](repeating: .nan, count: outer * inner)
                build.kernels.stridedLineSums(x, n, inner, 0..<outer * tilesPerOuter, mean, &z)
                var want = [Float](repeating: 0, count: outer * inner)
                for o in 0..<outer {
                    for j in 0..<inner {
                        var total = 0.0
                        for k in 0..<n { total += Double(x[(o * n + k) * inner + j]) }
                        want[o * inner + j] = Float(mean ? total / Double(n) : total)
                    }
                }
                #expect(z.map(\.bitPattern) == want.map(\.bitPattern), "\(build) n \(n), inner \(inner), mean \(mean)")
            }
        }
    }

    @Test(arguments: KernelBuild.supported)
    func floorIsExactInEveryBuild(build: KernelBuild) {
        let special: [Float] = [0, -0, 0.5, -0.5, 1, -1, 8_388_607.5, -8_388_607.5, 16_777_216, 1e30,
            -1e-30, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, -.leastNonzeroMagnitude]
        for count in [1, 7, 8, 9, 1023, 1024, 1025] {
            let x = Array((Self.values(count, 0.75) + special).prefix(count + special.count))
            var out = [Float](repeating: 7, count: x.count)
            build.kernels.floor(x, &out, x.count)
            #expect(out.map(\.bitPattern) == x.map { $0.rounded(.down).bitPattern }, "\(count) elements")
        }
    }

    /// On every 13th float bit pattern, or all 2³² with `DROP_EXHAUSTIVE=1` (three minutes on two
    /// cores), as `VectorLibmTests` checks the libm replicas.
    @Test func geluAndItsSlopeHaveTheSameBitsInEveryBuildOnEveryPattern() {
        let builds = KernelBuild.supported
        let portable = KernelBuild.portable.kernels
        let forward = patternMismatches(builds: builds, every: VectorLibmTests.stride) { x, y, n in
            portable.gelu(x, y, n, 1)
        } kernel: { kernels, x, y, n in
            kernels.gelu(x, y, n, 1)
        }
        let ones = [Float](repeating: 1, count: 1 << 16)
        let slope = ones.withUnsafeBufferPointer { ones in
            patternMismatches(builds: builds, every: VectorLibmTests.stride) { x, y, n in
                portable.geluBackward(x, ones.baseAddress!, y, n, 1)
            } kernel: { kernels, x, y, n in
                kernels.geluBackward(x, ones.baseAddress!, y, n, 1)
            }
        }
        for (b, build) in builds.enumerated() {
            #expect(forward.mismatches[b].isEmpty, "gelu \(build): \(forward.mismatches[b].map { String($0, radix: 16) })")
            #expect(slope.mismatches[b].isEmpty, "slope \(build): \(slope.mismatches[b].map { String($0, radix: 16) })")
        }
    }

    /// GELU keeps a NaN's sign, as PyTorch's does (`F.gelu` of ±NaN is ±NaN).
    @Test(arguments: KernelBuild.supported)
    func geluOfANaNIsANaNOfItsSign(build: KernelBuild) {
        let x: [Float] = [.nan, -.nan, .signalingNaN, -.signalingNaN]
        var y = [Float](repeating: 0, count: x.count)
        build.kernels.gelu(x, &y, x.count, 1)
        #expect(y.allSatisfy { $0.isNaN })
        #expect(y.map(\.sign) == x.map(\.sign))
    }

    static func portableGELU(_ x: [Float]) -> [Float] {
        var y = [Float](repeating: .nan, count: x.count)
        KernelBuild.portable.kernels.gelu(x, &y, x.count, 1)
        return y
    }

    @Test(arguments: KernelBuild.supported)
    func softmaxRowsSumToOneAndMatchDoublePrecision(build: KernelBuild) {
        let (rows, cols) = (7, 197)
        let x = Self.values(rows * cols, 2).map { $0 * 5 }
        var z = x, reference = x
        build.kernels.softmaxRows(&z, rows, cols)
        KernelBuild.portable.kernels.softmaxRows(&reference, rows, cols)
        #expect(z == reference)
        for row in 0..<rows {
            let line = x[(row * cols)..<((row + 1) * cols)].map(Double.init)
            let top = line.max()!
            let total = line.reduce(0) { $0 + Foundation.exp($1 - top) }
            for j in 0..<cols {
                let exact = Foundation.exp(line[j] - top) / total
                // Relative error 1e-6, times |x − max|: the float x − max carries an absolute
                // rounding error that eˣ turns into a relative one.
                let bound = 1e-6 * exact * max(1, abs(line[j] - top))
                #expect(abs(Double(z[row * cols + j]) - exact) <= bound)
            }
        }
    }

    @Test(arguments: KernelBuild.supported)
    func layerNormMatchesDoublePrecision(build: KernelBuild) {
        let (rows, cols) = (300, 45)
        let x = Self.values(rows * cols, 3).map { $0 + 2 }
        let weight = Self.values(cols, 4), bias = Self.values(cols, 5)
        var y = [Float](repeating: .nan, count: x.count)
        var reference = y
        build.kernels.layerNorm(x, &y, rows, cols, weight, bias, 1e-6, 3)
        KernelBuild.portable.kernels.layerNorm(x, &reference, rows, cols, weight, bias, 1e-6, 1)
        #expect(y == reference)
        for row in 0..<rows {
            let line = x[(row * cols)..<((row + 1) * cols)].map(Double.init)
            let mean = line.reduce(0, +) / Double(cols)
            let variance = line.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(cols)
            for j in 0..<cols {
                let exact =
                    (line[j] - mean) / (variance + 1e-6).squareRoot() * Double(weight[j])
                    + Double(bias[j])
                #expect(abs(Double(y[row * cols + j]) - exact) <= 1e-5)
            }
        }
    }

    @Test func aForkedChildRunsParallelProductsWithWorkersOfItsOwn() {
        // A lesson's runtime should-fail block runs in a fork()ed child, which inherits the
        // parent's parked pool but none of its threads.
        let a = Tensor(Self.values(300 * 200, 6), shape: [300, 200])
        let expected = a.matmul(a.transpose(0, 1))  // starts the pool's threads in this process
        let child = fork()
        if child == 0 {
            let again = a.matmul(a.transpose(0, 1))
            _exit(again.scalars == expected.scalars ? 0 : 1)
        }
        var status: Int32 = 0
        #expect(waitpid(child, &status, 0) == child)
        #expect(status == 0, "child exit status \(status)")
    }

    @Test func aChildForkedWhileOtherThreadsPostJobsStillRunsItsOwn() {
        // Other threads (here, other tests in parallel) may be posting jobs or taking scratch
        // buffers at the moment of the fork. The child inherits whatever they held then (CI saw
        // children trap on both locks), and must not need it.
        let a = Tensor(Self.values(64 * 64, 7), shape: [64, 64])
        let expected = a.matmul(a.transpose(0, 1))
        let stop = Atomic<Bool>(false)
        let posters = (0..<2).map { _ in
            Thread {
                while !stop.load(ordering: .relaxed) {  // the pool's and the scratch buffers' locks
                    parallelFor(4, threads: 2) { _ in withScratch(count: 1024) { $0[0] = 0 } }
                }
            }
        }
        posters.forEach { $0.start() }
        defer { stop.store(true, ordering: .relaxed) }
        var statuses: [Int32] = []
        for _ in 0..<500 {
            let child = fork()
            if child == 0 {
                let ran = Atomic<Int>(0)
                parallelFor(8, threads: 2) { _ in
                    withScratch(count: 1024) { $0[0] = 1 }
                    ran.add(1, ordering: .relaxed)
                }
                let again = a.matmul(a.transpose(0, 1))
                _exit(again.scalars == expected.scalars && ran.load(ordering: .relaxed) == 8 ? 0 : 1)
            }
            var status: Int32 = 0
            _ = waitpid(child, &status, 0)
            statuses.append(status)
        }
        #expect(statuses.allSatisfy { $0 == 0 }, "child exit statuses \(Set(statuses))")
    }

    /// A build with every `VectorBuild` default (no build in Drop runs the default transpose:
    /// only AVX-512 sums rows side by side, with its own).
    enum DefaultBuild: VectorBuild {}

    @Test func theDefaultTransposeSwapsRowsAndColumns() {
        var rows = [SIMD8<Float>](repeating: SIMD8(), count: 8)
        for r in 0..<8 { for c in 0..<8 { rows[r][c] = Float(r * 8 + c) } }
        let t = DefaultBuild.transposed((rows[0], rows[1], rows[2], rows[3], rows[4], rows[5], rows[6], rows[7]))
        let columns = [t.0, t.1, t.2, t.3, t.4, t.5, t.6, t.7]
        for c in 0..<8 { for r in 0..<8 { #expect(columns[c][r] == Float(r * 8 + c), "row \(r), column \(c)") } }
    }
}

