/// Guards swift-syntax's parser from its one known blow-up: time exponential in the number of
/// `[` in a row (each may open an array type or an array literal, and the parser looks ahead
/// for both), so that 20 in a row take a debug build most of a minute. Code with a longer run
/// is never handed to the parser: a run block is refused, a shown block is shown uncoloured.
enum BracketRuns {
    /// The longest run of `[` (white space between them allowed) the parser is given.
    static let limit = 12

    /// The 1-based line in `code` where the first run longer than `limit` starts, if any.
    static func firstTooLong(in code: String) -> Int? {
        var line = 1, runLine = 1, run = 0
        for byte in code.utf8 {
            switch byte {
            case UInt8(ascii: "["):
                if run == 0 { runLine = line }
                run += 1
                if run > limit { return runLine }
            case UInt8(ascii: "\n"):
                line += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                break
            default:
                run = 0
            }
        }
        return nil
    }
}
