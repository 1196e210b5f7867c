/// Gives headings stable, unique `id`s: `## Why scale by 1/(1-p)?` → `why-scale-by-11-p`;
/// letters of every script are kept, so a Chinese heading has a Chinese id.
struct Slugger {
    private var used: [String: Int] = [:]

    /// Reserves ids the page uses for other things, so that no heading takes them.
    init(reserving reserved: [String] = []) {
        for id in reserved { used[id] = 0 }
    }

    /// The id for a heading reading `text`: lower-cased letters and digits joined by `-`,
    /// with `-1`, `-2`, … added when an earlier heading took it.
    mutating func slug(for text: String) -> String {
        var slug = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                slug.append(character)
            } else if character == " " || character == "-" || character == "_" || Self.isCJKPunctuation(character),
                !slug.hasSuffix("-")
            {
                slug.append("-")
            }
        }
        while slug.hasPrefix("-") { slug.removeFirst() }
        while slug.hasSuffix("-") { slug.removeLast() }
        if slug.isEmpty { slug = "section" }
        var candidate = slug
        while let count = used[candidate] {
            used[candidate] = count + 1
            candidate = "\(slug)-\(count + 1)"
        }
        used[candidate] = 0
        return candidate
    }

    /// `，。：？（）、「」` and the ideographic space separate words in a Chinese heading, which
    /// keeps its characters (`## 为什么要除以（1-p）？` → `为什么要除以-1-p`).
    private static func isCJKPunctuation(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy { (0x3000...0x303F).contains($0.value) || (0xFF00...0xFF65).contains($0.value) }
    }
}
