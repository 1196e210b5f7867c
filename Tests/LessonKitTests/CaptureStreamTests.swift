import Testing
import _LessonProtocol

@testable import LessonKit

@Suite struct CaptureStreamTests {
    private let key = ChannelKey.random()
    private func frame(_ message: ChannelMessage) -> String {
        String(decoding: message.encoded(key: key), as: UTF8.self)
    }

    @Test func framesCutTheStreamIntoBlocksAndFiguresEvenWhenSplitAcrossChunks() {
        let stream = frame(.block(0)) + "a" + frame(.block(1)) + "b" + frame(.figureStart) + "<svg/>"
            + frame(.figureEnd) + "c\u{1}not a frame\u{2}"
        let bytes = Array(stream.utf8)
        for split in 0...bytes.count {  // every place the pipe could cut it
            var capture = CaptureStream(cap: 100, blockCount: 2, key: key)
            capture.append(bytes[..<split])
            capture.append(bytes[split...])
            capture.finish()
            #expect(capture.pieces[0] == [.text(Array("a".utf8))])
            #expect(
                capture.pieces[1] == [
                    .text(Array("b".utf8)), .svg(Array("<svg/>".utf8)),
                    .text(Array("c\u{1}not a frame\u{2}".utf8)),
                ])
        }
    }

    @Test func childOutcomesAndLostDescriptorsAreRecorded() {
        var capture = CaptureStream(cap: 100, blockCount: 3, key: key)
        capture.append(Array((frame(.block(2)) + frame(.failed("signal 4")) + frame(.lostDescriptor(1))).utf8))
        #expect(capture.outcomes[2] == .failed("signal 4"))
        #expect(capture.lostDescriptor == 1)
    }

    @Test func aBlockIndexOutOfOrderOrRangeIsAViolationNotACrash() {
        for index in [Int.max, 3, 1] {
            var capture = CaptureStream(cap: 100, blockCount: 3, key: key)
            capture.append(Array((frame(.block(1)) + "kept" + frame(.block(index)) + "dropped").utf8))
            capture.finish()
            #expect(capture.violation != nil)
            #expect(capture.currentBlock == 1)
            #expect(capture.pieces[1] == [.text(Array("kept".utf8))])
        }
    }
}
