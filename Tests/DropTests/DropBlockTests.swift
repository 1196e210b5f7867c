import Foundation
import Testing
@testable import Drop

/// One recorded call of timm's `drop_block_2d` (see `Fixtures/make_dropblock_fixtures.py`).
struct DropBlockCase: Decodable, CustomStringConvertible {
    struct Arguments: Decodable {
        var drop_prob: Double?
        var block_size: Int?
        var gamma_scale: Double?
        var with_noise: Bool?
        var couple_channels: Bool?
        var scale_by_keep: Bool?
    }

    var name: String
    var seed: UInt64
    var shape: [Int]
    var kwargs: Arguments
    var bits: [UInt32]
    var printed: String
    var after: [UInt32]

    var description: String { name }

    /// All recorded cases, loaded once.
    static let all: [DropBlockCase] = {
        struct File: Decodable { var cases: [DropBlockCase] }
        let url = Bundle.module.url(forResource: "Fixtures/dropblock", withExtension: "json")!
        return try! JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
    }()
}

@Suite("DropBlock: timm's drop_block_2d, bit for bit (Fixtures/dropblock.json)")
struct DropBlockTests {
    @Test("every recorded call matches timm's bits and printing, and draws as much", arguments: DropBlockCase.all)
    func replays(_ recorded: DropBlockCase) {
        let g = Generator(seed: recorded.seed)
        let x = randn(recorded.shape, generator: g)
        let a = recorded.kwargs
        let y = dropBlock2d(
            x, dropProb: a.drop_prob ?? 0.1, blockSize: a.block_size ?? 7, gammaScale: a.gamma_scale ?? 1,
            withNoise: a.with_noise ?? false, coupleChannels: a.couple_channels ?? true,
            scaleByKeep: a.scale_by_keep ?? true, generator: g)
        #expect(y.shape.dims == recorded.shape)
        #expect(bits(y) == recorded.bits)
        #expect(y.description == recorded.printed)
        #expect(bits(rand([4], generator: g)) == recorded.after, "generator position after the call")
    }

    @Test func theLayerIsTheIdentityInEvalModeOrAtRateZero() {
        let x = randn([1, 2, 4, 4], generator: Generator(seed: 3))
        let layer = DropBlock2d(dropProb: 0.5, blockSize: 3)
        layer.eval()
        #expect(layer(x) == x)
        #expect(DropBlock2d(dropProb: 0)(x) == x)
    }

    @Test func coupledChannelsShareOneSpatialMask() {
        let y = dropBlock2d(ones(2, 3, 6, 6), dropProb: 0.3, blockSize: 3, generator: Generator(seed: 1))
        for b in 0..<2 {
            let zeros = (0..<3).map { c in y[b][c].scalars.map { $0 == 0 } }
            #expect(zeros[0] == zeros[1] && zeros[1] == zeros[2], "sample \(b)")
        }
    }
}
