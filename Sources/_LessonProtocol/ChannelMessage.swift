/// What a lesson program tells the engine, in between the bytes it prints.
///
/// The protocol is defined here once: LessonRuntime writes these messages into the program's
/// standard output and error (`ChannelMessage.encoded(key:)`), LessonKit reads them back
/// (`ChannelDecoder`). Every message carries the run's `ChannelKey`, a random value the engine
/// draws for each program and never prints, so nothing a block prints can be taken for one.
public enum ChannelMessage: Equatable, Sendable {
    /// On stdout and stderr: what follows belongs to run block N.
    case block(Int)
    /// On stdout: the bytes up to `figureEnd` are one SVG figure.
    case figureStart
    /// On stdout: the end of an SVG figure.
    case figureEnd
    /// On stderr: a `should-fail` block's forked child ran to its end without failing.
    case survived
    /// On stderr: a `should-fail` block's forked child failed (`signal 4`, `exit 1`).
    case failed(String)
    /// On stderr: the current block closed or replaced file descriptor 1 or 2, so the output of
    /// the blocks after it would be lost.
    case lostDescriptor(Int)

    /// The message as the runtime writes it: `\u{1}droplab:KEY:VERB\u{2}`.
    public func encoded(key: ChannelKey) -> [UInt8] {
        [Self.open] + Array("droplab:\(key.text):\(verb)".utf8) + [Self.close]
    }

    /// The message without its frame: `block:3`, `svg`, `failed:exit 1`, ….
    var verb: String {
        switch self {
        case .block(let index): "block:\(index)"
        case .figureStart: "svg"
        case .figureEnd: "/svg"
        case .survived: "survived"
        case .failed(let why): "failed:" + why.filter { $0 != "\u{1}" && $0 != "\u{2}" }
        case .lostDescriptor(let fd): "lost:\(fd)"
        }
    }

    /// Parses a verb written by `verb`; `nil` for anything else.
    init?(verb: Substring) {
        let (name, argument) = verb.firstIndex(of: ":").map {
            (verb[..<$0], verb[verb.index(after: $0)...])
        } ?? (verb, nil)
        switch (name, argument) {
        case ("block", let n?): guard let n = Self.number(n) else { return nil }; self = .block(n)
        case ("svg", nil): self = .figureStart
        case ("/svg", nil): self = .figureEnd
        case ("survived", nil): self = .survived
        case ("failed", let why?): self = .failed(String(why))
        case ("lost", let fd?): guard let fd = Self.number(fd) else { return nil }; self = .lostDescriptor(fd)
        default: return nil
        }
    }

    /// Decimal digits only (no sign), as `verb` writes a non-negative number.
    private static func number(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(text)
    }

    /// The byte that opens a frame (SOH) and the one that closes it (STX).
    static let open: UInt8 = 1
    static let close: UInt8 = 2
}

/// The secret that authenticates a run's messages: 32 hex digits, drawn by the engine for each
/// program and handed to it in the environment variable `environmentVariable`.
public struct ChannelKey: Equatable, Sendable {
    /// The hex digits.
    public let text: String

    /// The variable that carries the key into the lesson program.
    public static let environmentVariable = "DROPLAB_CHANNEL_KEY"

    /// A fresh random key.
    public static func random() -> ChannelKey {
        var generator = SystemRandomNumberGenerator()
        let words = [generator.next(), generator.next()] as [UInt64]
        return ChannelKey(
            text: words.map { word in
                let hex = String(word, radix: 16)
                return String(repeating: "0", count: 16 - hex.count) + hex
            }.joined())
    }

    /// The key `text`, as read from the environment.
    public init(text: String) {
        self.text = text
    }
}
