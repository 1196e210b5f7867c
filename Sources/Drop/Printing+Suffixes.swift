/// The `, size=…`, `, grad_fn=<…>` and `, requires_grad=True` tails of a printed tensor.
extension Tensor {
    /// `text` (everything up to the values' closing bracket) with `suffixes` and the autograd
    /// suffix appended and the closing parenthesis, wrapped as PyTorch's `_add_suffixes` wraps.
    func withSuffixes(_ text: String, _ suffixes: [String] = []) -> String {
        var suffixes = suffixes
        if let name = gradFunctionName {
            suffixes.append("grad_fn=<\(name)>")
        } else if requiresGrad {
            suffixes.append("requires_grad=True")
        }
        guard !suffixes.isEmpty else { return text + ")" }
        let indent = "tensor(".count
        var out = text
        // PyTorch counts the last line as `len(s) - s.rfind("\n") + 1` (two more than its length
        // when there is no newline); kept as is so that wrapping matches.
        let utf8 = Array(text.utf8)
        var lastLine = utf8.count - (utf8.lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
        for suffix in suffixes {
            if lastLine + suffix.count + 2 > PrintOptions.lineWidth {
                out += ",\n" + String(repeating: " ", count: indent) + suffix
                lastLine = indent + suffix.count
            } else {
                out += ", " + suffix
                lastLine += suffix.count + 2
            }
        }
        return out + ")"
    }
}
