/// Escaping for text placed in HTML.
enum HTML {
    /// `text` safe to place in element content or a double-quoted attribute.
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }) else {
            return text
        }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}

extension HTML {
    /// A relative link to the site file `name`: every byte but `A–Z a–z 0–9 - . _ ~`
    /// percent-encoded, so `"`, `#`, `?` and `%` in a lesson's file name stay part of the name.
    static func link(toFile name: String) -> String {
        var link = ""
        for byte in name.utf8 {
            if (65...90).contains(byte) || (97...122).contains(byte) || (48...57).contains(byte) || "-._~".utf8.contains(byte) {
                link.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                link += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return link
    }
}
