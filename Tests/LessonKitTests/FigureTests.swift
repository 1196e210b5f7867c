import Drop
import LessonRuntime
import Testing

@Suite struct FigureTests {
    @Test func heatmapDrawsOneCellPerValueAndMarksExactZeros() {
        let svg = Heatmap(Tensor([0, 1, 2, 0, 3, 0], shape: [2, 3]), title: "a <mask>").svg
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"figure-svg heatmap\""))
        #expect(svg.hasSuffix("</svg>"))
        #expect(svg.components(separatedBy: "<rect class=\"zero\"").count - 1 == 3 + 1, "three zeros and the legend's swatch")
        #expect(svg.contains("a &lt;mask&gt;"))
        #expect(svg.contains("3 of 6 values exactly zero"))
    }

    @Test func heatmapLaysOutSamplesAsRowsAndChannelsAsColumns() {
        let svg = Heatmap(Tensor([Float](repeating: 1, count: 2 * 3 * 2 * 2), shape: [2, 3, 2, 2])).svg
        #expect(svg.contains(">b=1</text>") && svg.contains(">c=2</text>") && !svg.contains(">b=2</text>"))
        #expect(svg.components(separatedBy: "<g>").count - 1 == 6, "one panel per (sample, channel)")
    }

    @Test func figuresAreDeterministicText() {
        let t = Tensor([0.1, -0.2, 0.3, 0], shape: [4])
        #expect(Heatmap(t).svg == Heatmap(t).svg)
        let plot = LinePlot([.init("mean", [1, 0.5, 0.75])], reference: .init(0.7, label: "E"), title: "t")
        #expect(plot.svg == plot.svg)
        #expect(plot.svg.contains("<polyline"))
        #expect(plot.svg.contains(">E</text>") && plot.svg.contains(">mean</text>"))
    }
}
