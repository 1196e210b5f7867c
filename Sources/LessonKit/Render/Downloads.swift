import Foundation

/// A lesson to take away, written beside its page into `downloads/`: its Swift program (the
/// blocks in order, each seeded as on the page, from the same `ProgramBuilder` the engine runs)
/// and its PyTorch twins as one Python script and as a Jupyter notebook (nbformat 4, no
/// outputs), every `{{seed}}` filled in as the page shows it.
enum Downloads {
    /// The folder in the site.
    static let folder = "downloads"

    /// How to run the Swift program from a Droplab checkout, after `swift build`.
    /// `site` is the folder of the page's language in `Site/` (`zh/`, or empty for the source's).
    static func swiftCommand(_ file: String, site: String = "") -> String {
        "swift -swift-version 5 -module-name lesson -I .build/debug/Modules -L .build/debug -lLessonRuntime Site/\(site)\(file)"
    }

    /// The lesson's files to take away: a Swift program if it has run blocks, a script and a
    /// notebook if it has PyTorch twins.
    static func files(for executed: ExecutedLesson, title: String, context: SiteContext, site: String = "") throws(LessonError)
        -> [SiteFile]
    {
        let lesson = executed.lesson
        var files: [SiteFile] = []
        let seeds = executed.results.map(\.seed)
        if !lesson.blocks.isEmpty {
            let path = "\(folder)/\(lesson.stem).swift"
            var header = "// \(lesson.stem).swift: the run blocks of \"\(title)\" (\(lesson.path)), in order, each\n"
            header += "// seeded as on the page (built with --seed \(context.seed)). From a Droplab checkout, after `swift build`:\n"
            header += "//   \(swiftCommand(path, site: site))\n"
            header += "// Another seed: change the manualSeed(…) numbers, or rebuild with `lessons build --seed N`.\n"
            files.append(SiteFile(
                path: path, text: header + (try ProgramBuilder.source(for: lesson, seeds: seeds, standalone: true))))
        }
        let twins = lesson.twins
        guard !twins.isEmpty else { return files }
        let codes = twins.map { $0.text { seeds[$0] } }
        let intro = "The PyTorch twins of \"\(title)\" (\(lesson.path)), in page order, seeded as the page "
            + "shows them (built with --seed \(context.seed)); each prints what the Swift block above it on the page prints."
        var script = "# \(lesson.stem).py: " + intro + "\n# Run: python3 \(lesson.stem).py (needs torch, and timm where imported)\n"
        for (twin, code) in zip(twins, codes) {
            script += "\n# %% twin of \(lesson.path):\(twin.line)\n" + code
        }
        files.append(SiteFile(path: "\(folder)/\(lesson.stem).py", text: script))
        files.append(SiteFile(path: "\(folder)/\(lesson.stem).ipynb", text: notebook(intro: intro, twins: twins, codes: codes, lesson: lesson)))
        return files
    }

    /// The twins as notebook cells, nbformat 4.5 (cell ids numbered, so rebuilds are identical).
    private static func notebook(intro: String, twins: [SeededCode], codes: [String], lesson: Lesson) -> String {
        var cells = [Notebook.Cell(id: "intro", cellType: "markdown", source: lines(intro))]
        for (number, (twin, code)) in zip(twins, codes).enumerated() {
            cells.append(.init(id: "where-\(number + 1)", cellType: "markdown", source: ["Twin of `\(lesson.path):\(twin.line)`"]))
            cells.append(.init(id: "twin-\(number + 1)", cellType: "code", source: lines(code), outputs: []))
        }
        let book = Notebook(cells: cells)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(book)) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// A notebook's `source`: lines, each but the last ending in a newline.
    private static func lines(_ text: String) -> [String] {
        var text = Substring(text)
        while text.hasSuffix("\n") { text = text.dropLast() }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return lines.enumerated().map { $0.offset < lines.count - 1 ? $0.element + "\n" : $0.element }
    }

    /// The links under a lesson's article, or nothing when it has nothing to take away.
    static func aside(_ paths: [String], _ ui: Interface = .english, site: String = "") -> String {
        guard !paths.isEmpty else { return "" }
        var html = "<aside class=\"downloads\" aria-label=\"\(HTML.escape(ui.downloadsLabel))\">\n<p class=\"nav-title\">\(HTML.escape(ui.downloadsTitle))</p>\n<ul>\n"
        for path in paths {
            let kind = HTML.escape(path.hasSuffix(".swift") ? ui.swiftProgram : path.hasSuffix(".py") ? ui.pytorchScript : ui.notebook)
            let file = String(path.dropFirst(folder.count + 1))
            html += "<li><a href=\"\(folder)/\(HTML.link(toFile: file))\" download>\(kind)</a> <code>\(HTML.escape(file))</code></li>\n"
        }
        html += "</ul>\n"
        if let swift = paths.first(where: { $0.hasSuffix(".swift") }) {
            let run = Interface.fill(ui.downloadsRun, [
                "build": "<code>swift build</code>", "command": "<code>\(HTML.escape(swiftCommand(swift, site: site)))</code>",
            ])
            html += "<p>\(run)</p>\n"
        }
        return html + "</aside>\n"
    }
}

/// The parts of a Jupyter notebook (nbformat 4.5) that `Downloads` writes.
private struct Notebook: Encodable {
    struct Cell: Encodable {
        var id: String
        var cellType: String
        var source: [String]
        /// Only code cells have outputs (always none).
        var outputs: [String]? = nil

        enum CodingKeys: String, CodingKey {
            case id, metadata, source, outputs
            case cellType = "cell_type", executionCount = "execution_count"
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(cellType, forKey: .cellType)
            try container.encode([String: String](), forKey: .metadata)
            try container.encode(source, forKey: .source)
            // A code cell has an execution count (null: never run) and outputs (none).
            if let outputs {
                try container.encodeNil(forKey: .executionCount)
                try container.encode(outputs, forKey: .outputs)
            }
        }
    }

    struct Metadata: Encodable {
        struct Kernel: Encodable {
            var name = "python3", display_name = "Python 3", language = "python"
        }
        struct Language: Encodable { var name = "python" }
        var kernelspec = Kernel()
        var language_info = Language()
    }

    var cells: [Cell]
    var metadata = Metadata()
    var nbformat = 4
    var nbformat_minor = 5
}
