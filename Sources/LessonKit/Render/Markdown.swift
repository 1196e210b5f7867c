import CCmarkGFM
import Glibc

/// The only door to cmark-gfm: parses Markdown and hands back Swift values.
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
        /// The heading's text without markup.
        var text: String
        /// The heading's content rendered as HTML, without the `<hN>` element.
        var innerHTML: String
    }

    /// A lesson body rendered to HTML, with what the pages need to know about it.
    struct Rendered: Sendable {
        /// The body's HTML, code blocks and headings already replaced.
        var html: String
        /// Every heading, in document order.
        var headings: [Heading]
        /// The content of the first paragraph, as HTML (the lesson's one-line summary).
        var firstParagraphHTML: String?
    }

    // GFM as GitHub renders it, plus raw HTML (which the tag filter then screens) and
    // `style=` rather than the obsolete `align=` on table cells.
    private static let renderOptions =
        CMARK_OPT_UNSAFE | CMARK_OPT_FOOTNOTES | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES
    private static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// Every fenced code block of `source`, in document order (including those nested in
    /// lists and block quotes). Parsed exactly as `render` parses, so both agree on lines.
    static func fencedCodeBlocks(in source: String) -> [FencedCode] {
        withDocument(source) { document, _ in
            var blocks: [FencedCode] = []
            forEachNode(in: document) { node in
                if let code = fencedCode(node) { blocks.append(code) }
            }
            return blocks
        }
    }

    /// The 1-based line ranges of blocks whose text Markdown leaves verbatim (code and raw
    /// HTML blocks): math must not be looked for there.
    static func verbatimLineRanges(in source: String) -> [ClosedRange<Int>] {
        withDocument(source) { document, _ in
            var ranges: [ClosedRange<Int>] = []
            forEachNode(in: document) { node in
                let type = cmark_node_get_type(node)
                guard type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_HTML_BLOCK else { return }
                let start = Int(cmark_node_get_start_line(node))
                ranges.append(start...max(start, Int(cmark_node_get_end_line(node))))
            }
            return ranges
        }
    }

    /// Renders `source` as GitHub-flavoured HTML.
    ///
    /// `codeBlock` may replace a fenced code block's HTML (return `nil` to keep cmark's);
    /// `heading` writes each heading's complete element. Both run in document order.
    static func render<E: Error>(
        _ source: String,
        codeBlock: (FencedCode) throws(E) -> String?,
        heading: (Heading) -> String
    ) throws(E) -> Rendered {
        try withDocument(source) { (document, extensions) throws(E) -> Rendered in
            try render(document, extensions: extensions, codeBlock: codeBlock, heading: heading)
        }
    }

    /// Parses `source` with GFM's extensions and hands the document to `body`; frees both after.
    private static func withDocument<R, E: Error>(
        _ source: String,
        _ body: (OpaquePointer, UnsafeMutablePointer<cmark_llist>?) throws(E) -> R
    ) throws(E) -> R {
        cmark_gfm_core_extensions_ensure_registered()
        guard let parser = cmark_parser_new(renderOptions) else { fatalError("cmark: out of memory") }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            guard let extensionPointer = cmark_find_syntax_extension(name) else {
                fatalError("cmark-gfm lacks the \(name) extension")
            }
            cmark_parser_attach_syntax_extension(parser, extensionPointer)
        }
        cmark_parser_feed(parser, source, source.utf8.count)
        guard let document = cmark_parser_finish(parser) else { fatalError("cmark: out of memory") }
        defer { cmark_node_free(document) }
        return try body(document, cmark_parser_get_syntax_extensions(parser))
    }

    /// Calls `visit` on `root` and every node below it, in document order.
    private static func forEachNode<E: Error>(
        in root: OpaquePointer, _ visit: (OpaquePointer) throws(E) -> Void
    ) throws(E) {
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) { try visit(node) }
        }
    }

    /// `node` as a fenced code block, or nil if it is not one.
    private static func fencedCode(_ node: OpaquePointer) -> FencedCode? {
        var length: Int32 = 0, offset: Int32 = 0, fenceChar: Int8 = 0
        guard cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK,
            cmark_node_get_fenced(node, &length, &offset, &fenceChar) != 0
        else { return nil }
        return FencedCode(
            info: String(cString: cmark_node_get_fence_info(node)),
            literal: String(cString: cmark_node_get_literal(node)),
            line: Int(cmark_node_get_start_line(node)))
    }

    private static func render<E: Error>(
        _ document: OpaquePointer, extensions: UnsafeMutablePointer<cmark_llist>?,
        codeBlock: (FencedCode) throws(E) -> String?,
        heading: (Heading) -> String
    ) throws(E) -> Rendered {
        // Replacements are collected first and spliced in after the walk, which must not see
        // the tree change under it. Each becomes an HTML block holding a token that is swapped
        // for the real HTML after rendering, so that the tag filter never sees our own HTML.
        var replacements: [(node: OpaquePointer, html: String)] = []
        var firstParagraphHTML: String?
        var headings: [Heading] = []
        try forEachNode(in: document) { (node) throws(E) in
            let type = cmark_node_get_type(node)
            if let code = fencedCode(node) {
                if let html = try codeBlock(code) { replacements.append((node, html)) }
            } else if type == CMARK_NODE_HEADING {
                let level = Int(cmark_node_get_heading_level(node))
                let element = html(of: node, extensions: extensions)
                let found = Heading(
                    level: level, text: plainText(of: node),
                    innerHTML: stripElement(element, tag: "h\(level)"))
                headings.append(found)
                replacements.append((node, heading(found)))
            } else if type == CMARK_NODE_PARAGRAPH, firstParagraphHTML == nil,
                cmark_node_get_type(cmark_node_parent(node)) == CMARK_NODE_DOCUMENT
            {
                firstParagraphHTML = stripElement(html(of: node, extensions: extensions), tag: "p")
            }
        }

        for (index, replacement) in replacements.enumerated() {
            guard let block = cmark_node_new(CMARK_NODE_HTML_BLOCK) else { fatalError("cmark: out of memory") }
            cmark_node_set_literal(block, Placeholder.block.token(index) + "\n")
            cmark_node_replace(replacement.node, block)
            cmark_node_free(replacement.node)
        }
        let body = Placeholder.block.substitute(in: html(of: document, extensions: extensions)) {
            replacements[$0].html
        }
        return Rendered(html: body, headings: headings, firstParagraphHTML: firstParagraphHTML)
    }

    private static func html(of node: OpaquePointer, extensions: UnsafeMutablePointer<cmark_llist>?)
        -> String
    {
        guard let pointer = cmark_render_html(node, renderOptions, extensions) else {
            fatalError("cmark: out of memory")
        }
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

    /// The text a reader sees in `node`, with line breaks as spaces.
    private static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        forEachNode(in: node) { child in
            let type = cmark_node_get_type(child)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
                text += String(cString: cmark_node_get_literal(child))
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text += " "
            }
        }
        return text
    }
}
