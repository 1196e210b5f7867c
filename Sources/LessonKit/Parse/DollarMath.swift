/// Pandoc's rule for `$`, which keeps prices and formulas apart.
///
/// `$$…$$` is display math. `$…$` is inline math when the opening `$` has a non-space right
/// after it, the first `$` after it has a non-space right before it and no digit right after
/// it; any other `$` is a literal dollar (`costs $5`, `between $5 and $10`). A backslash
/// takes the next character with it, so `\$` never opens or closes a formula.
enum DollarMath {
    /// What the `$` at the scanned offset starts.
    enum Match: Equatable {
        /// A formula: its TeX is at `tex`, and the text resumes at `end`.
        case formula(tex: Range<Int>, display: Bool, end: Int)
        /// Literal dollars, `count` of them (2 for a `$$` that nothing closes).
        case literal(count: Int)
    }

    /// Reads from the `$` at `start`; `byte(i)` is the text's byte at `i`, nil past its end.
    /// It looks no further than the next `$` (or `$$`), so scanning a paragraph stays linear.
    static func match(at start: Int, byte: (Int) -> UInt8?) -> Match {
        if byte(start + 1) == dollar {
            var j = start + 2
            while let b = byte(j) {
                if b == backslash { j += 2; continue }
                if b == dollar, byte(j + 1) == dollar {
                    return j > start + 2 ? .formula(tex: start + 2..<j, display: true, end: j + 2) : .literal(count: 2)
                }
                j += 1
            }
            return .literal(count: 2)
        }
        guard let first = byte(start + 1), !isSpace(first) else { return .literal(count: 1) }
        var j = start + 1
        while let b = byte(j) {
            if b == backslash { j += 2; continue }
            if b == dollar {
                let closes = j > start + 1 && !isSpace(byte(j - 1)!) && !(byte(j + 1).map(isDigit) ?? false)
                return closes ? .formula(tex: start + 1..<j, display: false, end: j + 1) : .literal(count: 1)
            }
            j += 1
        }
        return .literal(count: 1)
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }
    private static func isDigit(_ b: UInt8) -> Bool { (48...57).contains(b) }
    private static let dollar = UInt8(ascii: "$")
    private static let backslash = UInt8(ascii: "\\")
}
