/// Keeps a translation's programs the source's: the same run blocks (options, ids, order) with
/// the same swift-syntax tokens, the same PyTorch twins apart from comments and string text, the
/// same labels; and, once both have run, the same numbers printed by every block. Each failure
/// names the translation's line and the source's.
enum DriftGuard {
    /// Every way `translation`'s programs differ from `source`'s, before anything runs.
    static func compare(_ translation: Lesson, with source: Lesson) -> [LessonError] {
        var errors: [LessonError] = []
        func fail(_ line: Int?, block: Int? = nil, _ message: String, sourceLine: Int?) {
            let there = sourceLine.map { "\(source.path):\($0)" } ?? source.path
            errors.append(LessonError(
                stage: .translate, path: translation.path, line: line, block: block, message: "\(message) (source: \(there))"))
        }
        let ours = translation.blocks, theirs = source.blocks
        let sourceTokens = theirs.map { SwiftTokens.tokens(of: $0.code) }
        for (block, original) in zip(ours, theirs) {
            let tokens = SwiftTokens.tokens(of: block.code)
            // A block that is another of the source's: the blocks were reordered.
            if tokens != sourceTokens[block.index] || block.options != original.options,
                let other = theirs.indices.first(where: {
                    $0 != block.index && sourceTokens[$0] == tokens && theirs[$0].options == block.options
                })
            {
                fail(block.fenceLine, block: block.index,
                    "this is the source's block \(other + 1); run blocks must stay in the source's order",
                    sourceLine: theirs[other].fenceLine)
                continue
            }
            if block.options != original.options {
                fail(block.fenceLine, block: block.index,
                    "`swift run \(block.options.written)` where the source has `swift run \(original.options.written)`: options and ids are the source's",
                    sourceLine: original.fenceLine)
            }
            if let (message, line, sourceLine) = firstDifference(tokens, sourceTokens[block.index]) {
                fail(block.codeLine + line - 1, block: block.index,
                    "\(message): only comments and the text of strings may be translated", sourceLine: original.codeLine + sourceLine - 1)
            }
        }
        if ours.count != theirs.count {
            let extra = ours.count > theirs.count
            fail(extra ? ours[theirs.count].fenceLine : ours.last?.fenceLine,
                "\(ours.count) run blocks where the source has \(theirs.count)" + (extra ? "; this one is extra" : ""),
                sourceLine: extra ? theirs.last?.fenceLine : theirs[ours.count].fenceLine)
        }
        let twins = translation.twins, sourceTwins = source.twins
        for (twin, original) in zip(twins, sourceTwins) {
            let seed: (Int) -> String = { "__seed_of_block_\($0)__" }
            let a = PythonTokens.tokens(of: twin.text(seedText: seed)), b = PythonTokens.tokens(of: original.text(seedText: seed))
            if let (message, line, sourceLine) = firstDifference(a, b) {
                fail(twin.line + line, "PyTorch twin: \(message): only comments and the text of strings may be translated",
                    sourceLine: original.line + sourceLine)
            }
        }
        if twins.count != sourceTwins.count {
            fail(twins.last?.line, "\(twins.count) PyTorch twins where the source has \(sourceTwins.count)", sourceLine: sourceTwins.last?.line)
        }
        // Sections correspond one to one: the same `##` and `###` headings, in the same order.
        let levels = translation.document.sections.map(\.level), sourceLevels = source.document.sections.map(\.level)
        if levels != sourceLevels {
            let at = zip(levels, sourceLevels).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset
                ?? min(levels.count, sourceLevels.count)
            let ours = at < levels.count ? translation.document.sections[at] : nil
            let theirs = at < sourceLevels.count ? source.document.sections[at] : nil
            func shown(_ section: LessonDocument.Section?) -> String {
                section.map { "\(String(repeating: "#", count: $0.level)) \($0.text)" } ?? "no heading"
            }
            fail(ours.flatMap { _ in headingLines(translation.source).dropFirst(at).first },
                "heading \(at + 1) is `\(shown(ours))` where the source's is `\(shown(theirs))`: a translation "
                    + "keeps the source's sections, one to one",
                sourceLine: theirs.flatMap { _ in headingLines(source.source).dropFirst(at).first })
        }
        let labels = translation.document.labels.map(\.key), sourceLabels = source.document.labels.map(\.key)
        if labels != sourceLabels {
            let at = zip(labels, sourceLabels).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset
                ?? min(labels.count, sourceLabels.count)
            let ours = at < labels.count ? translation.document.labels[at] : nil
            let theirs = at < sourceLabels.count ? source.document.labels[at] : nil
            fail(ours?.line, "labels differ: \(ours.map { "{#\($0.key.kind.rawValue):\($0.key.name)}" } ?? "none") where the source has "
                + (theirs.map { "{#\($0.key.kind.rawValue):\($0.key.name)}" } ?? "none"), sourceLine: theirs?.line)
        }
        return errors
    }

    /// The 1-based lines of the `##` and `###` headings of `markdown`, outside fenced code.
    static func headingLines(_ markdown: String) -> [Int] {
        var lines: [Int] = [], fence: Substring?
        for (number, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop { $0 == " " }
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
            } else if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = trimmed.prefix(3)
            } else if trimmed.hasPrefix("## ") || trimmed.hasPrefix("### ") {
                lines.append(number + 1)
            }
        }
        return lines
    }

    /// The first token that differs, in words, with its line in each.
    private static func firstDifference(_ a: [SwiftTokens.Token], _ b: [SwiftTokens.Token]) -> (String, Int, Int)? {
        for (x, y) in zip(a, b) where x.text != y.text {
            return ("`\(shown(x.text))` where the source has `\(shown(y.text))`", x.line, y.line)
        }
        if a.count > b.count { return ("`\(shown(a[b.count].text))` is not in the source", a[b.count].line, b.last?.line ?? 1) }
        if b.count > a.count { return ("the source's `\(shown(b[a.count].text))` is missing", a.last?.line ?? 1, b[a.count].line) }
        return nil
    }

    private static func shown(_ token: String) -> String {
        token == "⏎" ? "end of line" : token.hasPrefix("⇥") ? "indentation of \(token.dropFirst())" : token
    }

    /// The first block whose printed numbers differ between the two languages' runs.
    static func compareOutputs(_ translation: ExecutedLesson, with source: ExecutedLesson) -> LessonError? {
        for (index, (ours, theirs)) in zip(translation.results, source.results).enumerated() {
            let block = translation.lesson.blocks[index], original = source.lesson.blocks[index]
            guard !block.options.shouldFail else { continue }  // a diagnostic's columns move with its strings
            let a = PrintedNumbers.numbers(in: ours), b = PrintedNumbers.numbers(in: theirs)
            guard a != b else { continue }
            let message: String
            if let at = zip(a, b).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
                message = "printed \(a[at]) where the source's block printed \(b[at]) (number \(at + 1) of its output)"
            } else {
                message = "printed \(a.count) numbers where the source's block printed \(b.count)"
                    + (a.count > b.count ? "; the first extra is \(a[b.count])" : "; the first missing is \(b[a.count])")
            }
            return LessonError(
                stage: .translate, path: translation.lesson.path, line: block.fenceLine, block: index,
                message: "\(message) (source: \(source.lesson.path):\(original.fenceLine)); a translation prints the source's numbers")
        }
        return nil
    }
}

/// The numbers a block printed, in order: what must be the same in every language.
enum PrintedNumbers {
    /// Every number in the block's standard output and error (figures are not read: their
    /// layout follows the width of translated titles).
    static func numbers(in result: BlockResult) -> [String] {
        var numbers: [String] = []
        for item in result.items {
            switch item {
            case .stdout(let text), .stderr(let text): numbers += self.numbers(in: text)
            case .svg: continue
            }
        }
        return numbers
    }

    /// `-0.5`, `3`, `1e-06`, `2.5E+3`: digits with a sign, a fraction and an exponent.
    static func numbers(in text: String) -> [String] {
        let s = Array(text.unicodeScalars)
        func digit(_ i: Int) -> Bool { i < s.count && ("0"..."9").contains(s[i]) }
        var numbers: [String] = [], i = 0
        while i < s.count {
            guard digit(i) || (s[i] == "." && digit(i + 1)) else { i += 1; continue }
            var start = i
            // A minus sign, not a hyphen (`top-1`).
            if start > 0, s[start - 1] == "-", start < 2 || !(s[start - 2].properties.isAlphabetic || digit(start - 2)) { start -= 1 }
            while digit(i) { i += 1 }
            // `1.` (PyTorch's float) is 1, and a full stop after a number is not part of it.
            if i < s.count, s[i] == ".", digit(i + 1) { i += 1; while digit(i) { i += 1 } }
            if i < s.count, s[i] == "e" || s[i] == "E" {
                var j = i + 1
                if j < s.count, s[j] == "+" || s[j] == "-" { j += 1 }
                if digit(j) { i = j; while digit(i) { i += 1 } }
            }
            numbers.append(String(String.UnicodeScalarView(s[start..<i])))
        }
        return numbers
    }
}
