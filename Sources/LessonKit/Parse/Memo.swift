import Synchronization

/// A pure function's results remembered by input, process-wide. The live preview parses an
/// edited lesson again on every save; with this, swift-syntax sees only the blocks whose code
/// changed (it is most of a parse's time). Bounded: past `limit` entries it starts afresh.
final class Memo<Value: Sendable>: Sendable {
    private let table = Mutex<[String: Value]>([:])
    private let limit: Int

    init(limit: Int = 4096) { self.limit = limit }

    /// `make(key)`, computed once per distinct `key` (or again after the table was reset).
    func value(for key: String, _ make: (String) -> Value) -> Value {
        if let known = table.withLock({ $0[key] }) { return known }
        let value = make(key)
        table.withLock { table in
            if table.count >= limit { table.removeAll() }
            table[key] = value
        }
        return value
    }
}
