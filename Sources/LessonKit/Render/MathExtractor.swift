/// A `$…$` or `$$…$$` formula found in a lesson's prose.
struct MathSpan: Hashable, Sendable {
    /// The TeX between the dollars.
    var tex: String
    /// `$$…$$`: a formula set on its own line.
    var display: Bool
    /// 1-based line of the opening dollar.
    var line: Int
}

/// Lifts formulas out of Markdown before cmark sees it, so that their `_`, `*` and `\` survive.
///
/// Each formula becomes a `Placeholder.math` token spanning as many lines as the formula did,
/// so that every later line number still points into the lesson file. Code spans, code blocks
/// and raw HTML blocks are left alone; `\$` stays a literal dollar.
enum MathExtractor {
    /// `source` with formulas replaced by tokens, and the formulas, indexed by token number.
    static func extract(from source: String, verbatimLines: [ClosedRange<Int>]) throws(MathError)
        -> (markdown: String, spans: [MathSpan])
    {
        let bytes = Array(source.utf8)
        let verbatim = verbatimLines.reduce(into: Set<Int>()) { $0.formUnion($1) }
        var lineOf = [Int](repeating: 1, count: bytes.count + 1)  // 1-based line of each byte
        for i in bytes.indices { lineOf[i + 1] = lineOf[i] + (bytes[i] == newline ? 1 : 0) }
        func isBlankLine(at i: Int) -> Bool {  // i is the start of a line
            var j = i
            while j < bytes.count, bytes[j] == space || bytes[j] == tab { j += 1 }
            return j == bytes.count || bytes[j] == newline
        }
        // Formulas and code spans end at a paragraph break or where verbatim text starts.
        func isBoundary(_ i: Int) -> Bool {
            i > 0 && bytes[i - 1] == newline && (isBlankLine(at: i) || verbatim.contains(lineOf[i]))
        }

        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var spans: [MathSpan] = []
        var i = 0
        while i < bytes.count {
            if verbatim.contains(lineOf[i]) {
                let end = bytes[i...].firstIndex(of: newline).map { $0 + 1 } ?? bytes.count
                output += bytes[i..<end]
                i = end
                continue
            }
            let byte = bytes[i]
            if byte == backslash, i + 1 < bytes.count, bytes[i + 1] != newline {
                output += bytes[i...i + 1]
                i += 2
            } else if byte == backtick {
                // A code span: a run of n backticks up to the next run of exactly n.
                let run = bytes[i...].prefix { $0 == backtick }.count
                var j = i + run
                var closing: Int?
                while j < bytes.count, !isBoundary(j) {
                    if bytes[j] == backtick {
                        let other = bytes[j...].prefix { $0 == backtick }.count
                        if other == run { closing = j + other; break }
                        j += other
                    } else {
                        j += 1
                    }
                }
                let end = closing ?? i + run
                output += bytes[i..<end]
                i = end
            } else if byte == dollar {
                let display = i + 1 < bytes.count && bytes[i + 1] == dollar
                let width = display ? 2 : 1
                let start = i + width
                // `$ 5` is a dollar sign, not a formula.
                if !display, start >= bytes.count || [space, tab, newline].contains(bytes[start]) {
                    output.append(byte)
                    i += 1
                    continue
                }
                guard let end = closingDollar(in: bytes, from: start, display: display, isBoundary: isBoundary)
                else {
                    let kind = display ? "display math `$$`" : "inline math `$`"
                    throw MathError(line: lineOf[i], message: "unclosed \(kind) (write `\\$` for a dollar sign)")
                }
                let tex = String(decoding: bytes[start..<end], as: UTF8.self)
                spans.append(MathSpan(tex: tex, display: display, line: lineOf[i]))
                let lineBreaks = bytes[i..<end].count { $0 == newline }
                output += Placeholder.math.token(spans.count - 1, lineBreaks: lineBreaks).utf8
                i = end + width
            } else {
                output.append(byte)
                i += 1
            }
        }
        return (String(decoding: output, as: UTF8.self), spans)
    }

    /// Where the TeX starting at `start` ends: before `$$` for display math; before a `$` that
    /// follows a non-space and precedes no digit for inline math (so `$5 and $10` is no formula).
    private static func closingDollar(
        in bytes: [UInt8], from start: Int, display: Bool, isBoundary: (Int) -> Bool
    ) -> Int? {
        var j = start
        while j < bytes.count, !isBoundary(j) {
            switch bytes[j] {
            case backslash: j += 2
            case dollar where display:
                if j + 1 < bytes.count, bytes[j + 1] == dollar { return j }
                j += 1
            case dollar:
                let afterSpace = [space, tab, newline].contains(bytes[j - 1])
                let beforeDigit = j + 1 < bytes.count && (48...57).contains(bytes[j + 1])
                if !afterSpace, !beforeDigit, j > start { return j }
                j += 1
            default: j += 1
            }
        }
        return nil
    }

    private static let newline = UInt8(ascii: "\n")
    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")
    private static let backslash = UInt8(ascii: "\\")
    private static let backtick = UInt8(ascii: "`")
    private static let dollar = UInt8(ascii: "$")
}
