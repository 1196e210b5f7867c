/// Writes a run block into the page: its code, then what it printed and drew, then its seed.
enum RunBlockRenderer {
    /// The HTML for `block`, shown as `codeHTML` (nil when hidden), which produced `result`.
    /// Output is text, always escaped; a figure must pass the SVG allow-list.
    static func html(
        _ block: RunBlock, codeHTML: String?, _ result: BlockResult, path: String, interface ui: Interface = .english
    ) throws(LessonError)
        -> String
    {
        var html = "<div class=\"run\" id=\"run-\(block.index + 1)\">\n"
        html += codeHTML ?? ""
        if block.options.shouldFail {
            html += "<div class=\"expected-error\">\n<p class=\"label\">\(HTML.escape(ui.expectedError))</p>\n"
            html += "<pre>" + HTML.escape(trimmingFinalNewline(result.expectedFailure ?? "")) + "</pre>\n</div>\n"
        } else if !block.options.silent {
            html += "<div class=\"output\">\n"
            for item in merged(result.items) {
                switch item {
                case .stdout(let text): html += "<pre class=\"stdout\">\(HTML.escape(trimmingFinalNewline(text)))</pre>\n"
                case .stderr(let text): html += "<pre class=\"stderr\">\(HTML.escape(trimmingFinalNewline(text)))</pre>\n"
                case .svg(let svg):
                    switch figures.value(for: svg, { Sanitizer(policy: .figure).sanitize($0) }) {
                    case .success(let figure): html += "<div class=\"figure\">\(figure)</div>\n"
                    case .failure(let refusal):
                        throw LessonError(
                            stage: .render, path: path, line: block.fenceLine, block: block.index,
                            message: "figure: \(refusal.message)")
                    }
                }
            }
            let seed = Interface.fill(ui.seedLine, ["seed": "\(result.seed)", "torch": "<code>torch.manual_seed(\(result.seed))</code>"])
            html += "<p class=\"seed\">\(seed)</p>\n"
            html += "</div>\n"
        }
        return html + "</div>\n"
    }

    /// Figures already screened: the preview re-renders an edited lesson's unchanged figures.
    private static let figures = Memo<String, Result<String, Sanitizer.Refusal>>(limit: 256)

    /// Consecutive writes to one stream read as one panel, as in a terminal.
    private static func merged(_ items: [OutputItem]) -> [OutputItem] {
        var merged: [OutputItem] = []
        for item in items {
            switch (merged.last, item) {
            case (.stdout(let a)?, .stdout(let b)): merged[merged.count - 1] = .stdout(a + b)
            case (.stderr(let a)?, .stderr(let b)): merged[merged.count - 1] = .stderr(a + b)
            case (.stdout(let a)?, _) where a.isEmpty, (.stderr(let a)?, _) where a.isEmpty:
                merged[merged.count - 1] = item
            default: merged.append(item)
            }
        }
        return merged.filter { $0 != .stdout("") && $0 != .stderr("") }
    }

    private static func trimmingFinalNewline(_ text: String) -> String {
        text.hasSuffix("\n") ? String(text.dropLast()) : text
    }
}
