/// How a heatmap maps values to colours, and its legend: one swatch per value when a tensor
/// holds only a few distinct values (a mask: "dropped", "kept ×1/q"), else a viridis ramp from
/// the smallest to the largest non-zero value. Exact zeros are always outlined holes.
struct HeatmapScale {
    /// The distinct non-zero finite values when there are at most `maxSwatches`, else nil.
    let discrete: [Float]?
    let low: Double, high: Double
    /// Names for values in the legend; a value without one shows as its number.
    let labels: [Float: String]

    static let maxSwatches = 4

    init(values: [Float], labels: [Float: String]) {
        var distinct = Set<Float>()
        for v in values where v.isFinite && v != 0 {
            distinct.insert(v)
            if distinct.count > Self.maxSwatches { break }
        }
        let finite = values.filter { $0.isFinite && $0 != 0 }
        low = Double(finite.min() ?? 0)
        high = Double(finite.max() ?? 0)
        discrete = distinct.count <= Self.maxSwatches ? distinct.sorted() : nil
        self.labels = labels
    }

    /// The fill of a non-zero value.
    func fill(_ value: Float) -> String {
        guard value.isFinite else { return "#888888" }
        if let discrete, discrete.count > 1, let i = discrete.firstIndex(of: value) {
            // Spread the few values over the ramp, avoiding its near-white top.
            return Viridis.hex(0.15 + 0.7 * Double(i) / Double(discrete.count - 1))
        }
        return Viridis.hex(high > low ? (Double(value) - low) / (high - low) : 0.6)
    }

    /// The legend row at height `y`: swatches or the ramp, then the hole.
    func legend(y: Double) -> String {
        let n = SVGText.number
        var svg = "", x = 8.0
        func label(_ text: String) {
            svg += "<text x=\"\(n(x, 2))\" y=\"\(n(y + 10, 2))\" fill=\"currentColor\">\(SVGText.escape(text))</text>\n"
            x += 7 * SVGText.columns(text) + 16
        }
        if let discrete {
            for value in discrete {
                svg += "<rect x=\"\(n(x, 2))\" y=\"\(n(y, 2))\" width=\"12\" height=\"12\" fill=\"\(fill(value))\"/>"
                x += 18
                label(labels[value] ?? format(Double(value)))
            }
        } else {
            label(format(low))
            x -= 12
            for step in 0..<8 {
                svg += "<rect x=\"\(n(x + Double(step) * 12, 2))\" y=\"\(n(y, 2))\" "
                    + "width=\"12\" height=\"12\" fill=\"\(Viridis.hex(Double(step) / 7))\"/>"
            }
            x += 8 * 12 + 4
            label(format(high))
        }
        svg += "<rect class=\"zero\" x=\"\(n(x + 0.5, 2))\" y=\"\(n(y + 0.5, 2))\" width=\"11\" height=\"11\" fill=\"#fff\" stroke=\"#d03050\"/>"
        x += 18
        label(labels[0] ?? "exactly 0")
        return svg
    }

    /// How wide the legend is, so that a figure can make room for it.
    var legendWidth: Double {
        let texts = (discrete?.map { labels[$0] ?? format(Double($0)) } ?? [format(low), format(high)])
            + [labels[0] ?? "exactly 0"]
        let swatches = discrete.map { Double($0.count) * 18 } ?? 8 * 12 - 8
        return 8 + swatches + 18 + texts.reduce(0) { $0 + 7 * SVGText.columns($1) + 16 }
    }

    private func format(_ value: Double) -> String { SVGText.number(value, digits: 4) }
}
