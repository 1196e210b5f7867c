import _LessonProtocol

/// Cuts one output stream of a lesson program into per-block pieces, following the
/// `ChannelMessage`s that LessonRuntime (`Capture.swift`) writes into it.
///
/// Fed chunk by chunk as the pipe delivers them. Text stays as bytes until the end so split
/// UTF-8 survives. Nothing the program sends is trusted: a block index must be the next block
/// or a later one of this lesson, and anything else is recorded as a `violation`.
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
    /// How many run blocks the lesson has: the valid block indices are `0..<blockCount`.
    let blockCount: Int
    /// Pieces per block index.
    private(set) var pieces: [Int: [Piece]] = [:]
    /// Output before the first block began: the compiler's diagnostics, since the program is
    /// compiled by the process that runs it (or a loader's complaint).
    private(set) var preamble: [UInt8] = []
    /// The last block that started.
    private(set) var currentBlock: Int?
    /// How each forked `should-fail` block ended, by block index.
    private(set) var outcomes: [Int: ChildOutcome] = [:]
    /// The block that wrote past the cap, if one did.
    private(set) var overflowedBlock: Int?
    /// The descriptor (1 or 2) the current block closed or replaced, if it did.
    private(set) var lostDescriptor: Int?
    /// A message the program had no business sending (a block index out of order or out of
    /// range); the program is stopped when one arrives.
    private(set) var violation: String?

    private var decoder: ChannelDecoder
    private var text: [UInt8] = []  // the current block's latest text, not yet in `pieces`
    private var inFigure = false
    private var figure: [UInt8] = []
    private var written = 0  // bytes of the current block so far

    init(cap: Int, blockCount: Int, key: ChannelKey) {
        self.cap = cap
        self.blockCount = blockCount
        decoder = ChannelDecoder(key: key)
    }

    /// Consumes the next chunk of the stream.
    mutating func append(_ chunk: some Collection<UInt8>) {
        for event in decoder.decode(chunk) { handle(event) }
    }

    /// Ends the stream: whatever is held back was text after all.
    mutating func finish() {
        for event in decoder.finish() { handle(event) }
        flushText()
    }

    private mutating func handle(_ event: ChannelDecoder.Event) {
        guard violation == nil else { return }
        switch event {
        case .text(let bytes): emit(bytes)
        case .message(let message): handle(message)
        }
    }

    private mutating func handle(_ message: ChannelMessage) {
        switch message {
        case .block(let index):
            guard index >= (currentBlock ?? -1) + 1, index < blockCount else {
                violation = "the program announced block \(index) after block "
                    + "\(currentBlock.map(String.init) ?? "none") of \(blockCount)"
                return
            }
            flushText()
            currentBlock = index
            written = 0
            inFigure = false
        case .figureStart:
            inFigure = true
            figure = []
        case .figureEnd where inFigure:
            inFigure = false
            record(.svg(figure))
        case .survived:
            if let block = currentBlock { outcomes[block] = .survived }
        case .failed(let why):
            if let block = currentBlock { outcomes[block] = .failed(why) }
        case .lostDescriptor(let descriptor):
            lostDescriptor = descriptor
        case .figureEnd:
            break  // no figure was open
        }
    }

    private mutating func emit(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        if inFigure {
            figure.append(contentsOf: bytes)
        } else {
            record(.text(bytes))
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
