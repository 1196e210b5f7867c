import Synchronization

/// A pure function's results remembered by input, process-wide. The live preview parses and
/// renders again on every save; with this, swift-syntax sees only the blocks whose code changed
/// and only the lessons that changed are rendered again (together, most of a rebuild's time).
/// Bounded: past `limit` entries it starts afresh. Failures are not remembered.
final class Memo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let table = Mutex<[Key: Value]>([:])
    private let limit: Int

    init(limit: Int) { self.limit = limit }

    /// `make(key)`, computed once per distinct `key` (or again after the table was reset).
    func value<Failure: Error>(for key: Key, _ make: (Key) throws(Failure) -> Value) throws(Failure) -> Value {
        if let known = table.withLock({ $0[key] }) { return known }
        let value = try make(key)
        table.withLock { table in
            if table.count >= limit { table.removeAll() }
            table[key] = value
        }
        return value
    }
}
