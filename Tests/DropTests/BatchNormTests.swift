import Foundation
import Testing

@testable import Drop

/// `Fixtures/batchnorm.json`, written by `Fixtures/make_batchnorm_fixtures.py` with real PyTorch.
private struct BatchNormFixture: Decodable {
    struct Case: Decodable {
        let n: Int, c: Int
        let weight: [Float], bias: [Float]
        let batches: [[Float]]
        let runningMean: [[Float]], runningVar: [[Float]]
        let out: [Float], upstream: [Float], xGrad: [Float], weightGrad: [Float], biasGrad: [Float]
        let outRepr: String?
        let evalX: [Float], evalOut: [Float], evalUpstream: [Float]
        let evalXGrad: [Float], evalWeightGrad: [Float], evalBiasGrad: [Float]
        let numBatchesTracked: Int
        let moduleRepr: String
        let names: [String], buffers: [String]
    }
    let cases: [Case]

    static let shared: BatchNormFixture = {
        let url = Bundle.module.url(forResource: "Fixtures/batchnorm", withExtension: "json")!
        return try! JSONDecoder().decode(BatchNormFixture.self, from: Data(contentsOf: url))
    }()
}

/// `BatchNorm1d` computes what `nn.BatchNorm1d` computes: outputs, running statistics after
/// several training batches (unbiased variance, momentum 0.1), gradients in both modes, names,
/// printing. Outputs and statistics within 1e-5, gradients within 1e-5 (they are reductions).
@Suite struct BatchNormTests {
    private func close(_ a: [Float], _ b: [Float], _ tolerance: Float = 1e-5) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) }
    }

    private func module(_ c: BatchNormFixture.Case) -> BatchNorm1d {
        let bn = BatchNorm1d(c.c)
        bn.weight = leaf(c.weight, [c.c])
        bn.bias = leaf(c.bias, [c.c])
        return bn
    }

    @Test func trainingMatchesPyTorchStepByStep() {
        for c in BatchNormFixture.shared.cases {
            let bn = module(c)
            for (k, batch) in c.batches.enumerated() {
                let x = leaf(batch, [c.n, c.c])
                let out = bn(x)
                #expect(close(bn.runningMean.scalars, c.runningMean[k]), "running_mean after batch \(k)")
                #expect(close(bn.runningVar.scalars, c.runningVar[k]), "running_var after batch \(k)")
                guard k == c.batches.count - 1 else { continue }
                #expect(close(out.scalars, c.out))
                if let repr = c.outRepr { #expect("\(out)" == repr) }
                out.backward(gradient: Tensor(c.upstream, shape: [c.n, c.c]))
                #expect(close(x.grad!.scalars, c.xGrad))
                #expect(close(bn.weight.grad!.scalars, c.weightGrad))
                #expect(close(bn.bias.grad!.scalars, c.biasGrad))
            }
            #expect(bn.numBatchesTracked == c.numBatchesTracked)
        }
    }

    @Test func evaluationUsesTheRunningStatistics() {
        for c in BatchNormFixture.shared.cases {
            let bn = module(c)
            for batch in c.batches { _ = noGrad { bn(Tensor(batch, shape: [c.n, c.c])) } }
            bn.eval()
            let x = leaf(c.evalX, [c.n, c.c])
            let out = bn(x)
            #expect(close(out.scalars, c.evalOut))
            out.backward(gradient: Tensor(c.evalUpstream, shape: [c.n, c.c]))
            #expect(close(x.grad!.scalars, c.evalXGrad))
            #expect(close(bn.weight.grad!.scalars, c.evalWeightGrad))
            #expect(close(bn.bias.grad!.scalars, c.evalBiasGrad))
            #expect(bn.numBatchesTracked == c.numBatchesTracked, "evaluation tracks nothing")
        }
    }

    @Test func namesAndPrintingArePyTorchs() {
        for c in BatchNormFixture.shared.cases {
            let bn = BatchNorm1d(c.c)
            #expect("\(bn)" == c.moduleRepr)
            #expect(bn.namedParameters().map(\.0) == c.names)
            #expect(bn.namedBuffers.map(\.0) == c.buffers)
        }
    }

    /// The reference for one feature of a `(rows, features)` batch: its Double mean and sum of
    /// squared deviations, each summed over the rows in order.
    static func featureStatistics(
        _ x: [Float], rows: Int, features: Int, feature j: Int
    ) -> (mean: Double, squares: Double) {
        var mean = 0.0, squares = 0.0
        for i in 0..<rows { mean += Double(x[i * features + j]) }
        mean /= Double(rows)
        for i in 0..<rows {
            let d = Double(x[i * features + j]) - mean
            squares += d * d
        }
        return (mean, squares)
    }

    @Test func aLargeBatchSplitBetweenThreadsKeepsEachFeaturesSumsInRowOrder() {
        // 601 × 515: above the threading threshold, rows not a multiple of four, features not a
        // multiple of the tile split. Reference: each feature's Double sums over the rows in order.
        let (n, c) = (601, 515)
        let xs = randn([n, c], generator: Generator(seed: 3)).scalars
        let bn = BatchNorm1d(c)
        bn.weight = Tensor((0..<c).map { 1 + Float($0 % 7) / 8 }, shape: [c])
        bn.bias = Tensor((0..<c).map { Float($0 % 5) / 4 - 0.5 }, shape: [c])
        let out = noGrad { bn(Tensor(xs, shape: [n, c])) }
        var expected = [Float](repeating: 0, count: n * c)
        var runningMean = [Float](repeating: 0, count: c), runningVar = runningMean
        for j in 0..<c {
            let (mean, squares) = Self.featureStatistics(xs, rows: n, features: c, feature: j)
            runningMean[j] = Float(0.1 * mean + 0.9 * 0.0)
            runningVar[j] = Float(0.1 * (squares / Double(n - 1)) + 0.9 * 1.0)
            let alpha = Float(1 / (squares / Double(n) + 1e-5).squareRoot()) * bn.weight.scalars[j]
            let beta = bn.bias.scalars[j] - Float(mean) * alpha
            for i in 0..<n { expected[i * c + j] = xs[i * c + j] * alpha + beta }
        }
        #expect(out.scalars == expected)
        #expect(bn.runningMean.scalars == runningMean)
        #expect(bn.runningVar.scalars == runningVar)

        // The backward's per-feature sums, split the same way: the same bits on 1 and 3 threads.
        let defaultThreads = getNumThreads()
        defer { setNumThreads(defaultThreads) }
        let upstream = randn([n, c], generator: Generator(seed: 4))
        let gradients = [1, 3].map { threads in
            setNumThreads(threads)
            let module = BatchNorm1d(c)
            let x = leaf(xs, [n, c])
            module(x).backward(gradient: upstream)
            return [x.grad!.scalars, module.weight.grad!.scalars, module.bias.grad!.scalars]
        }
        #expect(gradients[0] == gradients[1])
    }

    @Test(arguments: KernelBuild.supported)
    func everyBuildsStatisticsAndScaleAreTheInOrderLoops(build: KernelBuild) {
        // Rows around a multiple of four, features around each vector width, ranges not aligned.
        for (rows, features) in [(1, 1), (2, 7), (5, 8), (9, 9), (3, 17), (7, 1023), (4, 1025)] {
            let x = randn([rows, features], generator: Generator(seed: UInt64(rows * features))).scalars
            for range in [0..<features, features / 3..<features] {
                var mean = [Double](repeating: 0, count: features), squares = mean
                build.kernels.batchStatistics(x, rows, features, range, &mean, &squares)
                for j in range {
                    let (m, s) = Self.featureStatistics(x, rows: rows, features: features, feature: j)
                    #expect(mean[j].bitPattern == m.bitPattern && squares[j].bitPattern == s.bitPattern,
                        "\(build) \(rows) × \(features), feature \(j)")
                }
            }
            let alpha = (0..<features).map { 1 + Float($0 % 7) / 8 }, beta = (0..<features).map { Float($0 % 5) / 4 - 0.5 }
            var y = [Float](repeating: .nan, count: x.count)
            build.kernels.columnAffine(x, &y, 0..<rows, features, alpha, beta)
            let want = x.indices.map { x[$0] * alpha[$0 % features] + beta[$0 % features] }
            #expect(y.map(\.bitPattern) == want.map(\.bitPattern), "\(build) \(rows) × \(features)")
        }
    }

    @Test func gradientsMatchFiniteDifferences() {
        let c = BatchNormFixture.shared.cases[0]
        let batch = c.batches[0]
        func loss(_ x: [Float], _ w: [Float], _ b: [Float]) -> Double {
            let bn = BatchNorm1d(c.c)
            bn.weight = Tensor(w, shape: [c.c])
            bn.bias = Tensor(b, shape: [c.c])
            let out = bn(Tensor(x, shape: [c.n, c.c]))
            return zip(out.scalars, c.upstream).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        }
        let bn = module(c)
        let x = leaf(batch, [c.n, c.c])
        bn(x).backward(gradient: Tensor(c.upstream, shape: [c.n, c.c]))
        let inputs = [batch, c.weight, c.bias]
        let analytic = [x.grad!.scalars, bn.weight.grad!.scalars, bn.bias.grad!.scalars]
        for k in 0..<3 {
            for i in inputs[k].indices {
                func moved(_ delta: Float) -> Double {
                    var values = inputs
                    values[k][i] += delta
                    return loss(values[0], values[1], values[2])
                }
                let h: Float = 1e-2
                let numeric = (moved(h) - moved(-h)) / (2 * Double(h))
                #expect(
                    abs(numeric - Double(analytic[k][i])) <= 2e-2 * max(1, abs(numeric)), "input \(k)[\(i)]")
            }
        }
    }
}
