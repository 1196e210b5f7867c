import Drop

/// A picture of a tensor's values in which exact zeros stand out as empty, outlined cells:
/// the shape of a Dropout or DropPath mask at a glance.
///
/// 1-D and 2-D tensors are one panel; `(C, H, W)` is one row of panels, one per channel;
/// `(B, C, H, W)` is a grid, one row per sample. A tensor with at most four distinct non-zero
/// values (a scaled mask) gets one legend swatch per value, named by `labels`; otherwise the
/// non-zero values share one viridis scale, from the smallest to the largest.
public struct Heatmap: Figure {
    /// The tensor drawn.
    public let tensor: Tensor
    /// The caption above the panels.
    public let title: String?
    /// Legend names for values, e.g. `[2: "kept ×1/q", 0: "dropped"]`.
    public let labels: [Float: String]

    /// A heatmap of a 1-D to 4-D tensor.
    public init(_ t: Tensor, title: String? = nil, labels: [Float: String] = [:]) {
        check(
            (1...4).contains(t.ndim),
            "Heatmap draws 1-D to 4-D tensors (H, W), (C, H, W) or (B, C, H, W); got shape \(t.shape)")
        check(t.numel > 0, "Heatmap cannot draw an empty tensor of shape \(t.shape)")
        check(
            t.numel <= 65_536,
            "Heatmap draws at most 65536 values (one SVG rectangle each); slice the \(t.shape) tensor first")
        self.tensor = t
        self.title = title
        self.labels = labels
    }

    /// The complete, deterministic `<svg>` element.
    public var svg: String {
        let scale = HeatmapScale(values: tensor.scalars, labels: labels)
        let panel = body(scale: scale)
        let width = max(panel.width, scale.legendWidth, 300)
        return SVGText.open(width: width, height: panel.height + 44, kind: "heatmap", label: label)
            + panel.svg + scale.legend(y: panel.height + 14) + "</svg>"
    }

    /// What a screen reader says about this heatmap.
    var label: String {
        (title.map { $0 + ": " } ?? "") + "heatmap of a tensor of shape \(tensor.shape), "
            + "\(tensor.scalars.count { $0 == 0 }) of \(tensor.numel) values exactly zero"
    }

    /// The title and the cells, drawn from (0, 0), without the legend.
    func body(scale: HeatmapScale) -> (svg: String, width: Double, height: Double) {
        let dims = Array(tensor.shape)
        // Pad to (B, C, H, W).
        let (b, c, h, w) =
            switch dims.count {
            case 1: (1, 1, 1, dims[0])
            case 2: (1, 1, dims[0], dims[1])
            case 3: (1, dims[0], dims[1], dims[2])
            default: (dims[0], dims[1], dims[2], dims[3])
            }
        let values = tensor.scalars
        let n = SVGText.number

        // Cells shrink so that wide tensors still fit a page column.
        let cell = Double(max(4, min(28, 600 / (c * w + (c - 1)))))
        let gap = cell, labelWidth = b > 1 ? 44.0 : 0
        let top = (title == nil ? 8.0 : 30) + (c > 1 ? 18 : 0)
        let panelWidth = Double(w) * cell, panelHeight = Double(h) * cell
        let width = labelWidth + Double(c) * panelWidth + Double(c - 1) * gap + 16
        let gridHeight = Double(b) * panelHeight + Double(b - 1) * gap

        var svg = ""
        if let title {
            svg += "<text x=\"8\" y=\"20\" font-size=\"14\" font-weight=\"600\" fill=\"currentColor\">\(SVGText.escape(title))</text>\n"
        }
        for channel in 0..<c where c > 1 {
            let x = labelWidth + 8 + Double(channel) * (panelWidth + gap) + panelWidth / 2
            svg += "<text x=\"\(n(x, 2))\" y=\"\(n(top - 6, 2))\" text-anchor=\"middle\" class=\"muted\" fill=\"#667\">c=\(channel)</text>\n"
        }
        for sample in 0..<b {
            let y0 = top + Double(sample) * (panelHeight + gap)
            if b > 1 {
                svg += "<text x=\"8\" y=\"\(n(y0 + panelHeight / 2 + 4, 2))\" class=\"muted\" fill=\"#667\">b=\(sample)</text>\n"
            }
            for channel in 0..<c {
                let x0 = labelWidth + 8 + Double(channel) * (panelWidth + gap)
                let base = (sample * c + channel) * h * w
                svg += "<g>"
                for row in 0..<h {
                    for column in 0..<w {
                        svg += rect(
                            x: x0 + Double(column) * cell, y: y0 + Double(row) * cell, size: cell,
                            value: values[base + row * w + column], scale: scale)
                    }
                }
                svg += "</g>\n"
            }
        }
        return (svg, width, top + gridHeight)
    }

    private func rect(x: Double, y: Double, size: Double, value: Float, scale: HeatmapScale) -> String {
        let n = SVGText.number
        let inner = max(size - 1, 1)
        if value == 0 {
            // An outlined hole: inset by half the stroke so it stays inside its cell.
            return "<rect class=\"zero\" x=\"\(n(x + 0.5, 2))\" y=\"\(n(y + 0.5, 2))\" "
                + "width=\"\(n(inner - 1, 2))\" height=\"\(n(inner - 1, 2))\" fill=\"#fff\" stroke=\"#d03050\"/>"
        }
        return "<rect x=\"\(n(x, 2))\" y=\"\(n(y, 2))\" width=\"\(n(inner, 2))\" "
            + "height=\"\(n(inner, 2))\" fill=\"\(scale.fill(value))\"/>"
    }
}
