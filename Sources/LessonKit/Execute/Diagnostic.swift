/// One error from `swiftc -diagnostic-style llvm`, with the excerpt lines printed under it.
struct Diagnostic: Equatable {
    var file: String
    var line: Int
    var column: Int
    /// The message after `error: `.
    var message: String
    /// The whole diagnostic as the compiler printed it: the `FILE:LINE:COL: error: …` line,
    /// the source excerpt and caret, and any notes that follow.
    var text: String

    /// The errors in a compiler's output, in order; warnings and notes ride along in the
    /// `text` of the error before them.
    static func errors(in output: String) -> [Diagnostic] {
        var errors: [Diagnostic] = []
        var attachToLast = false
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            if let error = parse(line) {
                errors.append(error)
                attachToLast = true
            } else if attachToLast && !line.isEmpty && !isWarningLine(line) {
                errors[errors.count - 1].text += "\n" + line
            } else {
                attachToLast = false
            }
        }
        return errors
    }

    /// `FILE:LINE:COL: error: MESSAGE`, where FILE may itself contain colons.
    private static func parse(_ line: Substring) -> Diagnostic? {
        guard let marker = line.firstRange(of: ": error: ") else { return nil }
        let location = line[..<marker.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
        guard location.count >= 3, let row = Int(location[location.count - 2]),
            let column = Int(location[location.count - 1])
        else { return nil }
        return Diagnostic(
            file: location.dropLast(2).joined(separator: ":"), line: row, column: column,
            message: String(line[marker.upperBound...]), text: String(line))
    }

    private static func isWarningLine(_ line: Substring) -> Bool {
        line.contains(": warning: ")
    }
}
