/// Screens HTML that the site did not write (a lesson's raw HTML, a figure's SVG) against an
/// allow-list, so that pages keep their promise: no script, no handler, no network load.
///
/// It reads the markup the way a browser's tokenizer does (`<img/src/onerror=…>` has an
/// `onerror`), refuses anything outside `policy` with a reason, and writes back what it read
/// in one canonical spelling, so the browser cannot read it differently. Comments are dropped:
/// they are invisible by their author's intent.
struct Sanitizer {
    /// Why some markup was refused, and where.
    struct Refusal: Error, Hashable {
        /// Lines into the markup (0 for its first line).
        var lineOffset: Int
        /// What is wrong and what to write instead.
        var message: String
    }

    let policy: SanitizerPolicy

    /// `html` re-written from what it means, or the first reason to refuse it.
    func sanitize(_ html: String) -> Result<String, Refusal> {
        var reader = Reader(bytes: Array(html.utf8))
        var output: [UInt8] = []
        output.reserveCapacity(reader.bytes.count)
        var open: [String] = []  // elements open, for policies that want one balanced root
        do throws(Refusal) {
            while let byte = reader.peek() {
                guard byte == lt else {
                    if policy.singleRoot, open.isEmpty, !Reader.isSpace(byte) {
                        throw reader.refusal("text outside the <\(policy.root)> element")
                    }
                    output.append(byte)
                    reader.index += 1
                    continue
                }
                switch reader.peek(1) {
                case let next? where Reader.isLetter(next):
                    let tag = try reader.startTag()
                    try check(tag, reader, open: open)
                    output += serialize(tag).utf8
                    if policy.singleRoot, !tag.selfClosing { open.append(tag.name.lowercased()) }
                case UInt8(ascii: "/") where reader.peek(2).map(Reader.isLetter) ?? false:
                    let name = try reader.endTag()
                    guard policy.allows(element: name) else { throw reader.refusal(policy.refusal(element: name)) }
                    if policy.singleRoot {
                        guard open.last == name.lowercased() else { throw reader.refusal("</\(name)> closes nothing open") }
                        open.removeLast()
                    }
                    output += "</\(policy.keepsCase ? name : name.lowercased())>".utf8
                case UInt8(ascii: "!") where reader.starts(with: "<!--"):
                    try reader.skipComment()
                case UInt8(ascii: "!"), UInt8(ascii: "?"):
                    throw reader.refusal("declarations, CDATA and processing instructions are not allowed")
                default:
                    output += "&lt;".utf8  // a `<` that starts no tag is text
                    reader.index += 1
                }
            }
            if policy.singleRoot, let unclosed = open.last { throw reader.refusal("<\(unclosed)> is never closed") }
        } catch {
            return .failure(error)
        }
        return .success(String(decoding: output, as: UTF8.self))
    }

    private func check(_ tag: Reader.Tag, _ reader: Reader, open: [String]) throws(Refusal) {
        let element = tag.name.lowercased()
        guard policy.allows(element: element) else { throw reader.refusal(policy.refusal(element: element)) }
        if policy.singleRoot, open.isEmpty != (element == policy.root) {
            throw reader.refusal("one <\(policy.root)> element must hold everything")
        }
        var seen = Set<String>()
        for attribute in tag.attributes {
            let name = attribute.name.lowercased()
            guard seen.insert(name).inserted else { throw reader.refusal("attribute \(name) is written twice") }
            if let problem = policy.problem(attribute: name, value: attribute.value, on: element) {
                throw reader.refusal("<\(element) \(name)>: \(problem)")
            }
        }
    }

    private func serialize(_ tag: Reader.Tag) -> String {
        var html = "<" + (policy.keepsCase ? tag.name : tag.name.lowercased())
        for attribute in tag.attributes {
            html += " " + (policy.keepsCase ? attribute.name : attribute.name.lowercased())
            if let value = attribute.value { html += "=\"" + HTML.escape(value) + "\"" }
        }
        return html + (tag.selfClosing ? "/>" : ">")
    }

    private let lt = UInt8(ascii: "<")
}
