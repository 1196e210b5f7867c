internal import _DropKernels

/// Sets the number of threads Drop's matrix products use, like `torch.set_num_threads`.
///
/// The default is `DROP_NUM_THREADS` if set, otherwise the number of CPUs online. Results
/// do not depend on it: each output element is computed by one thread, in a fixed order.
public func setNumThreads(_ count: Int) {
    check(count > 0, "set_num_threads expects a positive integer")
    threadCount.store(count, ordering: .relaxed)
}

/// The number of threads Drop's matrix products use, like `torch.get_num_threads`.
public func getNumThreads() -> Int {
    threadCount.load(ordering: .relaxed)
}
