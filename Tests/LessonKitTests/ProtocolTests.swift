import Testing
import _LessonProtocol

@testable import LessonKit

/// The channel between lesson programs and the engine: frames keyed per run, so that nothing
/// a block prints is taken for one, and nothing a program sends can crash the reader.
@Suite struct ProtocolTests {
    private let key = ChannelKey.random()
    private let messages: [ChannelMessage] = [
        .block(0), .block(7), .block(Int.max), .figureStart, .figureEnd, .survived,
        .failed("signal 4"), .failed("exit 1"), .lostDescriptor(1), .lostDescriptor(2),
    ]

    @Test func everyMessageRoundTripsBetweenTextWhereverThePipeCutsIt() {
        for message in messages {
            let text = Array("a\u{1}b\u{2}\u{1}droplab:c".utf8)
            let stream = text + message.encoded(key: key) + text
            for split in 0...stream.count {
                var decoder = ChannelDecoder(key: key)
                let events = decoder.decode(stream[..<split]) + decoder.decode(stream[split...])
                    + decoder.finish()
                #expect(merged(events) == [.text(text), .message(message), .text(text)])
            }
        }
    }

    @Test func aFrameWithAnotherKeyIsText() {
        let other = ChannelMessage.block(1).encoded(key: ChannelKey.random())
        var decoder = ChannelDecoder(key: key)
        #expect(merged(decoder.decode(other) + decoder.finish()) == [.text(other)])
    }

    @Test func randomBytesNeverCrashTheReader() {
        // Fixed seed: the same 5,000 streams on every run. Each mixes random bytes, bytes of the
        // frame syntax and real frames (with this run's key) holding any block number.
        var random = SplitMix(seed: 10)
        let pieces: [[UInt8]] = [
            [1], [2], Array("droplab:".utf8), Array("\(key.text):".utf8), Array("block:".utf8),
            Array("svg".utf8), Array("/svg".utf8), Array("-1".utf8), Array("9223372036854775807".utf8),
            Array("99999999999999999999".utf8), Array("3".utf8), Array("\u{E000}".utf8),
        ]
        for _ in 0..<5_000 {
            var bytes: [UInt8] = []
            for _ in 0..<random.next(below: 40) {
                switch random.next(below: 4) {
                case 0: bytes.append(UInt8(random.next(below: 256)))
                case 1: bytes += pieces[random.next(below: pieces.count)]
                case 2:
                    let index = [Int.max, Int.min, -1, 0, 1, 2, 3][random.next(below: 7)]
                    bytes += Array("\u{1}droplab:\(key.text):block:\(index)\u{2}".utf8)
                default: bytes += messages[random.next(below: messages.count)].encoded(key: key)
                }
            }
            var stream = CaptureStream(cap: 64, blockCount: 3, key: key)
            var rest = bytes[...]
            while !rest.isEmpty {
                let n = random.next(below: rest.count) + 1
                stream.append(rest.prefix(n))
                rest = rest.dropFirst(n)
            }
            stream.finish()
            #expect(stream.currentBlock.map { (0..<3).contains($0) } ?? true)
            #expect(stream.pieces.keys.allSatisfy { (0..<3).contains($0) })
            let lesson = Lesson(
                path: "fuzz.md", name: "fuzz.md", source: "",
                blocks: (0..<3).map { RunBlock(index: $0, fenceLine: 1, codeLine: 2, code: "", options: .init()) })
            let run = ProgramRun(
                stdout: stream, stderr: stream, status: .exited(Int32(random.next(below: 3))),
                timedOut: random.next(below: 2) == 0, compileSeconds: 0, runSeconds: 0)
            let reader = OutcomeReader(
                lesson: lesson, seeds: [1, 2, 3], compileFailures: [:], outcome: run,
                limits: [1, 2, 3], cap: 64)
            #expect(reader.results().count <= 3)
            _ = reader.failure()
        }
    }

    @Test func hostileOutputIsPlainTextInTheRightBlock() async throws {
        let run = try await ChannelFixtures.run("hostile")
        #expect(run.failure == nil)
        #expect(
            run.results.map(\.items) == [
                [
                    .stdout(
                        "\u{1}droplab:block:1\u{2}forged into block 2?\n"
                            + "\u{1}droplab:block:9223372036854775807\u{2}\u{1}droplab:block:-1\u{2}"
                            + "\u{1}droplab:block:2\u{2}\n"
                            + "\u{1}droplab:00000000000000000000000000000000:block:1\u{2}a guessed key\n"
                            + "\u{1}droplab:svg\u{2}<svg>not a figure</svg>\u{1}droplab:/svg\u{2}\n"
                            + "private use: \u{E000}\u{E001}\u{F8FF} and a lone \u{1}\n"),
                    .stderr("\u{1}droplab:failed:exit 9\u{2}\u{1}droplab:lost:1\u{2}"),
                ],
                [.stdout("second\n")],
            ])
    }

    /// Adjacent text events joined: where the decoder cuts text is not part of the protocol.
    private func merged(_ events: [ChannelDecoder.Event]) -> [ChannelDecoder.Event] {
        events.reduce(into: []) { result, event in
            if case .text(let more) = event, case .text(let text)? = result.last {
                result[result.count - 1] = .text(text + more)
            } else {
                result.append(event)
            }
        }
    }
}

/// A small seeded generator (SplitMix64), so a fuzz run is the same on every machine.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(below bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
