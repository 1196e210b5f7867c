import Drop

/// Formatting for SVG text we write ourselves: fixed-precision numbers, so that figures are
/// byte-identical on every machine, and escaped text.
enum SVGText {
    /// `value` rounded to `digits` decimals, without trailing zeros: `12.5`, `-0.25`, `3`.
    static func number(_ value: Double, digits: Int = 2) -> String {
        check(value.isFinite, "cannot place a non-finite coordinate (\(value)) in an SVG figure")
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (value.magnitude * scale).rounded()
        check(scaled < 9e15, "coordinate \(value) is too large for an SVG figure")
        var text = String(Int64(scaled))
        if text.count <= digits { text = String(repeating: "0", count: digits - text.count + 1) + text }
        if digits > 0 {
            text.insert(".", at: text.index(text.endIndex, offsetBy: -digits))
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return (value < 0 && scaled != 0 ? "-" : "") + text
    }

    /// `text` safe inside an SVG element or a double-quoted attribute.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// The opening `<svg>` tag shared by every figure; `label` is what a screen reader says.
    static func open(width: Double, height: Double, kind: String, label: String) -> String {
        let w = number(width), h = number(height)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"figure-svg \(kind)\" width=\"\(w)\" "
            + "height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\" role=\"img\" aria-label=\"\(escape(label))\" "
            + "font-family=\"sans-serif\" font-size=\"12\">\n"
    }
}
