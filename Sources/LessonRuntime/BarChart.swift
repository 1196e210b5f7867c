import Drop
import Glibc

/// Groups of vertical bars on one axis from 0: one group per category (a block of a network),
/// one bar per series in each group (a schedule), with a legend.
public struct BarChart: Figure {
    /// One kind of bar, e.g. one drop-rate schedule.
    public struct Series: Sendable {
        /// The name shown in the legend.
        public var label: String
        /// One non-negative value per category.
        public var values: [Double]

        /// A series of bar heights, one per category.
        public init(_ label: String, _ values: [Float]) {
            self.init(label, values.map(Double.init))
        }

        /// A series of bar heights, one per category, such as `dropPathSchedule`'s rates.
        public init(_ label: String, _ values: [Double]) {
            check(
                values.allSatisfy { $0.isFinite && $0 >= 0 },
                "BarChart series '\(label)' needs finite, non-negative values")
            self.label = label
            self.values = values
        }
    }

    /// The names of the groups, left to right.
    public let categories: [String]
    /// The bars of each group, in legend order.
    public let series: [Series]
    /// The caption above the chart.
    public let title: String?
    /// The x axis's name.
    public let xLabel: String?
    /// The y axis's name.
    public let yLabel: String?

    /// A grouped bar chart; every series has one value per category.
    public init(
        categories: [String], _ series: [Series], title: String? = nil, xLabel: String? = nil,
        yLabel: String? = nil
    ) {
        check(!categories.isEmpty && !series.isEmpty, "BarChart needs at least one category and one series")
        for s in series {
            check(
                s.values.count == categories.count,
                "BarChart series '\(s.label)': \(s.values.count) values for \(categories.count) categories")
        }
        self.categories = categories
        self.series = series
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
    }

    private static let width = 640.0, height = 320.0
    private static let left = 64.0, right = 16.0, top = 40.0, bottom = 48.0, legendHeight = 18.0
    private static let colors = ["#3b82f6", "#e8590c", "#2f9e44", "#ae3ec9"]

    /// The complete, deterministic `<svg>` element.
    public var svg: String {
        let n = SVGText.number
        let top = Self.top + Self.legendHeight * Double(series.count)
        let plotWidth = Self.width - Self.left - Self.right, plotHeight = Self.height - top - Self.bottom
        let maxValue = series.flatMap(\.values).max()!
        let step = Self.tickStep(maxValue > 0 ? maxValue : 1)
        let axisTop = (maxValue / step).rounded(.up) * step + (maxValue == 0 ? step : 0)
        func py(_ v: Double) -> Double { top + (1 - v / axisTop) * plotHeight }

        var svg = SVGText.open(
            width: Self.width, height: Self.height, kind: "barchart",
            label: (title.map { $0 + ": " } ?? "") + "bar chart of " + series.map(\.label).joined(separator: ", ")
                + " over \(categories.count) categories")
        if let title {
            svg += "<text x=\"8\" y=\"20\" font-size=\"14\" font-weight=\"600\" fill=\"currentColor\">\(SVGText.escape(title))</text>\n"
        }
        for (i, s) in series.enumerated() {
            let y = Self.top + Self.legendHeight * Double(i) - 8
            svg += "<rect x=\"\(n(Self.left, 2))\" y=\"\(n(y - 10, 2))\" width=\"12\" height=\"12\" fill=\"\(Self.colors[i % Self.colors.count])\"/>"
            svg += "<text x=\"\(n(Self.left + 18, 2))\" y=\"\(n(y, 2))\" fill=\"currentColor\">\(SVGText.escape(s.label))</text>\n"
        }
        let decimals = max(0, -Int(floor(log10(step))))
        for k in 0...Int((axisTop / step).rounded()) {
            let v = Double(k) * step, y = n(py(v), 2)
            svg += "<line class=\"grid\" x1=\"\(n(Self.left, 2))\" x2=\"\(n(Self.width - Self.right, 2))\" y1=\"\(y)\" y2=\"\(y)\" stroke=\"#ddd\"/>"
            svg += "<text x=\"\(n(Self.left - 6, 2))\" y=\"\(y)\" dy=\"4\" text-anchor=\"end\" class=\"muted\" fill=\"#667\">\(n(v, decimals))</text>\n"
        }
        let group = plotWidth / Double(categories.count)
        let bar = group * 0.8 / Double(series.count)
        for (c, name) in categories.enumerated() {
            let x0 = Self.left + Double(c) * group + group * 0.1
            for (i, s) in series.enumerated() {
                let y = py(s.values[c])
                svg += "<rect x=\"\(n(x0 + Double(i) * bar, 2))\" y=\"\(n(y, 2))\" width=\"\(n(bar, 2))\" height=\"\(n(top + plotHeight - y, 2))\" fill=\"\(Self.colors[i % Self.colors.count])\"/>"
            }
            svg += "<text x=\"\(n(x0 + group * 0.4, 2))\" y=\"\(n(top + plotHeight + 16, 2))\" text-anchor=\"middle\" class=\"muted\" fill=\"#667\">\(SVGText.escape(name))</text>\n"
        }
        svg += "<line x1=\"\(n(Self.left, 2))\" x2=\"\(n(Self.width - Self.right, 2))\" y1=\"\(n(top + plotHeight, 2))\" y2=\"\(n(top + plotHeight, 2))\" stroke=\"#888\"/>\n"
        if let xLabel {
            svg += "<text x=\"\(n(Self.left + plotWidth / 2, 2))\" y=\"\(n(Self.height - 8, 2))\" text-anchor=\"middle\" fill=\"currentColor\">\(SVGText.escape(xLabel))</text>\n"
        }
        if let yLabel {
            let cy = n(top + plotHeight / 2, 2)
            svg += "<text x=\"14\" y=\"\(cy)\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(cy))\" fill=\"currentColor\">\(SVGText.escape(yLabel))</text>\n"
        }
        return svg + "</svg>"
    }

    /// 1, 2 or 5 times a power of ten, giving about five ticks up to `maxValue`.
    private static func tickStep(_ maxValue: Double) -> Double {
        let raw = maxValue / 5
        let power = pow(10, floor(log10(raw)))
        return [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= raw * 0.999 }!
    }
}
