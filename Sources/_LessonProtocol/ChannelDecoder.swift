/// Splits one output stream of a lesson program into the bytes it printed and the
/// `ChannelMessage`s the runtime wrote, fed chunk by chunk as a pipe delivers them.
///
/// Only a complete frame carrying this run's key is a message; every other byte, a frame with
/// another key or an unknown verb included, is text, exactly as printed. A frame cut in two by
/// the pipe is held back until it is complete, and only for as long as it can still become one.
public struct ChannelDecoder: Sendable {
    /// One thing found in the stream.
    public enum Event: Equatable, Sendable {
        case text([UInt8])
        case message(ChannelMessage)
    }

    private let head: [UInt8]  // `\u{1}droplab:KEY:`, the start of every frame
    private var pending: [UInt8] = []

    /// The longest verb the runtime writes, with room to spare (a `failed:` reason is short).
    static let longestVerb = 256

    /// A decoder for the frames that carry `key`.
    public init(key: ChannelKey) {
        head = [ChannelMessage.open] + Array("droplab:\(key.text):".utf8)
    }

    /// The events in the next chunk of the stream, in order.
    public mutating func decode(_ chunk: some Collection<UInt8>) -> [Event] {
        pending.append(contentsOf: chunk)
        var events: [Event] = []
        var text = 0  // where the text not yet reported starts
        var scan = 0
        while let open = pending[scan...].firstIndex(of: ChannelMessage.open) {
            switch frame(at: open) {
            case .incomplete:
                report(pending[text..<open], into: &events)
                pending.removeFirst(open)
                return events
            case .text:
                scan = open + 1
            case .message(let message, let end):
                report(pending[text..<open], into: &events)
                events.append(.message(message))
                text = end
                scan = end
            }
        }
        report(pending[text...], into: &events)
        pending.removeAll(keepingCapacity: true)
        return events
    }

    /// Ends the stream: whatever was held back was text after all.
    public mutating func finish() -> [Event] {
        defer { pending = [] }
        return pending.isEmpty ? [] : [.text(pending)]
    }

    private enum Frame {
        case incomplete
        case text
        case message(ChannelMessage, end: Int)
    }

    /// What the bytes from `open` (a frame's opening byte) are.
    private func frame(at open: Int) -> Frame {
        let rest = pending[open...]
        guard rest.starts(with: head) else {
            return head.starts(with: rest) ? .incomplete : .text
        }
        let verbStart = open + head.count
        let window = pending[verbStart..<min(pending.count, verbStart + Self.longestVerb + 1)]
        guard let close = window.firstIndex(of: ChannelMessage.close) else {
            return window.count <= Self.longestVerb ? .incomplete : .text
        }
        let verb = String(decoding: pending[verbStart..<close], as: UTF8.self)
        guard let message = ChannelMessage(verb: verb[...]) else { return .text }
        return .message(message, end: close + 1)
    }

    private func report(_ bytes: ArraySlice<UInt8>, into events: inout [Event]) {
        guard !bytes.isEmpty else { return }
        if case .text(let previous)? = events.last {
            events[events.count - 1] = .text(previous + bytes)
        } else {
            events.append(.text(Array(bytes)))
        }
    }
}
