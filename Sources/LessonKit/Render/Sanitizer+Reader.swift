extension Sanitizer {
    /// A cursor over markup that reads tags as the HTML tokenizer does.
    struct Reader {
        /// A start tag as read.
        struct Tag {
            var name: String
            /// Values are decoded (character references resolved); nil for a bare attribute.
            var attributes: [(name: String, value: String?)]
            var selfClosing: Bool
        }

        let bytes: [UInt8]
        var index = 0

        func peek(_ ahead: Int = 0) -> UInt8? {
            index + ahead < bytes.count ? bytes[index + ahead] : nil
        }

        func starts(with text: String) -> Bool { bytes[index...].starts(with: text.utf8) }

        /// A refusal at the current position.
        func refusal(_ message: String) -> Refusal {
            Refusal(lineOffset: bytes[..<min(index, bytes.count)].count { $0 == 10 }, message: message)
        }

        /// `<name attr=value …>`, from its `<`.
        mutating func startTag() throws(Refusal) -> Tag {
            let start = index
            index += 1
            var tag = Tag(name: take { !Self.isSpace($0) && $0 != slash && $0 != gt }, attributes: [], selfClosing: false)
            while true {
                while let b = peek(), Self.isSpace(b) || b == slash {
                    tag.selfClosing = b == slash && peek(1) == gt
                    index += 1
                }
                guard let b = peek() else {
                    index = start
                    throw refusal("a tag that never ends with >")
                }
                if b == gt { index += 1; return tag }
                tag.selfClosing = false
                // The first character is part of the name even if it is `=`, as in HTML.
                index += 1
                let name = String(decoding: [b], as: UTF8.self)
                    + take { !Self.isSpace($0) && $0 != slash && $0 != gt && $0 != equals }
                while let b = peek(), Self.isSpace(b) { index += 1 }
                guard peek() == equals else { tag.attributes.append((name, nil)); continue }
                index += 1
                while let b = peek(), Self.isSpace(b) { index += 1 }
                let raw: String
                if let quote = peek(), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                    index += 1
                    raw = take { $0 != quote }
                    guard peek() == quote else {
                        index = start
                        throw refusal("an attribute value that never ends")
                    }
                    index += 1
                } else {
                    raw = take { !Self.isSpace($0) && $0 != gt }
                }
                tag.attributes.append((name, try decode(raw)))
            }
        }

        /// `</name>`, from its `<`; returns the name.
        mutating func endTag() throws(Refusal) -> String {
            index += 2
            let name = take { !Self.isSpace($0) && $0 != slash && $0 != gt }
            while let b = peek(), Self.isSpace(b) { index += 1 }
            guard peek() == gt else { throw refusal("</\(name) must end right after its name with >") }
            index += 1
            return name
        }

        /// `<!-- … -->`, from its `<`, ending where a browser ends it (`<!-->` is a whole one).
        mutating func skipComment() throws(Refusal) {
            let start = index
            index += 4
            if peek() == gt { index += 1; return }
            if peek() == dash, peek(1) == gt { index += 2; return }
            while index < bytes.count {
                if starts(with: "-->") { index += 3; return }
                if starts(with: "--!>") { index += 4; return }
                index += 1
            }
            index = start
            throw refusal("a comment that never ends with -->")
        }

        private mutating func take(while accept: (UInt8) -> Bool) -> String {
            let start = index
            while let b = peek(), accept(b) { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        /// Resolves `&amp; &lt; &gt; &quot; &apos; &#N; &#xH;`. Any other reference is refused:
        /// browsers know two thousand (`&colon;`, `&Tab;`), and a name we cannot read is a
        /// place for `javascript:` to hide.
        private func decode(_ raw: String) throws(Refusal) -> String {
            guard raw.utf8.contains(UInt8(ascii: "&")) else { return raw }
            var decoded = "", rest = Substring(raw)
            while let amp = rest.firstIndex(of: "&") {
                decoded += rest[..<amp]
                rest = rest[rest.index(after: amp)...]
                guard let next = rest.first, next.isASCII, next.isLetter || next.isNumber || next == "#" else {
                    decoded += "&"
                    continue
                }
                guard let semicolon = rest.firstIndex(of: ";"), let scalar = Self.reference(rest[..<semicolon]) else {
                    throw refusal("character reference &\(rest.prefix(12))…: write the character itself")
                }
                decoded.unicodeScalars.append(scalar)
                rest = rest[rest.index(after: semicolon)...]
            }
            return decoded + rest
        }

        private static func reference(_ name: Substring) -> Unicode.Scalar? {
            switch name {
            case "amp": return "&"
            case "lt": return "<"
            case "gt": return ">"
            case "quot": return "\""
            case "apos": return "'"
            default:
                guard name.first == "#" else { return nil }
                let digits = name.dropFirst()
                let value =
                    digits.first == "x" || digits.first == "X"
                    ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
                return value.flatMap { $0 == 0 ? nil : Unicode.Scalar($0) }
            }
        }

        static func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 12 || b == 13 }
        static func isLetter(_ b: UInt8) -> Bool { (65...90).contains(b) || (97...122).contains(b) }
    }
}

private let slash = UInt8(ascii: "/"), gt = UInt8(ascii: ">"), equals = UInt8(ascii: "="), dash = UInt8(ascii: "-")
