/// The site's search index, built with the pages: every word of every section (headings, prose,
/// code, formulas' TeX) mapped to the sections holding it, shipped as `search-index.js`, a
/// script the pages load with `<script src>` (which works from `file://`, where `fetch` does
/// not). Chinese, Japanese and Korean text has no spaces between words, so it is indexed by
/// character bigrams (`保留概率` → `保留 留概 概率`), as `search.js` splits a query.
struct SearchIndex {
    /// The generated fallback page listing terms → sections, like a book's index.
    static let pageName = "search.html"
    /// The index as a script.
    static let scriptName = "search-index.js"

    /// A section a result lands on.
    struct Entry: Hashable {
        /// `page#id`, or `page` for the top of the page.
        var href: String
        /// The section's heading.
        var title: String
        /// The lesson's title and number: `3 · Mask shapes`.
        var lesson: String
    }

    /// Every section, in course order.
    private(set) var entries: [Entry] = []
    /// Every term, sorted, with the entries (ascending) that hold it.
    private(set) var terms: [(term: String, entries: [Int])] = []
    /// The terms of the headings: what the fallback page lists.
    private(set) var headingTerms: Set<String> = []

    init(lessons: [RenderedLesson]) {
        var postings: [String: [Int]] = [:]
        for (number, lesson) in lessons.enumerated() {
            for section in lesson.searchSections {
                let entry = entries.count
                entries.append(Entry(
                    href: HTML.link(toFile: lesson.page) + (section.id.map { "#" + $0 } ?? ""),
                    title: section.id == nil ? lesson.title : section.title, lesson: "\(number + 1) · \(lesson.title)"))
                for term in Set(Self.terms(in: section.title + "\n" + section.text)) {
                    postings[term, default: []].append(entry)
                }
                headingTerms.formUnion(Self.terms(in: section.id == nil ? lesson.title : section.title).filter { $0.count > 2 })
            }
        }
        terms = postings.keys.sorted().map { ($0, postings[$0]!) }
    }

    /// `search-index.js`: `window.droplabSearchIndex = {"entries": [[href, title, lesson], …],
    /// "stopWords": […], "terms": {"term": [entry, …], …}}`, one term a line so that a diff reads.
    /// The stop words travel with the index, so that `search.js` splits queries by these rules.
    var script: String {
        var js = "// The search index of this site, written by `lessons build` (search.js reads it).\n"
        js += "window.droplabSearchIndex = {\"entries\": [\n"
        js += entries.map { "[\(Self.quoted($0.href)), \(Self.quoted($0.title)), \(Self.quoted($0.lesson))]" }
            .joined(separator: ",\n")
        js += "\n], \"stopWords\": [\(Self.stopWords.sorted().map(Self.quoted).joined(separator: ", "))]"
        js += ", \"terms\": {\n"
        js += terms.map { "\(Self.quoted($0.term)):[\($0.entries.map(String.init).joined(separator: ","))]" }
            .joined(separator: ",\n")
        return js + "\n}};\n"
    }

    // MARK: - Terms

    /// Words too common to find anything with.
    static let stopWords: Set<String> = [
        "a", "all", "also", "an", "and", "are", "as", "at", "be", "but", "by", "can", "do", "does", "each",
        "every", "for", "from", "has", "have", "if", "in", "into", "is", "it", "its", "let", "more", "no",
        "not", "of", "on", "one", "only", "or", "so", "than", "that", "the", "then", "there", "these", "this",
        "to", "var", "was", "we", "what", "when", "where", "which", "with", "you",
    ]

    /// The terms of `text`: lower-cased runs of letters and digits (not numbers alone, not stop
    /// words, not single letters), and bigrams of CJK characters (a lone one as itself).
    /// `search.js` splits a query by the same rules.
    static func terms(in text: String) -> [String] {
        var terms: [String] = [], word = "", cjk: [Unicode.Scalar] = []
        func endWord() {
            if word.count > 1, !word.allSatisfy(\.isNumber), !stopWords.contains(word) { terms.append(word) }
            word = ""
        }
        func endCJK() {
            if cjk.count == 1 { terms.append(String(cjk[0])) }
            for i in cjk.indices.dropLast() { terms.append(String(cjk[i]) + String(cjk[i + 1])) }
            cjk = []
        }
        for scalar in text.lowercased().unicodeScalars {
            if isCJK(scalar) {
                endWord()
                cjk.append(scalar)
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                endCJK()
                word.unicodeScalars.append(scalar)
            } else {
                endWord()
                endCJK()
            }
        }
        endWord()
        endCJK()
        return terms
    }

    /// Han, kana and Hangul: the scripts written without spaces between words.
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x2FFFF:
            true
        default: false
        }
    }

    /// `text` as a JavaScript (and JSON) string literal.
    static func quoted(_ text: String) -> String {
        var literal = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": literal += "\\\""
            case "\\": literal += "\\\\"
            case "<": literal += "\\u003c"  // no `</script>` in any form
            case "\n": literal += "\\n"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                literal += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: literal.unicodeScalars.append(scalar)
            }
        }
        return literal + "\""
    }
}
