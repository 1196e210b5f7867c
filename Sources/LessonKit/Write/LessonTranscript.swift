/// A lesson run as plain text for the terminal (`lessons run`): each block's output in order.
public enum LessonTranscript {
    /// One section per block that ran: a header, then its output as the block produced it.
    public static func text(of run: LessonRun) -> String {
        var text = ""
        for (block, result) in zip(run.lesson.blocks, run.results) {
            text += "── block \(block.index + 1) · \(run.lesson.path):\(block.codeLine) · seed \(result.seed) ──\n"
            for item in result.items {
                switch item {
                case .stdout(let output): text += terminated(output)
                case .stderr(let output): text += terminated("[stderr] " + output)
                case .svg(let svg): text += "[figure: \(svg.utf8.count) bytes of SVG]\n"
                }
            }
            if let failure = result.expectedFailure {
                text += terminated("[failed as expected] " + failure)
            }
        }
        return text
    }

    private static func terminated(_ text: String) -> String {
        text.isEmpty || text.hasSuffix("\n") ? text : text + "\n"
    }
}
