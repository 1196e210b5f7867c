import Drop
import Glibc

/// Lines on shared axes, such as a running mean settling on the value it estimates.
public struct LinePlot: Figure {
    /// One line of the plot.
    public struct Series: Sendable {
        /// The name shown in the legend.
        public var label: String
        /// The x coordinates, one per value.
        public var x: [Double]
        /// The y coordinates.
        public var y: [Double]

        /// A line through `values` at x = 1, 2, 3, … (a step count).
        public init(_ label: String, _ values: [Float]) {
            self.init(label, x: values.indices.map { Double($0 + 1) }, y: values)
        }

        /// A line through `values`, e.g. a 1-D tensor's `scalars`, at the given x coordinates.
        public init(_ label: String, x: [Float], y values: [Float]) {
            self.init(label, x: x.map(Double.init), y: values)
        }

        private init(_ label: String, x: [Double], y values: [Float]) {
            check(x.count == values.count, "LinePlot series '\(label)': \(x.count) x values for \(values.count) y values")
            check(!values.isEmpty, "LinePlot series '\(label)' has no points")
            check(
                values.allSatisfy(\.isFinite) && x.allSatisfy(\.isFinite),
                "LinePlot series '\(label)' has a NaN or infinite value")
            self.label = label
            self.x = x
            self.y = values.map(Double.init)
        }
    }

    /// A horizontal line marking a known value (an expectation, a target).
    public struct Reference: Sendable {
        /// Its height.
        public var value: Double
        /// Its name in the legend.
        public var label: String

        /// A reference line at `value`.
        public init(_ value: Float, label: String) {
            check(value.isFinite, "LinePlot reference '\(label)' is not finite")
            self.value = Double(value)
            self.label = label
        }
    }

    /// A shaded region between two curves, such as an envelope of ±5 standard errors.
    public struct Band: Sendable {
        /// The name shown in the legend.
        public var label: String
        /// The x coordinates, one per bound.
        public var x: [Double]
        /// The lower and upper edges.
        public var lower: [Double], upper: [Double]

        /// A band from `lower` to `upper` at the given x coordinates.
        public init(_ label: String, x: [Float], lower: [Float], upper: [Float]) {
            check(
                x.count == lower.count && x.count == upper.count && !x.isEmpty,
                "LinePlot band '\(label)': \(x.count) x values for \(lower.count) lower and \(upper.count) upper values")
            check(
                (x + lower + upper).allSatisfy(\.isFinite), "LinePlot band '\(label)' has a NaN or infinite value")
            self.label = label
            self.x = x.map(Double.init)
            self.lower = lower.map(Double.init)
            self.upper = upper.map(Double.init)
        }
    }

    /// The lines.
    public let series: [Series]
    /// Shaded regions, drawn beneath the lines.
    public let bands: [Band]
    /// Whether the x axis is logarithmic (ticks at 1, 2, 5 times powers of ten).
    public let logX: Bool
    /// An optional horizontal reference line.
    public let reference: Reference?
    /// The caption above the plot.
    public let title: String?
    /// The x axis's name.
    public let xLabel: String?
    /// The y axis's name.
    public let yLabel: String?

    /// A plot of one or more series, with optional bands, a reference line and a log x axis.
    public init(
        _ series: [Series], bands: [Band] = [], reference: Reference? = nil, title: String? = nil,
        xLabel: String? = nil, yLabel: String? = nil, logX: Bool = false
    ) {
        check(!series.isEmpty, "LinePlot needs at least one series")
        check(
            !logX || (series.flatMap(\.x) + bands.flatMap(\.x)).allSatisfy { $0 > 0 },
            "LinePlot with a logarithmic x axis needs positive x values")
        self.series = series
        self.bands = bands
        self.logX = logX
        self.reference = reference
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
    }

    private static let width = 640.0, height = 320.0
    private static let left = 64.0, right = 16.0, top = 40.0, bottom = 48.0
    // Distinguishable on white and on near-black, and for common colour blindness.
    private static let colors = ["#3b82f6", "#e8590c", "#2f9e44", "#ae3ec9", "#d6336c", "#0c8599"]

    /// The complete, deterministic `<svg>` element.
    public var svg: String {
        let xs = series.flatMap(\.x) + bands.flatMap(\.x)
        let ys = series.flatMap(\.y) + bands.flatMap { $0.lower + $0.upper } + (reference.map { [$0.value] } ?? [])
        let xAxis = Axis(low: xs.min()!, high: xs.max()!, log: logX)
        let yAxis = Axis(low: ys.min()!, high: ys.max()!)
        let plotWidth = Self.width - Self.left - Self.right, plotHeight = Self.height - Self.top - Self.bottom
        func px(_ x: Double) -> String { SVGText.number(Self.left + xAxis.fraction(x) * plotWidth) }
        func py(_ y: Double) -> String { SVGText.number(Self.top + (1 - yAxis.fraction(y)) * plotHeight) }
        let n = SVGText.number

        var svg = SVGText.open(
            width: Self.width, height: Self.height, kind: "lineplot",
            label: (title.map { $0 + ": " } ?? "") + "line plot of " + series.map(\.label).joined(separator: ", "))
        if let title {
            svg += "<text x=\"8\" y=\"20\" font-size=\"14\" font-weight=\"600\" fill=\"currentColor\">\(SVGText.escape(title))</text>\n"
        }
        // Grid lines and tick labels.
        for tick in yAxis.ticks {
            svg += "<line class=\"grid\" x1=\"\(n(Self.left, 2))\" x2=\"\(n(Self.width - Self.right, 2))\" y1=\"\(py(tick))\" y2=\"\(py(tick))\" stroke=\"#ddd\"/>"
            svg += "<text x=\"\(n(Self.left - 6, 2))\" y=\"\(py(tick))\" dy=\"4\" text-anchor=\"end\" class=\"muted\" fill=\"#667\">\(yAxis.label(tick))</text>\n"
        }
        for tick in xAxis.ticks {
            svg += "<line class=\"grid\" x1=\"\(px(tick))\" x2=\"\(px(tick))\" y1=\"\(n(Self.top, 2))\" y2=\"\(n(Self.top + plotHeight, 2))\" stroke=\"#ddd\"/>"
            svg += "<text x=\"\(px(tick))\" y=\"\(n(Self.top + plotHeight + 16, 2))\" text-anchor=\"middle\" class=\"muted\" fill=\"#667\">\(xAxis.label(tick))</text>\n"
        }
        svg += "<rect class=\"frame\" x=\"\(n(Self.left, 2))\" y=\"\(n(Self.top, 2))\" width=\"\(n(plotWidth, 2))\" height=\"\(n(plotHeight, 2))\" fill=\"none\" stroke=\"#888\"/>\n"
        if let xLabel {
            svg += "<text x=\"\(n(Self.left + plotWidth / 2, 2))\" y=\"\(n(Self.height - 8, 2))\" text-anchor=\"middle\" fill=\"currentColor\">\(SVGText.escape(xLabel))</text>\n"
        }
        if let yLabel {
            let cy = n(Self.top + plotHeight / 2, 2)
            svg += "<text x=\"14\" y=\"\(cy)\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(cy))\" fill=\"currentColor\">\(SVGText.escape(yLabel))</text>\n"
        }

        var legend: [(label: String, style: String)] = []
        for (i, band) in bands.enumerated() {
            let color = Self.colors[(series.count + i) % Self.colors.count]
            let edge = zip(band.x, band.upper).map { "\(px($0)),\(py($1))" }
                + zip(band.x, band.lower).reversed().map { "\(px($0)),\(py($1))" }
            svg += "<polygon fill=\"\(color)\" fill-opacity=\"0.18\" stroke=\"none\" points=\"\(edge.joined(separator: " "))\"/>\n"
            legend.append((band.label, "stroke=\"\(color)\" stroke-opacity=\"0.35\" stroke-width=\"10\""))
        }
        if let reference {
            let style = "stroke=\"currentColor\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\""
            svg += "<line x1=\"\(n(Self.left, 2))\" x2=\"\(n(Self.width - Self.right, 2))\" y1=\"\(py(reference.value))\" y2=\"\(py(reference.value))\" \(style)/>\n"
            legend.append((reference.label, style))
        }
        for (i, line) in series.enumerated() {
            let style = "stroke=\"\(Self.colors[i % Self.colors.count])\" stroke-width=\"2\""
            let points = zip(line.x, line.y).map { "\(px($0)),\(py($1))" }.joined(separator: " ")
            svg += "<polyline fill=\"none\" \(style) stroke-linejoin=\"round\" points=\"\(points)\"/>\n"
            legend.append((line.label, style))
        }
        // Legend: top right, one entry per line, in drawing order.
        let longest = legend.map { SVGText.columns($0.label) }.max() ?? 0
        for (i, entry) in legend.enumerated() where !entry.label.isEmpty {
            let y = Self.top + 14 + Double(i) * 16, x = Self.width - Self.right - 40 - 6.5 * longest
            svg += "<line x1=\"\(n(x, 2))\" x2=\"\(n(x + 22, 2))\" y1=\"\(n(y - 4, 2))\" y2=\"\(n(y - 4, 2))\" \(entry.style)/>"
            svg += "<text x=\"\(n(x + 28, 2))\" y=\"\(n(y, 2))\" fill=\"currentColor\">\(SVGText.escape(entry.label))</text>\n"
        }
        return svg + "</svg>"
    }
}

/// A linear axis with about five round ticks (1, 2 or 5 times a power of ten), or a logarithmic
/// one from a power of ten to a power of ten, ticked at 1, 2 and 5 times each.
private struct Axis {
    let low: Double, high: Double, step: Double, decimals: Int, log: Bool

    init(low: Double, high: Double, log: Bool = false) {
        self.log = log
        if log {
            self.low = pow(10, floor(log10(low)))
            let decade = pow(10, floor(log10(high)))
            self.high = Swift.max([1.0, 2, 5, 10].map { $0 * decade }.first { $0 >= high * 0.999 }!, self.low * 10)
            self.step = 1
            self.decimals = Swift.max(0, -Int(floor(log10(self.low))))
            return
        }
        // A flat series still gets a band around its value.
        let (l, h) = low == high ? (low - max(1, low.magnitude) * 0.1, high + max(1, high.magnitude) * 0.1) : (low, high)
        let raw = (h - l) / 5
        let power = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= raw * 0.999 }!
        self.step = step
        self.decimals = max(0, -Int(floor(log10(step))))
        self.low = (l / step).rounded(.down) * step
        self.high = (h / step).rounded(.up) * step
    }

    var ticks: [Double] {
        if log {
            var ticks: [Double] = [], decade = low
            while decade <= high * 1.001 {
                ticks += [1.0, 2, 5].map { $0 * decade }.filter { $0 <= high * 1.001 }
                decade *= 10
            }
            return ticks
        }
        let count = Int(((high - low) / step).rounded())
        return (0...count).map { low + Double($0) * step }
    }

    func fraction(_ value: Double) -> Double {
        log ? (log10(value) - log10(low)) / (log10(high) - log10(low)) : (value - low) / (high - low)
    }

    func label(_ value: Double) -> String { SVGText.number(value, digits: decimals) }
}
