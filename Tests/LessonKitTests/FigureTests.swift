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

    @Test func aMaskGetsOneNamedSwatchPerValueAndPanelsShareOneLegend() {
        let mask = Tensor([0, 2, 2, 0], shape: [2, 2])
        let svg = HeatmapPanels(
            [Heatmap(mask, title: "call 1"), Heatmap(mask * 0, title: "call 2")],
            labels: [2: "kept ×1/q", 0: "dropped"]).svg
        #expect(svg.contains(">kept ×1/q</text>") && svg.contains(">dropped</text>"))
        #expect(!svg.contains(">2</text>"), "no ramp ends for a two-valued tensor")
        #expect(svg.components(separatedBy: "<g transform=").count - 1 == 2, "one group per panel")
        #expect(svg.contains(">call 1</text>") && svg.contains(">call 2</text>"))
    }

    @Test func aChineseSwatchLabelGetsTheRoomOfTwoLatinLettersPerCharacter() {
        let mask = Tensor([0, 2, 2, 0], shape: [2, 2])
        func secondSwatchX(_ labels: [Float: String]) -> String {
            let svg = Heatmap(mask, title: "m", labels: labels).svg
            let rects = svg.components(separatedBy: "width=\"12\" height=\"12\"")
            return String(rects[1].split(separator: "x=\"").last!.prefix { $0 != "\"" })
        }
        // "保留" is two wide characters: as wide as four Latin letters, "kept".
        #expect(secondSwatchX([0: "丢弃", 2: "保留"]) == secondSwatchX([0: "drop", 2: "kept"]))
    }

    @Test func barChartsDrawOneBarPerCategoryAndSeries() {
        let chart = BarChart(
            categories: ["1", "2", "3"], [.init("a", [0, 0.5, 1] as [Float]), .init("b", [0.2, 0.2, 0.2] as [Double])],
            title: "rates")
        #expect(chart.svg == chart.svg)
        #expect(chart.svg.components(separatedBy: "<rect").count - 1 == 6 + 2, "six bars and two legend swatches")
        #expect(chart.svg.contains(">a</text>") && chart.svg.contains(">3</text>"))
    }

    @Test func aLogAxisTicksPowersOfTenAndABandIsOnePolygon() {
        let x: [Float] = [1, 10, 100, 400]
        let plot = LinePlot(
            [.init("mean", x: x, y: [2, 1.6, 1.5, 1.5])],
            bands: [.init("envelope", x: x, lower: [0, 1, 1.4, 1.45], upper: [3, 2, 1.6, 1.55])], logX: true)
        #expect(plot.svg.components(separatedBy: "<polygon").count - 1 == 1)
        #expect(plot.svg.contains(">envelope</text>"))
        #expect(plot.svg.contains(">10</text>") && plot.svg.contains(">500</text>") && !plot.svg.contains(">1000</text>"))
    }
}
