@preconcurrency import Glibc

/// Ends the lesson program when the `lessons` process that started it dies, however it dies
/// (`SIGKILL` included), so that no lesson is left running with no one to read its output.
///
/// The engine hands the program, as its standard input, the read end of a pipe whose write end
/// only the engine holds: the kernel closes that end when the engine dies, and a thread
/// blocked reading the pipe then sees end-of-file. (`PR_SET_PDEATHSIG` would not do: it fires
/// when the engine's *thread* that spawned the program ends, and Swift concurrency spawns from
/// a pool of threads.)
enum Watchdog {
    /// Moves the pipe off standard input (which becomes `/dev/null`, as lessons always had) and
    /// starts the watching thread.
    static func start() {
        let pipe = fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3)
        guard pipe >= 0 else { return }
        let null = open("/dev/null", O_RDONLY)
        if null >= 0 {
            dup2(null, STDIN_FILENO)
            close(null)
        }
        let argument = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        argument.initialize(to: pipe)
        var thread = pthread_t()
        let started = pthread_create(&thread, nil, { argument in
            let pipe = argument!.assumingMemoryBound(to: Int32.self).pointee
            var byte: UInt8 = 0
            while true {
                let n = read(pipe, &byte, 1)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
            }
            // The engine made the program the leader of its own group: the group is the program,
            // a should-fail block's forked child and whatever the lesson started.
            kill(getpgrp() == getpid() ? 0 : getpid(), SIGKILL)
            return nil
        }, argument)
        if started == 0 { pthread_detach(thread) }
    }
}
