/// Cuts one output stream of a lesson program into per-block pieces, following the tokens
/// `\u{1}droplab:VERB\u{2}` that LessonRuntime (`Capture.swift`) writes into it.
///
/// Fed chunk by chunk as the pipe delivers them; a token split across chunks is held back
/// until it is complete. Text stays as bytes until the end so split UTF-8 survives.
struct CaptureStream {
    /// One piece of a block's output on this stream.
    enum Piece: Equatable {
        case text([UInt8])
        case svg([UInt8])
    }

    /// What the runtime said about a `should-fail` block's forked child.
    enum ChildOutcome: Equatable {
        case survived
        case failed(String)
    }

    /// Bytes of output one block may write to this stream before it is cut off.
    let cap: Int
    /// Pieces per block index.
    private(set) var pieces: [Int: [Piece]] = [:]
    /// Output before the first block began: the compiler's diagnostics, since the program is
    /// compiled by the process that runs it (or a loader's complaint).
    private(set) var preamble: [UInt8] = []
    /// The last block that started.
    private(set) var currentBlock: Int?
    /// How each forked `should-fail` block ended, by block index.
    private(set) var outcomes: [Int: ChildOutcome] = [:]
    /// The lesson line and column of the top-level statement that started last, per block.
    private(set) var statements: [Int: (line: Int, column: Int)] = [:]
    /// The block that wrote past the cap, if one did.
    private(set) var overflowedBlock: Int?

    private var pending: [UInt8] = []
    private var text: [UInt8] = []  // the current block's latest text, not yet in `pieces`
    private var inFigure = false
    private var figure: [UInt8] = []
    private var written = 0  // bytes of the current block so far

    init(cap: Int) {
        self.cap = cap
    }

    /// Longest token the runtime writes, with room to spare; a `\u{1}` not closed within this
    /// many bytes is ordinary text.
    private static let longestToken = 64

    /// Consumes the next chunk of the stream.
    mutating func append(_ chunk: some Collection<UInt8>) {
        pending.append(contentsOf: chunk)
        var start = 0
        while let open = pending[start...].firstIndex(of: 1) {
            emit(pending[start..<open])
            guard let close = pending[open...].prefix(Self.longestToken).firstIndex(of: 2) else {
                if pending.count - open < Self.longestToken {
                    pending.removeFirst(open)  // perhaps a token cut in two: wait for the rest
                    return
                }
                emit(pending[open...open])
                start = open + 1
                continue
            }
            handle(token: pending[(open + 1)..<close])
            start = close + 1
        }
        emit(pending[start...])
        pending.removeAll(keepingCapacity: true)
    }

    /// Ends the stream: whatever is held back was text after all.
    mutating func finish() {
        emit(pending[...])
        pending = []
        flushText()
    }

    private mutating func handle(token: ArraySlice<UInt8>) {
        let text = String(decoding: token, as: UTF8.self)
        let prefix = "droplab:"
        guard text.hasPrefix(prefix) else {
            emit(ArraySlice([1] + token + [2]))
            return
        }
        let verb = text.dropFirst(prefix.count)
        if verb.hasPrefix("block:"), let index = Int(verb.dropFirst("block:".count)) {
            flushText()
            currentBlock = index
            written = 0
        } else if verb == "svg" {
            inFigure = true
            figure = []
        } else if verb == "/svg" {
            inFigure = false
            record(.svg(figure))
        } else if verb.hasPrefix("at:"), let block = currentBlock {
            let numbers = verb.dropFirst("at:".count).split(separator: ":").compactMap { Int($0) }
            if numbers.count == 2 { statements[block] = (numbers[0], numbers[1]) }
        } else if verb == "survived", let block = currentBlock {
            outcomes[block] = .survived
        } else if verb.hasPrefix("failed:"), let block = currentBlock {
            outcomes[block] = .failed(String(verb.dropFirst("failed:".count)))
        } else {
            emit(ArraySlice([1] + token + [2]))
        }
    }

    private mutating func emit(_ bytes: ArraySlice<UInt8>) {
        guard !bytes.isEmpty else { return }
        if inFigure {
            figure.append(contentsOf: bytes)
        } else {
            record(.text(Array(bytes)))
        }
    }

    private mutating func flushText() {
        guard let block = currentBlock, !text.isEmpty else { return }
        pieces[block, default: []].append(.text(text))
        text = []
    }

    /// Adds a piece to the current block, merging adjacent text, and enforces the cap.
    private mutating func record(_ piece: Piece) {
        guard let block = currentBlock else {
            if case .text(let bytes) = piece { preamble += bytes.prefix(cap - preamble.count) }
            return
        }
        guard overflowedBlock == nil else { return }
        var piece = piece
        let size: Int
        switch piece {
        case .text(let bytes), .svg(let bytes): size = bytes.count
        }
        // Past the cap the rest of the block is dropped; the runner then stops the program.
        if written + size > cap {
            overflowedBlock = block
            piece = .text(truncatedText(piece, keeping: cap - written))
        }
        written += size
        switch piece {
        case .text(let more):
            text.append(contentsOf: more)
        case .svg:
            flushText()
            pieces[block, default: []].append(piece)
        }
    }

    private func truncatedText(_ piece: Piece, keeping count: Int) -> [UInt8] {
        let kept: [UInt8]
        switch piece {
        case .text(let bytes): kept = Array(bytes.prefix(max(count, 0)))
        case .svg: kept = []  // half a figure is no figure
        }
        return kept + Array("\n… output truncated: more than \(cap) bytes\n".utf8)
    }
}
