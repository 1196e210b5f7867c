import Glibc

/// Runs `body` with room for `count` floats on a cache-line boundary, taken from a pool of
/// buffers kept between calls.
///
/// The kernels' packing panels and attention scores are needed for one call at a time, on many
/// threads; allocating them afresh would map new pages each time (glibc maps blocks above
/// 128 KiB directly) and fault on every one of them.
@inlinable
package func withScratch<Result>(
    count: Int, _ body: (UnsafeMutablePointer<Float>) -> Result
) -> Result {
    let bytes = Swift.max(count, 1) * MemoryLayout<Float>.stride
    let sizeClass = Swift.max(12, Int.bitWidth - (bytes - 1).leadingZeroBitCount)  // ≥ 4 KiB
    let buffer = takeScratch(sizeClass: sizeClass)
    defer { returnScratch(buffer, sizeClass: sizeClass) }
    return body(buffer.assumingMemoryBound(to: Float.self))
}

/// Free buffers by size class (log₂ of their byte count), as addresses; `scratchLock` guards it.
nonisolated(unsafe) private var freeScratch: [Int: [UInt]] = [:]

/// The lock of `freeScratch`, held across `fork()`: a child must not inherit it held by a
/// thread it does not have (a lesson's runtime `should-fail` block runs in a forked child).
/// So the fork waits for it, the parent then releases it, and the child makes it anew, with
/// the lists as they were, consistent, since no thread was changing them.
nonisolated(unsafe) private let scratchLock: UnsafeMutablePointer<pthread_mutex_t> = {
    let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    pthread_mutex_init(lock, nil)
    pthread_atfork(
        { pthread_mutex_lock(scratchLock) },
        { pthread_mutex_unlock(scratchLock) },
        { pthread_mutex_init(scratchLock, nil) })
    return lock
}()

private func withFreeScratch<Result>(_ body: (inout [Int: [UInt]]) -> Result) -> Result {
    pthread_mutex_lock(scratchLock)
    defer { pthread_mutex_unlock(scratchLock) }
    return body(&freeScratch)
}

/// Buffers of one size class kept at most: one per thread that may want one, with room to spare.
private let keptPerClass = 16

@usableFromInline
func takeScratch(sizeClass: Int) -> UnsafeMutableRawPointer {
    let address = withFreeScratch { $0[sizeClass]?.popLast() }
    if let address { return UnsafeMutableRawPointer(bitPattern: address)! }
    return UnsafeMutableRawPointer.allocate(byteCount: 1 << sizeClass, alignment: 64)
}

@usableFromInline
func returnScratch(_ buffer: UnsafeMutableRawPointer, sizeClass: Int) {
    let kept = withFreeScratch { pool in
        guard pool[sizeClass, default: []].count < keptPerClass else { return false }
        pool[sizeClass, default: []].append(UInt(bitPattern: Int(bitPattern: buffer)))
        return true
    }
    if !kept { buffer.deallocate() }
}
