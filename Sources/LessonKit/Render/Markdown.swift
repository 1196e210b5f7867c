import CCmarkGFM

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

    /// Every fenced code block of `source`, in document order (including those nested in
    /// lists and block quotes).
    static func fencedCodeBlocks(in source: String) -> [FencedCode] {
        let options = CMARK_OPT_DEFAULT
        guard let document = cmark_parse_document(source, source.utf8.count, options) else {
            return []
        }
        defer { cmark_node_free(document) }
        var blocks: [FencedCode] = []
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        var length: Int32 = 0, offset: Int32 = 0, fenceChar: Int8 = 0
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK,
                cmark_node_get_fenced(node, &length, &offset, &fenceChar) != 0
            else { continue }
            blocks.append(
                FencedCode(
                    info: String(cString: cmark_node_get_fence_info(node)),
                    literal: String(cString: cmark_node_get_literal(node)),
                    line: Int(cmark_node_get_start_line(node))))
        }
        return blocks
    }
}
