import Glibc
import Synchronization

/// Threads parked between `parallelFor` calls, so that a call costs a wake-up (microseconds)
/// rather than a thread start and join (tens of microseconds, about 120 times per ViT forward).
///
/// One job runs at a time; a call that finds the pool busy — from another thread, or nested in
/// a job — runs its items itself. After `fork()` (a lesson's runtime `should-fail` block) the
/// child has none of the parent's threads, so it starts a pool of its own.
@usableFromInline
final class WorkerPool: @unchecked Sendable {
    /// Guards every stored property below.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    /// Signalled when a job is posted.
    private let posted = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// Signalled when the last helper of a job finishes.
    private let finished = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var job: ParallelJob?
    /// Helpers the current job may still take in.
    private var seats = 0
    /// Helpers draining the current job.
    private var busy = 0
    private var threads = 0
    /// The process that started the threads.
    private let owner = getpid()

    private init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(posted, nil)
        pthread_cond_init(finished, nil)
    }

    /// The pool of this process, retained (a forked child replaces its parent's).
    ///
    /// An atomic rather than a lock: a `fork()` taken while another thread holds a lock leaves
    /// the child a lock no thread of its own will release (`Synchronization.Mutex` then traps
    /// in the child). A load and a compare-exchange leave nothing held. It holds the pool's
    /// address (0: none yet), as a raw pointer is not `Sendable`.
    private static let current = Atomic<UInt>(0)

    private static var forThisProcess: WorkerPool {
        let process = getpid()
        while true {
            let seen = current.load(ordering: .acquiring)
            if let address = UnsafeRawPointer(bitPattern: seen) {
                let pool = Unmanaged<WorkerPool>.fromOpaque(address).takeUnretainedValue()
                if pool.owner == process { return pool }
            }
            // None yet, or the parent's. The parent's stays retained: in the child it costs one
            // small object, and another thread may still be reading its `owner`.
            let pool = WorkerPool()
            let fresh = Unmanaged.passRetained(pool).toOpaque()
            if current.compareExchange(
                expected: seen, desired: UInt(bitPattern: fresh), ordering: .acquiringAndReleasing
            ).exchanged {
                return pool
            }
            Unmanaged<WorkerPool>.fromOpaque(fresh).release()
        }
    }

    /// Drains `job` on the calling thread and up to `helpers` pool threads; returns when every
    /// item is done and no helper holds the job any more.
    @usableFromInline
    static func run(_ job: ParallelJob, helpers: Int) {
        let pool = forThisProcess
        pthread_mutex_lock(pool.mutex)
        guard pool.job == nil else {
            pthread_mutex_unlock(pool.mutex)
            return job.drain()
        }
        while pool.threads < helpers && pool.startThread() { pool.threads += 1 }
        pool.job = job
        pool.seats = helpers
        pthread_cond_broadcast(pool.posted)
        pthread_mutex_unlock(pool.mutex)

        job.drain()

        pthread_mutex_lock(pool.mutex)
        pool.seats = 0  // helpers that wake from now on find nothing to do
        while pool.busy > 0 { pthread_cond_wait(pool.finished, pool.mutex) }
        pool.job = nil
        pthread_mutex_unlock(pool.mutex)
    }

    private func startThread() -> Bool {
        var thread = pthread_t()
        let context = Unmanaged.passRetained(self).toOpaque()
        let status = pthread_create(&thread, nil, { context in
            Unmanaged<WorkerPool>.fromOpaque(context!).takeRetainedValue().work()
        }, context)
        guard status == 0 else {
            Unmanaged<WorkerPool>.fromOpaque(context).release()
            return false
        }
        pthread_detach(thread)
        return true
    }

    /// A helper's life: wait for a job with a free seat, drain it, repeat.
    private func work() -> Never {
        pthread_mutex_lock(mutex)
        while true {
            while seats == 0 { pthread_cond_wait(posted, mutex) }
            seats -= 1
            busy += 1
            let job = self.job!
            pthread_mutex_unlock(mutex)
            job.drain()
            pthread_mutex_lock(mutex)
            busy -= 1
            if busy == 0 { pthread_cond_signal(finished) }
        }
    }
}
