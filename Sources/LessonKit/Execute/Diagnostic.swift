/// One error from `swiftc -diagnostic-style llvm`, with the excerpt lines printed under it.
struct Diagnostic: Equatable {
    var file: String
    var line: Int
    var column: Int
    /// The message after `error: `.
    var message: String
    /// The diagnostic as the compiler printed it: the `FILE:LINE:COL: error: …` line, the source
    /// excerpt and caret, and the notes that follow it in `file`.
    var text: String

    /// The errors in a compiler's output, in order.
    ///
    /// Notes located elsewhere than in `lessonPath` (in Drop's module, the standard library, the
    /// generated program) are left out with their excerpts: they name paths of this machine, and
    /// an expected failure's text must be the same on every machine.
    static func errors(in output: String, lessonPath: String) -> [Diagnostic] {
        var errors: [Diagnostic] = []
        var attaching = false
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            if let header = Header(line) {
                if header.severity == "error", let row = header.line, let column = header.column {
                    errors.append(
                        Diagnostic(
                            file: header.file, line: row, column: column, message: header.message,
                            text: String(line)))
                    attaching = true
                } else {
                    attaching = !errors.isEmpty && header.severity == "note" && header.file == lessonPath
                    if attaching { errors[errors.count - 1].text += "\n" + line }
                }
            } else if attaching && !line.isEmpty {
                errors[errors.count - 1].text += "\n" + line
            } else {
                attaching = false
            }
        }
        return errors
    }

    /// `FILE:LINE:COL: SEVERITY: MESSAGE` (FILE may itself contain colons), or `FILE: SEVERITY: …`.
    private struct Header {
        var file: String
        var line: Int?
        var column: Int?
        var severity: String
        var message: String

        init?(_ text: Substring) {
            guard
                let (severity, marker) = ["error", "warning", "note", "remark"].lazy
                    .compactMap({ s in text.firstRange(of: ": \(s): ").map { (s, $0) } }).first
            else { return nil }
            var parts = text[..<marker.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
            if parts.count >= 3, let row = Int(parts[parts.count - 2]), let column = Int(parts[parts.count - 1]) {
                line = row
                self.column = column
                parts.removeLast(2)
            }
            file = parts.joined(separator: ":")
            self.severity = severity
            message = String(text[marker.upperBound...])
        }
    }
}
