import Drop

/// Several heatmaps side by side on one colour scale and one legend: an input beside what two
/// kinds of dropout made of it, or several calls of the same random function.
public struct HeatmapPanels: Figure {
    /// The panels, left to right; each keeps its own title.
    public let panels: [Heatmap]
    /// The caption above all panels.
    public let title: String?
    /// Legend names for values, shared by all panels.
    public let labels: [Float: String]

    /// Heatmaps drawn in one row; `labels` name values in the shared legend.
    public init(_ panels: [Heatmap], title: String? = nil, labels: [Float: String] = [:]) {
        check(!panels.isEmpty, "HeatmapPanels needs at least one heatmap")
        self.panels = panels
        self.title = title
        self.labels = labels
    }

    /// The complete, deterministic `<svg>` element.
    public var svg: String {
        let scale = HeatmapScale(values: panels.flatMap(\.tensor.scalars), labels: labels)
        let top = title == nil ? 0.0 : 26
        var body = "", x = 0.0, height = 0.0
        if let title {
            body += "<text x=\"8\" y=\"20\" font-size=\"15\" font-weight=\"700\" fill=\"currentColor\">\(SVGText.escape(title))</text>\n"
        }
        for panel in panels {
            let drawn = panel.body(scale: scale)
            body += "<g transform=\"translate(\(SVGText.number(x)) \(SVGText.number(top)))\">\n\(drawn.svg)</g>\n"
            x += drawn.width + 8
            height = max(height, top + drawn.height)
        }
        let width = max(x, scale.legendWidth, 300)
        let label = (title.map { $0 + ": " } ?? "") + panels.map(\.label).joined(separator: "; ")
        return SVGText.open(width: width, height: height + 44, kind: "heatmap", label: label)
            + body + scale.legend(y: height + 14) + "</svg>"
    }
}
