import Foundation
import Testing

@testable import LessonKit

/// Known cross-site-scripting vectors (`Fixtures/XSS/vectors.txt`, one per line), written as a
/// lesson's raw HTML block and inline in a paragraph: each is refused at its line, or the page
/// it makes holds no script, no event handler and no remote load.
@Suite struct XSSCorpusTests {
    static let vectors: [String] = {
        let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
            .appendingPathComponent("XSS/vectors.txt")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }()

    @Test func theCorpusIsLarge() {
        #expect(Self.vectors.count >= 40)
    }

    @Test(arguments: vectors)
    func asABlock(vector: String) {
        check("# XSS\n\n\(vector)\n\nAfter.\n", vector: vector)
    }

    @Test(arguments: vectors)
    func inline(vector: String) {
        check("# XSS\n\nBefore \(vector) after.\n", vector: vector)
    }

    private func check(_ lesson: String, vector: String) {
        do {
            let html = try ParsedPage.body(lesson)
            #expect(Self.dangers(in: html).isEmpty, "\(vector) → \(html)")
        } catch {
            let errors = (error as? LessonFailures)?.errors ?? []
            #expect(!errors.isEmpty && errors.allSatisfy { $0.line == 3 && $0.stage == .parse }, "\(error)")
        }
    }

    /// What in `html`'s tags could run script or load from the network. Text is escaped, so
    /// every `<` in the output opens a real tag; our tags always quote and escape their values.
    static func dangers(in html: String) -> [String] {
        let forbidden: Set<String> = [
            "script", "iframe", "frame", "object", "embed", "applet", "form", "button", "input", "meta",
            "base", "link", "style", "svg", "math", "template", "noscript", "textarea", "xmp", "video",
            "audio", "source", "picture", "body", "isindex", "marquee", "image", "use", "foreignobject",
        ]
        var found: [String] = []
        for tag in html.matches(of: /<\/?([A-Za-z][^\s\/>]*)([^>]*)>/) {
            let name = tag.1.lowercased(), attributes = String(tag.2).lowercased()
            if forbidden.contains(name) { found.append("<\(name)>") }
            if attributes.contains(/(^|[\s"'\/])on[a-z]+\s*=/) { found.append("handler in <\(name)\(attributes)>") }
            if attributes.contains(/(javascript|vbscript|data)\s*:/) { found.append("script URL in <\(name)\(attributes)>") }
            if attributes.contains(/(src|srcset|background|action|data|poster)\s*=\s*"?\s*(https?:|\/\/|\\\\)/) {
                found.append("remote load in <\(name)\(attributes)>")
            }
            if attributes.contains("url(") || attributes.contains("@import") { found.append("CSS load in <\(name)\(attributes)>") }
        }
        return found
    }
}
