import Glibc
import Synchronization

/// Threads parked between `parallelFor` calls, so that a call costs a wake-up (microseconds)
/// rather than a thread start and join (tens of microseconds, about 120 times per ViT forward).
///
/// A wake-up through the condition variable is itself slow on a virtual machine, where the
/// helper's vCPU may have to be scheduled again first: a 1.2M-element sum took longer on 2
/// threads than on 1 (0.18 ms against 0.15 ms). So a helper that finishes a job first watches for the next one for `spinTime`
/// (OpenMP's workers do the same), and the caller watches for its helpers to finish before it
/// sleeps. The lock-free reads are hints; the handover itself stays under the mutex.
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
    /// Helpers the current job may still take in (written under the mutex, read by spinners).
    private let seats = Atomic<Int>(0)
    /// Helpers draining the current job (written under the mutex, read by a spinning caller).
    private let busy = Atomic<Int>(0)
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
        pool.seats.store(helpers, ordering: .releasing)
        pthread_cond_broadcast(pool.posted)
        pthread_mutex_unlock(pool.mutex)

        job.drain()

        pthread_mutex_lock(pool.mutex)
        pool.seats.store(0, ordering: .relaxed)  // helpers that come from now on find no seat
        pthread_mutex_unlock(pool.mutex)
        spin { pool.busy.load(ordering: .relaxed) == 0 }
        pthread_mutex_lock(pool.mutex)
        while pool.busy.load(ordering: .relaxed) > 0 { pthread_cond_wait(pool.finished, pool.mutex) }
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

    /// A helper's life: watch for a job with a free seat, then sleep until one is posted; drain
    /// it, repeat.
    private func work() -> Never {
        while true {
            spin { seats.load(ordering: .relaxed) > 0 }
            pthread_mutex_lock(mutex)
            while seats.load(ordering: .relaxed) == 0 { pthread_cond_wait(posted, mutex) }
            seats.subtract(1, ordering: .relaxed)
            busy.add(1, ordering: .relaxed)
            var job = self.job
            pthread_mutex_unlock(mutex)
            job!.drain()
            // Let go of the job before `busy` says so: the caller may return as soon as it reads
            // 0, and `parallelFor` traps if its body is still referenced then.
            job = nil
            pthread_mutex_lock(mutex)
            if busy.subtract(1, ordering: .relaxed).newValue == 0 { pthread_cond_signal(finished) }
            pthread_mutex_unlock(mutex)
        }
    }
}

/// How long a thread watches for what it waits for before it sleeps on a condition variable.
private let spinTime = 200_000  // nanoseconds

/// Returns once `ready()` holds or `spinTime` has passed, whichever is first. Between looks it
/// yields the CPU, so that a spinning thread costs little when other threads want it (tests
/// running side by side, a loaded machine) and nothing is lost when none does.
private func spin(until ready: () -> Bool) {
    var start = timespec()
    clock_gettime(CLOCK_MONOTONIC, &start)
    while true {
        for _ in 0..<64 where ready() { return }
        sched_yield()
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        if (t.tv_sec - start.tv_sec) * 1_000_000_000 + (t.tv_nsec - start.tv_nsec) > spinTime { return }
    }
}
