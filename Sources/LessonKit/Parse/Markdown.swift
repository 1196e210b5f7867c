import CCmarkGFM
import Glibc
import Synchronization

/// The only door to cmark-gfm: parses a lesson's Markdown once and hands back Swift values.
///
/// Formulas are found while cmark parses inlines (an inline extension for `$`), so code spans,
/// raw HTML and escapes keep their meaning and `_`, `*`, `\` inside a formula survive. The
/// caller decides what replaces each formula, raw HTML node, code block and heading; the body
/// comes back as HTML with numbered holes where run-time output goes.
enum Markdown {
    /// A fenced code block as cmark-gfm sees it.
    struct FencedCode: Hashable, Sendable {
        /// The info string after the opening fence (`swift run hide`).
        var info: String
        /// The code between the fences.
        var literal: String
        /// 1-based line of the opening fence.
        var line: Int
    }

    /// A heading, for anchors and the table of contents.
    struct Heading: Hashable, Sendable {
        /// 1 to 6.
        var level: Int
        /// The heading's text without markup; formulas read as their TeX.
        var text: String
        /// The heading's content rendered as HTML, without the `<hN>` element.
        var innerHTML: String
    }

    /// A `$…$` or `$$…$$` formula.
    struct Math: Hashable, Sendable {
        /// The TeX between the dollars.
        var tex: String
        /// `$$…$$`: a formula set on its own line.
        var display: Bool
        /// 1-based line of the opening dollar.
        var line: Int
        /// What `{#…}` right after a display formula says (`eq:dropout`), taken out of the text.
        var label: String? = nil
    }

    /// A paragraph that opens with `{#…}`: the caption (and label) of the block before it.
    struct Caption: Hashable, Sendable {
        /// What the braces hold (`fig:ladder`).
        var label: String
        /// The rest of the paragraph, rendered as HTML.
        var innerHTML: String
        /// 1-based line of the paragraph.
        var line: Int
        /// The block the caption follows.
        var follows: Neighbour
    }

    /// The block right before a caption.
    enum Neighbour: Hashable, Sendable {
        /// A fenced code block whose opening fence is on this line.
        case fencedCode(line: Int)
        /// A GFM table.
        case table
        /// Anything else, or nothing.
        case other
    }

    /// Where a caption's HTML goes: `opening` before the block it captions, `closing` in place
    /// of the caption paragraph (so a `<figure>` can wrap the block).
    struct CaptionPlacement {
        var opening: String
        var closing: String
    }

    /// A run of prose text (a text node, outside links and code).
    struct Text: Hashable, Sendable {
        /// The text, as the reader sees it (entities decoded).
        var text: String
        /// 1-based line.
        var line: Int
    }

    /// Raw HTML written in the lesson: a block of lines or one inline tag.
    struct RawHTML: Hashable, Sendable {
        /// The HTML as written.
        var html: String
        /// 1-based line where it starts.
        var line: Int
    }

    /// The target of a Markdown link `[text](url)`, `<url>`, or image `![alt](url)`.
    struct LinkTarget: Hashable, Sendable {
        /// The URL, entities decoded, as the page will hold it.
        var url: String
        /// An image loads its URL; a link is only followed when clicked.
        var isImage: Bool
        /// 1-based line of the link.
        var line: Int
    }

    /// What goes where a code block was.
    enum Replacement {
        /// cmark's own rendering.
        case keep
        /// This HTML, verbatim (holes made with `hole(_:)` included).
        case html(String)
    }

    /// The caller's decisions, each returning what replaces the node. They collect their own
    /// errors, so that one bad node does not hide the next.
    struct Handlers {
        /// A formula's MathML.
        var math: (Math) -> String
        /// Raw HTML as it may reach the page.
        var rawHTML: (RawHTML) -> String
        /// Sees every link and image target (cmark's own URL filter is off with raw HTML on).
        var linkTarget: (LinkTarget) -> Void
        /// What goes where a fenced code block was.
        var codeBlock: (FencedCode) -> Replacement
        /// A heading's complete element.
        var heading: (Heading) -> String
        /// A caption paragraph's HTML, around the block it captions.
        var caption: (Caption) -> CaptionPlacement
        /// Prose text as HTML, or nil to keep it as text (references become links here).
        var text: (Text) -> String?
    }

    /// A piece of the rendered body.
    enum Piece: Hashable {
        /// Finished HTML.
        case html(String)
        /// Hole `n`, numbered by the handlers that made it with `hole(_:)`.
        case hole(Int)
    }

    /// The rendered body and its first top-level paragraph's content.
    struct Parsed {
        /// The whole body, in order.
        var body: [Piece]
        /// The summary: the first paragraph that is not inside a list, quote or table.
        var firstParagraph: [Piece]?
        /// The words of the page for search: `passages[0]` is what comes before the first
        /// heading, `passages[k]` the k-th heading (any level) and what follows it up to the
        /// next one: text, code spans, code blocks and formulas' TeX.
        var passages: [String]
    }

    /// What a handler writes where hole `number` goes.
    static func hole(_ number: Int) -> String {
        String(decoding: holeOpen, as: UTF8.self) + "\(number)-->"
    }

    // GFM as GitHub renders it, plus raw HTML (which `Sanitizer` screens, so GFM's weaker tag
    // filter is off) and `style=` rather than the obsolete `align=` on table cells.
    private static let renderOptions =
        CMARK_OPT_UNSAFE | CMARK_OPT_FOOTNOTES | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES
    private static let extensionNames = ["table", "strikethrough", "autolink", "tasklist"]
    /// What a hole looks like in cmark's output: text is escaped and raw HTML is re-written by
    /// `Sanitizer` without comments, so nothing in a lesson can spell it.
    private static let holeOpen = Array("<!--droplab-hole ".utf8), holeClose = Array("-->".utf8)

    /// cmark-gfm marks its extensions' characters (`$`, `~`, …) in one process-wide table while
    /// it parses inlines and clears them after, so two parses at once spoil each other.
    private static let oneParseAtATime = Mutex(())

    /// Parses `source` (LF line endings) and renders it with `handlers`' replacements.
    static func parse(_ source: String, _ handlers: Handlers) -> Parsed {
        oneParseAtATime.withLock { _ in parseAlone(source, handlers) }
    }

    private static func parseAlone(_ source: String, _ handlers: Handlers) -> Parsed {
        cmark_gfm_core_extensions_ensure_registered()
        let collector = MathCollector()
        let math = mathExtension(collector)
        defer { cmark_syntax_extension_free(cmark_get_default_mem_allocator(), math) }
        // Source positions make inline nodes (raw HTML tags) carry their lines.
        guard let parser = cmark_parser_new(renderOptions | CMARK_OPT_SOURCEPOS) else { fatalError("cmark: out of memory") }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            guard let extensionPointer = cmark_find_syntax_extension(name) else {
                fatalError("cmark-gfm lacks the \(name) extension")
            }
            cmark_parser_attach_syntax_extension(parser, extensionPointer)
        }
        cmark_parser_attach_syntax_extension(parser, math)
        cmark_parser_feed(parser, source, source.utf8.count)
        guard let document = cmark_parser_finish(parser) else { fatalError("cmark: out of memory") }
        defer { cmark_node_free(document) }
        // One text node per run of text, so that a reference or a label is never cut in two.
        cmark_consolidate_text_nodes(document)
        let extensions = cmark_parser_get_syntax_extensions(parser)
        return render(document, collector.formulas, extensions, handlers)
    }

    // MARK: - The walk

    /// The node kinds the walk tells apart.
    private enum Kind {
        case document, paragraph, heading, codeBlock, htmlBlock, htmlInline, text, code, lineBreak, link, image
        case table, other

        init(_ node: OpaquePointer) {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_DOCUMENT: self = .document
            case CMARK_NODE_PARAGRAPH: self = .paragraph
            case CMARK_NODE_HEADING: self = .heading
            case CMARK_NODE_CODE_BLOCK: self = .codeBlock
            case CMARK_NODE_HTML_BLOCK: self = .htmlBlock
            case CMARK_NODE_HTML_INLINE: self = .htmlInline
            case CMARK_NODE_TEXT: self = .text
            case CMARK_NODE_CODE: self = .code
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: self = .lineBreak
            case CMARK_NODE_LINK: self = .link
            case CMARK_NODE_IMAGE: self = .image
            default:
                let name = cmark_node_get_type_string(node).map { String(cString: $0) }
                self = name == "table" ? .table : .other
            }
        }
    }

    private static func render(
        _ document: OpaquePointer, _ formulas: [OpaquePointer: (math: Math, order: Int)],
        _ extensions: UnsafeMutablePointer<cmark_llist>?, _ handlers: Handlers
    ) -> Parsed {
        // The walk only collects: the tree must not change under the iterator.
        var raw: [OpaquePointer] = [], codeBlocks: [OpaquePointer] = [], headings: [OpaquePointer] = []
        var texts: [OpaquePointer] = [], captions: [(node: OpaquePointer, follows: Neighbour)] = []
        var firstParagraph: OpaquePointer?
        var passages = [""]
        forEachNode(in: document) { node in
            // A space at every node, so that words of two paragraphs or table cells stay apart.
            passages[passages.count - 1] += " "
            switch Kind(node) {
            case .htmlBlock: raw.append(node)
            case .htmlInline where formulas[node] == nil: raw.append(node)
            case .htmlInline: passages[passages.count - 1] += " " + (formulas[node]?.math.tex ?? "")
            case .codeBlock:
                if isFenced(node) { codeBlocks.append(node) }
                passages[passages.count - 1] += "\n" + literal(node)
            case .heading:
                headings.append(node)
                passages.append("")
            case .text:
                passages[passages.count - 1] += literal(node)
                if !isInsideLink(node) { texts.append(node) }
            case .code: passages[passages.count - 1] += literal(node)
            case .link, .image:
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                handlers.linkTarget(LinkTarget(url: url, isImage: Kind(node) == .image, line: line(of: node)))
            case .paragraph:
                if let first = cmark_node_first_child(node), Kind(first) == .text, literal(first).hasPrefix("{#") {
                    captions.append((node, neighbour(before: node)))
                } else if firstParagraph == nil && Kind(cmark_node_parent(node)) == .document {
                    firstParagraph = node
                }
            default: break
            }
        }
        // Inlines first: headings and the summary are rendered with their formulas in place.
        for node in formulas.keys.sorted(by: { formulas[$0]!.order < formulas[$1]!.order }) {
            var formula = formulas[node]!.math
            if formula.display, let next = cmark_node_next(node), Kind(next) == .text,
                let (label, rest) = leadingLabel(literal(next))
            {
                formula.label = label
                cmark_node_set_literal(next, String(rest))
            }
            cmark_node_set_literal(node, handlers.math(formula))
        }
        for node in raw {
            cmark_node_set_literal(node, handlers.rawHTML(RawHTML(html: literal(node), line: line(of: node))))
        }
        // A caption's label is not prose: it leaves the text before the text is read.
        var captionLabels: [OpaquePointer: String] = [:]
        for (node, _) in captions {
            let first = cmark_node_first_child(node)!
            if let (label, rest) = leadingLabel(literal(first)) {
                captionLabels[node] = label
                cmark_node_set_literal(first, String(rest))
            }
        }
        // Headings' plain text before references in them become HTML (the contents lists them).
        let headingTexts = headings.map { plainText(of: $0, formulas) }
        for node in texts {
            let text = literal(node)
            guard let html = handlers.text(Text(text: text, line: line(of: node))),
                let inline = cmark_node_new(CMARK_NODE_HTML_INLINE)
            else { continue }
            cmark_node_set_literal(inline, html)
            cmark_node_replace(node, inline)
            cmark_node_free(node)
        }
        let firstParagraphHTML = firstParagraph.map { stripElement(html(of: $0, extensions), tag: "p") }

        var replacements: [(node: OpaquePointer, html: String)] = []
        for node in codeBlocks {
            let code = FencedCode(
                info: String(cString: cmark_node_get_fence_info(node)), literal: literal(node),
                line: Int(cmark_node_get_start_line(node)))
            switch handlers.codeBlock(code) {
            case .keep: continue
            case .html(let html): replacements.append((node, html + "\n"))
            }
        }
        // Captions after code blocks, so that a run block's caption finds its block.
        var openings: [(before: OpaquePointer, html: String)] = []
        for (node, follows) in captions {
            let caption = Caption(
                label: captionLabels[node] ?? "", innerHTML: stripElement(html(of: node, extensions), tag: "p"),
                line: line(of: node), follows: follows)
            let placement = handlers.caption(caption)
            if let previous = cmark_node_previous(node), !placement.opening.isEmpty {
                openings.append((previous, placement.opening + "\n"))
            }
            replacements.append((node, placement.closing + "\n"))
        }
        // Code blocks before headings, so that headings know every run block's anchor.
        for (node, text) in zip(headings, headingTexts) {
            let level = Int(cmark_node_get_heading_level(node))
            let heading = Heading(
                level: level, text: text,
                innerHTML: stripElement(html(of: node, extensions), tag: "h\(level)"))
            replacements.append((node, handlers.heading(heading) + "\n"))
        }
        // Each replacement is an HTML block of its own line, ending in an empty line as the
        // pages always have. Openings go in first, while the blocks they precede still exist.
        for (node, html) in openings {
            guard let block = cmark_node_new(CMARK_NODE_HTML_BLOCK) else { fatalError("cmark: out of memory") }
            cmark_node_set_literal(block, html)
            cmark_node_insert_before(node, block)
        }
        for (node, html) in replacements {
            guard let block = cmark_node_new(CMARK_NODE_HTML_BLOCK) else { fatalError("cmark: out of memory") }
            cmark_node_set_literal(block, html)
            cmark_node_replace(node, block)
            cmark_node_free(node)
        }
        return Parsed(
            body: pieces(of: html(of: document, extensions)), firstParagraph: firstParagraphHTML.map(pieces(of:)),
            passages: passages)
    }

    /// `{#…}` at the start of `text` (after spaces): what the braces hold and the text after.
    private static func leadingLabel(_ text: String) -> (String, Substring)? {
        let trimmed = text.drop { $0 == " " }
        guard trimmed.hasPrefix("{#"), let close = trimmed.firstIndex(of: "}") else { return nil }
        let label = trimmed[trimmed.index(trimmed.startIndex, offsetBy: 2)..<close]
        return (String(label), trimmed[trimmed.index(after: close)...].drop { $0 == " " })
    }

    /// What kind of block comes right before `node`.
    private static func neighbour(before node: OpaquePointer) -> Neighbour {
        guard let previous = cmark_node_previous(node) else { return .other }
        switch Kind(previous) {
        case .codeBlock where isFenced(previous): return .fencedCode(line: Int(cmark_node_get_start_line(previous)))
        case .table: return .table
        default: return .other
        }
    }

    private static func isInsideLink(_ node: OpaquePointer) -> Bool {
        var current = cmark_node_parent(node)
        while let n = current {
            if Kind(n) == .link || Kind(n) == .image { return true }
            current = cmark_node_parent(n)
        }
        return false
    }

    /// `html` cut at its holes, in one pass.
    private static func pieces(of html: String) -> [Piece] {
        let bytes = Array(html.utf8)
        var pieces: [Piece] = []
        var copied = 0, i = 0
        while i + holeOpen.count <= bytes.count {
            guard bytes[i] == holeOpen[0], bytes[i..<i + holeOpen.count].elementsEqual(holeOpen) else {
                i += 1
                continue
            }
            var j = i + holeOpen.count, number = 0
            while j < bytes.count, (48...57).contains(bytes[j]) { number = number * 10 + Int(bytes[j] - 48); j += 1 }
            precondition(bytes[j...].starts(with: holeClose), "a hole is only ever written by `render`")
            if copied < i { pieces.append(.html(String(decoding: bytes[copied..<i], as: UTF8.self))) }
            pieces.append(.hole(number))
            i = j + holeClose.count
            copied = i
        }
        if copied < bytes.count { pieces.append(.html(String(decoding: bytes[copied...], as: UTF8.self))) }
        return pieces
    }

    // MARK: - Helpers

    /// Calls `visit` on `root` and every node below it, in document order (no recursion, so
    /// a 10,000-deep list is no danger).
    private static func forEachNode(in root: OpaquePointer, _ visit: (OpaquePointer) -> Void) {
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) { visit(node) }
        }
    }

    private static func isFenced(_ node: OpaquePointer) -> Bool {
        var length: Int32 = 0, offset: Int32 = 0, fenceChar: Int8 = 0
        return cmark_node_get_fenced(node, &length, &offset, &fenceChar) != 0
    }

    private static func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    /// The node's line, else its closest block's (inline nodes made by extensions have none).
    private static func line(of node: OpaquePointer) -> Int {
        var current: OpaquePointer? = node
        while let n = current {
            let line = Int(cmark_node_get_start_line(n))
            if line > 0 { return line }
            current = cmark_node_parent(n)
        }
        return 1
    }

    private static func html(of node: OpaquePointer, _ extensions: UnsafeMutablePointer<cmark_llist>?) -> String {
        guard let pointer = cmark_render_html(node, renderOptions, extensions) else { fatalError("cmark: out of memory") }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// `<p>inner</p>\n` → `inner`.
    private static func stripElement(_ html: String, tag: String) -> String {
        var inner = Substring(html)
        if inner.hasSuffix("\n") { inner = inner.dropLast() }
        if inner.hasPrefix("<\(tag)>") { inner = inner.dropFirst(tag.count + 2) }
        if inner.hasSuffix("</\(tag)>") { inner = inner.dropLast(tag.count + 3) }
        return String(inner)
    }

    /// The text a reader sees in `node`, with line breaks as spaces and formulas as their TeX.
    private static func plainText(of node: OpaquePointer, _ formulas: [OpaquePointer: (math: Math, order: Int)]) -> String {
        var text = ""
        forEachNode(in: node) { child in
            switch Kind(child) {
            case .text, .code: text += literal(child)
            case .lineBreak: text += " "
            case .htmlInline: if let formula = formulas[child] { text += formula.math.tex }
            default: break
            }
        }
        return text
    }

    // MARK: - The `$` extension

    /// Formulas found while parsing, by the node standing for each.
    private final class MathCollector {
        /// Each formula with its position among the formulas, in document order.
        var formulas: [OpaquePointer: (math: Math, order: Int)] = [:]
        /// Where the last formula was, so that counting lines stays linear in the paragraph.
        var last: (parent: OpaquePointer, offset: Int, line: Int)?
    }

    /// A fresh inline extension for `$`, reporting to `collector` (which it keeps alive).
    private static func mathExtension(_ collector: MathCollector) -> OpaquePointer {
        guard let math = cmark_syntax_extension_new("droplab-math") else { fatalError("cmark: out of memory") }
        let dollar = UnsafeMutableRawPointer(bitPattern: UInt(UInt8(ascii: "$")))
        cmark_syntax_extension_set_special_inline_chars(
            math, cmark_llist_append(cmark_get_default_mem_allocator(), nil, dollar))
        cmark_syntax_extension_set_private(math, Unmanaged.passRetained(collector).toOpaque()) { _, pointer in
            if let pointer { Unmanaged<MathCollector>.fromOpaque(pointer).release() }
        }
        // cmark offers every inline that is not its own to every extension, whatever its character.
        cmark_syntax_extension_set_match_inline_func(math) { math, _, parent, character, inline in
            guard character == UInt8(ascii: "$"), let math, let parent, let inline,
                let context = cmark_syntax_extension_get_private(math)
            else {
                return nil
            }
            let collector = Unmanaged<MathCollector>.fromOpaque(context).takeUnretainedValue()
            let start = Int(cmark_inline_parser_get_offset(inline))
            func byte(_ i: Int) -> UInt8? {
                cmark_inline_parser_set_offset(inline, Int32(i))
                return cmark_inline_parser_is_eof(inline) != 0 ? nil : cmark_inline_parser_peek_char(inline)
            }
            switch DollarMath.match(at: start, byte: byte) {
            case .literal(count: 1):
                cmark_inline_parser_set_offset(inline, Int32(start))
                return nil  // cmark keeps the `$` as text
            case .literal(let count):
                cmark_inline_parser_set_offset(inline, Int32(start + count))
                let text = cmark_node_new(CMARK_NODE_TEXT)
                cmark_node_set_literal(text, String(repeating: "$", count: count))
                return text
            case .formula(let tex, let display, let end):
                var from = 0, line = Int(cmark_node_get_start_line(parent))
                if let last = collector.last, last.parent == parent { (from, line) = (last.offset, last.line) }
                for i in from..<start where byte(i) == UInt8(ascii: "\n") { line += 1 }
                collector.last = (parent, start, line)
                let bytes = tex.map { byte($0)! }
                cmark_inline_parser_set_offset(inline, Int32(end))
                guard let node = cmark_node_new(CMARK_NODE_HTML_INLINE) else { return nil }
                collector.formulas[node] = (
                    Math(tex: String(decoding: bytes, as: UTF8.self), display: display, line: line),
                    collector.formulas.count)
                return node
            }
        }
        return math
    }
}
