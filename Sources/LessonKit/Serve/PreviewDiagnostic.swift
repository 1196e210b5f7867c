/// A failure as the preview shows it, in the terminal and on the lesson's page alike: the
/// error's own line (`FILE:LINE:COL: error: [stage] block N: message`), then the lesson lines
/// around the one it names.
public enum PreviewDiagnostic {
    /// Lines shown before and after the line an error names.
    static let contextLines = 2

    /// `error` followed by the lines of `source` (the lesson's text, if it could be read)
    /// around `error.line`, numbered, the named line marked with `>`.
    public static func text(_ error: LessonError, source: String?) -> String {
        var text = "\(error)"
        guard let line = error.line, let source else { return text }
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return text }
        let range = max(1, line - contextLines)...min(lines.count, line + contextLines)
        let width = String(range.upperBound).count
        for number in range {
            let label = String(number)
            let content = lines[number - 1].hasSuffix("\r") ? lines[number - 1].dropLast() : lines[number - 1]
            text += "\n" + (number == line ? ">" : " ")
                + String(repeating: " ", count: width - label.count) + " \(label) | \(content)"
        }
        return text
    }
}
