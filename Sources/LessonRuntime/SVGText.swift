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

    /// How wide `text` is, in the widths of a Latin letter: a wide (CJK) character counts two, as in a
    /// terminal, so a legend laid out for `保留` leaves room for it. ASCII text counts its characters.
    static func columns(_ text: String) -> Double {
        text.unicodeScalars.reduce(0) { total, scalar in
            switch scalar.value {
            case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
                0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
                0xFFE0...0xFFE6, 0x20000...0x3FFFD:
                return total + 2
            default:
                return total + 1
            }
        }
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
