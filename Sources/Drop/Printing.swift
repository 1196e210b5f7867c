/// Printing exactly as PyTorch 2.x prints a float32 tensor with the default print options
/// (`torch/_tensor_str.py`: precision 4, threshold 1000, edge items 3, line width 80).
extension Tensor: CustomStringConvertible {
    /// What `print(t)` (or `repr(t)`) shows in PyTorch for the same values and shape.
    public var description: String {
        let prefix = "tensor("
        guard numel > 0 else {
            // Only a 1-D empty tensor omits its size.
            if ndim == 1 { return withSuffixes(prefix + "[]") }
            let size = "size=(" + shape.dims.map(String.init).joined(separator: ", ") + ")"
            return withSuffixes(prefix + "[]", [size])
        }
        let summarize = numel > PrintOptions.threshold
        let values = scalars
        let printer = TensorPrinter(
            shape: shape, values: values, summarize: summarize,
            formatter: TensorFormatter(summarize ? summarizedScalars() : values))
        var out = prefix
        printer.write(offset: 0, depth: 0, indent: prefix.count, to: &out)
        return withSuffixes(out)
    }

    /// The edge items along every dimension: what the formatter looks at in a summarised tensor.
    private func summarizedScalars() -> [Float] {
        var values: [Float] = []
        withElements { buffer in
            func gather(offset: Int, depth: Int) {
                let n = shape[depth]
                let inner = shape.dims[(depth + 1)...].reduce(1, *)
                for case let i? in PrintOptions.shownIndices(n, summarize: true) {
                    if depth == ndim - 1 {
                        values.append(buffer[offset + i])
                    } else {
                        gather(offset: offset + i * inner, depth: depth + 1)
                    }
                }
            }
            gather(offset: 0, depth: 0)
        }
        return values
    }
}

/// PyTorch's default print options.
enum PrintOptions {
    /// Tensors with more elements than this are summarised with `...`.
    static let threshold = 1000
    /// Items kept at each end of a summarised dimension.
    static let edgeItems = 3
    /// The column budget for a row of numbers.
    static let lineWidth = 80

    /// The indices printed along a dimension of extent `n`, with `nil` standing for `...`.
    static func shownIndices(_ n: Int, summarize: Bool) -> [Int?] {
        guard summarize && n > 2 * edgeItems else { return Array(0..<n) }
        return Array(0..<edgeItems) + [nil] + Array((n - edgeItems)..<n)
    }
}

/// Writes the nested brackets of `_tensor_str_with_formatter`.
private struct TensorPrinter {
    let shape: Size
    /// The tensor's elements, read once (`scalars` copies a window's out on every read).
    let values: [Float]
    let summarize: Bool
    let formatter: TensorFormatter

    /// Appends the sub-tensor starting at `offset` whose outermost dimension is `depth`.
    func write(offset: Int, depth: Int, indent: Int, to out: inout String) {
        let ndim = shape.count
        if ndim == 0 {
            out += formatter.format(values[0])
            return
        }
        let n = shape[depth]
        let shown = PrintOptions.shownIndices(n, summarize: summarize)
        if depth == ndim - 1 {
            writeRow(offset: offset, shown: shown, indent: indent, to: &out)
            return
        }
        let inner = shape.dims[(depth + 1)...].reduce(1, *)
        // Slices are separated by one newline per remaining dimension: blank lines between blocks.
        let separator = "," + String(repeating: "\n", count: ndim - depth - 1)
            + String(repeating: " ", count: indent + 1)
        out += "["
        for (k, index) in shown.enumerated() {
            if k > 0 { out += separator }
            if let i = index {
                write(offset: offset + i * inner, depth: depth + 1, indent: indent + 1, to: &out)
            } else {
                out += "..."
            }
        }
        out += "]"
    }

    /// Appends one innermost row, wrapped to fit the line width (`_vector_str`).
    private func writeRow(offset: Int, shown: [Int?], indent: Int, to out: inout String) {
        let perLine = Swift.max(1, (PrintOptions.lineWidth - indent) / (formatter.maxWidth + 2))
        let lineBreak = ",\n" + String(repeating: " ", count: indent + 1)
        out += "["
        for (k, index) in shown.enumerated() {
            if k > 0 { out += k % perLine == 0 ? lineBreak : ", " }
            if let i = index {
                out += formatter.format(values[offset + i])
            } else {
                out += " ..."
            }
        }
        out += "]"
    }
}
