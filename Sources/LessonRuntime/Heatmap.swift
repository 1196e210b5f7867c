import Drop

/// A picture of a tensor's values in which exact zeros stand out as empty, outlined cells:
/// the shape of a Dropout or DropPath mask at a glance.
///
/// 1-D and 2-D tensors are one panel; `(C, H, W)` is one row of panels, one per channel;
/// `(B, C, H, W)` is a grid, one row per sample. Non-zero values share one viridis colour
/// scale, from the smallest to the largest.
public struct Heatmap: Figure {
    /// The tensor drawn.
    public let tensor: Tensor
    /// The caption above the panels.
    public let title: String?

    /// A heatmap of a 1-D to 4-D tensor.
    public init(_ t: Tensor, title: String? = nil) {
        check(
            (1...4).contains(t.ndim),
            "Heatmap draws 1-D to 4-D tensors (H, W), (C, H, W) or (B, C, H, W); got shape \(t.shape)")
        check(t.numel > 0, "Heatmap cannot draw an empty tensor of shape \(t.shape)")
        check(
            t.numel <= 65_536,
            "Heatmap draws at most 65536 values (one SVG rectangle each); slice the \(t.shape) tensor first")
        self.tensor = t
        self.title = title
    }

    /// The complete, deterministic `<svg>` element.
    public var svg: String {
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
        let finite = values.filter { $0.isFinite && $0 != 0 }
        let low = Double(finite.min() ?? 0), high = Double(finite.max() ?? 0)

        // Cells shrink so that wide tensors still fit a page column.
        let cell = Double(max(4, min(28, 600 / (c * w + (c - 1)))))
        let gap = cell, labelWidth = b > 1 ? 44.0 : 0
        let top = (title == nil ? 8.0 : 30) + (c > 1 ? 18 : 0)
        let panelWidth = Double(w) * cell, panelHeight = Double(h) * cell
        let width = max(labelWidth + Double(c) * panelWidth + Double(c - 1) * gap + 16, 300)
        let gridHeight = Double(b) * panelHeight + Double(b - 1) * gap
        let height = top + gridHeight + 44

        let zeros = values.count { $0 == 0 }
        var svg = SVGText.open(
            width: width, height: height, kind: "heatmap",
            label: (title.map { $0 + ": " } ?? "") + "heatmap of a tensor of shape \(tensor.shape), "
                + "\(zeros) of \(values.count) values exactly zero")
        if let title {
            svg += "<text x=\"8\" y=\"20\" font-size=\"14\" font-weight=\"600\" fill=\"currentColor\">\(SVGText.escape(title))</text>\n"
        }
        for channel in 0..<c where c > 1 {
            let x = labelWidth + 8 + Double(channel) * (panelWidth + gap) + panelWidth / 2
            svg += "<text x=\"\(SVGText.number(x))\" y=\"\(SVGText.number(top - 6))\" text-anchor=\"middle\" class=\"muted\" fill=\"#667\">c=\(channel)</text>\n"
        }
        for sample in 0..<b {
            let y0 = top + Double(sample) * (panelHeight + gap)
            if b > 1 {
                svg += "<text x=\"8\" y=\"\(SVGText.number(y0 + panelHeight / 2 + 4))\" class=\"muted\" fill=\"#667\">b=\(sample)</text>\n"
            }
            for channel in 0..<c {
                let x0 = labelWidth + 8 + Double(channel) * (panelWidth + gap)
                let base = (sample * c + channel) * h * w
                svg += "<g>"
                for row in 0..<h {
                    for column in 0..<w {
                        let v = values[base + row * w + column]
                        svg += rect(
                            x: x0 + Double(column) * cell, y: y0 + Double(row) * cell, size: cell,
                            value: v, low: low, high: high)
                    }
                }
                svg += "</g>\n"
            }
        }
        svg += legend(y: top + gridHeight + 14, low: low, high: high)
        return svg + "</svg>"
    }

    private func rect(x: Double, y: Double, size: Double, value: Float, low: Double, high: Double) -> String {
        let inner = max(size - 1, 1)
        if value == 0 {
            // An outlined hole: inset by half the stroke so it stays inside its cell.
            return "<rect class=\"zero\" x=\"\(SVGText.number(x + 0.5))\" y=\"\(SVGText.number(y + 0.5))\" "
                + "width=\"\(SVGText.number(inner - 1))\" height=\"\(SVGText.number(inner - 1))\" fill=\"#fff\" stroke=\"#d03050\"/>"
        }
        let fill = value.isFinite ? Viridis.hex(high > low ? (Double(value) - low) / (high - low) : 1) : "#888888"
        return "<rect x=\"\(SVGText.number(x))\" y=\"\(SVGText.number(y))\" width=\"\(SVGText.number(inner))\" "
            + "height=\"\(SVGText.number(inner))\" fill=\"\(fill)\"/>"
    }

    /// The colour scale's ends and the meaning of a hole.
    private func legend(y: Double, low: Double, high: Double) -> String {
        var svg = "<text x=\"8\" y=\"\(SVGText.number(y + 10))\" class=\"muted\" fill=\"#667\">\(format(low))</text>\n"
        let start = 8 + 7.5 * Double(format(low).count) + 4
        for step in 0..<8 {
            svg += "<rect x=\"\(SVGText.number(start + Double(step) * 12))\" y=\"\(SVGText.number(y))\" "
                + "width=\"12\" height=\"12\" fill=\"\(Viridis.hex(Double(step) / 7))\"/>"
        }
        let after = start + 8 * 12 + 4
        svg += "\n<text x=\"\(SVGText.number(after))\" y=\"\(SVGText.number(y + 10))\" class=\"muted\" fill=\"#667\">\(format(high))</text>\n"
        let hole = after + 7.5 * Double(format(high).count) + 16
        svg += "<rect class=\"zero\" x=\"\(SVGText.number(hole + 0.5))\" y=\"\(SVGText.number(y + 0.5))\" width=\"11\" height=\"11\" fill=\"#fff\" stroke=\"#d03050\"/>"
        svg += "<text x=\"\(SVGText.number(hole + 18))\" y=\"\(SVGText.number(y + 10))\" fill=\"currentColor\">exactly 0</text>\n"
        return svg
    }

    private func format(_ value: Double) -> String { SVGText.number(value, digits: 4) }
}
