import Synchronization

/// Gathers changes that come close together into one: `next()` returns once something has
/// changed and nothing more has for `quiet`, with everything that changed meanwhile.
///
/// An editor's save is often several file events (write, rename, a backup file), and an
/// author may save two lessons at once; each burst should cost one rebuild, not several.
public final class Debouncer: Sendable {
    /// How long nothing must change before a batch is handed out.
    public let quiet: Duration
    private struct State {
        var pending: Set<String> = []
        var last = ContinuousClock.now
    }
    private let state = Mutex(State())
    private let wakeups: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    /// A debouncer that waits for `quiet` without changes.
    public init(quiet: Duration = .milliseconds(10)) {
        self.quiet = quiet
        (wakeups, wake) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Records that `names` changed (callable from any thread).
    public func add(_ names: some Sequence<String>) {
        state.withLock { state in
            state.pending.formUnion(names)
            state.last = .now
        }
        wake.yield()
    }

    /// Ends `next()`: it returns `nil` from now on.
    public func finish() { wake.finish() }

    /// The next batch of changed names, sorted; `nil` once `finish()` is called.
    public func next() async -> [String]? {
        var iterator = wakeups.makeAsyncIterator()
        while true {
            let (waiting, last) = state.withLock { ($0.pending.isEmpty, $0.last) }
            if waiting {
                guard await iterator.next() != nil else { return nil }
                continue
            }
            let due = last + quiet
            if ContinuousClock.now < due {
                try? await Task.sleep(until: due, clock: .continuous)
                continue
            }
            let batch: [String]? = state.withLock { state in
                guard state.last + quiet <= .now else { return nil }
                defer { state.pending = [] }
                return state.pending.sorted()
            }
            if let batch { return batch }
        }
    }
}
