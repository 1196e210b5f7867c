/// How far ahead of the element it reads a streaming reduction asks for memory: 1,024 floats,
/// 4 KiB. A reduction does more work per cache line than a copy, so the hardware prefetcher
/// alone keeps too few lines in flight; asking this far ahead took a 10M-element whole sum on 2
/// threads from 1.4–2.0 ms to 1.1–1.5 ms in alternating runs (Benchmarks/README.md).
@inlinable package var prefetchDistance: Int { 1024 }

/// Asks the CPU to start loading the cache line at `address` into every cache level (a hint: it
/// never faults, so an address past the end of the data is fine).
@inlinable @inline(__always)
package func prefetch(_ address: UnsafePointer<Float>) {
    llvmPrefetch(UnsafeRawPointer(address), 0, 3, 1)  // read, keep in all levels, data
}

/// LLVM's prefetch intrinsic, which Swift has no spelling for: bound by its LLVM name, so a call
/// compiles to the instruction itself (`prefetcht0` on x86-64, `prfm` on arm64). The arguments
/// after the address must be constants.
@usableFromInline @_silgen_name("llvm.prefetch.p0")
func llvmPrefetch(_ address: UnsafeRawPointer, _ write: Int32, _ locality: Int32, _ data: Int32)
