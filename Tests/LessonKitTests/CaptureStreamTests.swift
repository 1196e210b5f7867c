import Testing

@testable import LessonKit

@Suite struct CaptureStreamTests {
    private func token(_ verb: String) -> String { "\u{1}droplab:\(verb)\u{2}" }

    @Test func tokensCutTheStreamIntoBlocksAndFiguresEvenWhenSplitAcrossChunks() {
        let stream = token("block:0") + "a" + token("block:1") + "b" + token("svg") + "<svg/>"
            + token("/svg") + "c\u{1}not a token\u{2}"
        let bytes = Array(stream.utf8)
        for split in 0...bytes.count {  // every place the pipe could cut it
            var capture = CaptureStream(cap: 100)
            capture.append(bytes[..<split])
            capture.append(bytes[split...])
            capture.finish()
            #expect(capture.pieces[0] == [.text(Array("a".utf8))])
            #expect(
                capture.pieces[1] == [
                    .text(Array("b".utf8)), .svg(Array("<svg/>".utf8)),
                    .text(Array("c\u{1}not a token\u{2}".utf8)),
                ])
        }
    }

    @Test func statementsAndChildOutcomesAreRecordedPerBlock() {
        var capture = CaptureStream(cap: 100)
        capture.append(Array((token("block:2") + token("at:12:5") + token("failed:signal 4")).utf8))
        #expect(capture.statements[2]?.line == 12 && capture.statements[2]?.column == 5)
        #expect(capture.outcomes[2] == .failed("signal 4"))
    }
}
