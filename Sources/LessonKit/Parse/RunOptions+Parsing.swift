extension RunOptions {
    /// The longest `timeout=` a block may ask for: a day.
    static let maximumTimeout: Double = 86_400

    /// Reads the words after `swift run`, or says what is wrong with them.
    init(parsing words: some Sequence<Substring>) throws(OptionError) {
        self.init()
        for word in words {
            let (key, value) = word.firstIndex(of: "=").map {
                (word[..<$0], Optional(String(word[word.index(after: $0)...])))
            } ?? (word, nil)
            switch (key, value) {
            case ("hide", nil): hide = true
            case ("silent", nil): silent = true
            case ("should-fail", nil): shouldFail = true
            case ("id", let name?):
                // The name is a seed identity, never a position like `#3`.
                guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) })
                else { throw OptionError("id=\(name): a name is letters, digits, '-', '_' or '.'") }
                id = name
            case ("timeout", let seconds?):
                guard let limit = Double(seconds), limit > 0, limit.isFinite else {
                    throw OptionError("timeout=\(seconds): expected a positive number of seconds")
                }
                guard limit <= Self.maximumTimeout else {
                    throw OptionError("timeout=\(seconds): at most \(Int(Self.maximumTimeout)) seconds (a day)")
                }
                timeout = limit
            case ("hide", _), ("silent", _), ("should-fail", _):
                throw OptionError("option '\(key)' takes no value")
            case ("id", nil), ("timeout", nil):
                throw OptionError("option '\(key)' needs a value: \(key)=…")
            default:
                throw OptionError(
                    "unknown option '\(word)' (expected hide, silent, should-fail, id=NAME, timeout=SECONDS)")
            }
        }
        if hide && silent { throw OptionError("'hide' and 'silent' together would show nothing") }
    }

    /// What is wrong with a run block's options.
    struct OptionError: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }
}
