import Glibc
import Synchronization

/// Runs `body(0)`, `body(1)`, … `body(count − 1)` on up to `threads` threads, the caller's included.
///
/// Indices are handed out one at a time, so uneven items balance themselves. The helpers are
/// `WorkerPool`'s parked threads. Each index must write memory no other index touches; then the
/// result does not depend on which thread ran what.
@inlinable
package func parallelFor(_ count: Int, threads: Int, _ body: (Int) -> Void) {
    let threads = Swift.min(threads, count)
    if threads <= 1 {
        for i in 0..<count { body(i) }
        return
    }
    withoutActuallyEscaping(body) { body in
        WorkerPool.run(ParallelJob(count: count, body: body), helpers: threads - 1)
    }
}

/// The items of one `parallelFor` call and the next one to take.
@usableFromInline
final class ParallelJob: @unchecked Sendable {
    let next = Atomic<Int>(0)
    let count: Int
    let body: (Int) -> Void

    @usableFromInline
    init(count: Int, body: @escaping (Int) -> Void) {
        self.count = count
        self.body = body
    }

    /// Takes items until none is left.
    func drain() {
        while true {
            let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
            if i >= count { return }
            body(i)
        }
    }
}

/// The number of threads Drop's kernels use: `DROP_NUM_THREADS` if set to a positive number,
/// otherwise the CPUs online.
package let threadCount = Atomic<Int>(defaultThreadCount())

private func defaultThreadCount() -> Int {
    if let text = getenv("DROP_NUM_THREADS"), let n = Int(String(cString: text)), n > 0 {
        return n
    }
    return Swift.max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
}
