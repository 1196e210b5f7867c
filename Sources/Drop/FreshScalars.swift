import Glibc

/// A new array of `count` floats, every one written by `initialize` (given the first element).
///
/// The kernels' outputs are large and freshly mapped, so on Linux filling them costs one page
/// fault per 4 KiB, which is most of the time of a fused dropout pass over a ViT activation.
/// Outputs of 4 MiB or more are therefore advised as transparent huge pages (`MADV_HUGEPAGE`),
/// faulting 2 MiB at a time when the heap grows; where the kernel does not allow it, the advice is
/// simply ignored. Memory the heap already holds is reused without faults (`allocatorTuned`).
package func freshScalars(
    count: Int, _ initialize: (UnsafeMutablePointer<Float>) -> Void
) -> [Float] {
    _ = allocatorTuned
    return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
        if let base = buffer.baseAddress, count * MemoryLayout<Float>.stride >= 4 << 20 {
            adviseHugePages(UnsafeMutableRawPointer(base), byteCount: count * MemoryLayout<Float>.stride)
        }
        if count > 0 { initialize(buffer.baseAddress!) }
        initialized = count
    }
}

/// Fills a fresh array of `count` floats, writing each with `element` in memory order.
@inline(__always)
func makeScalars(count: Int, _ element: (Int) -> Float) -> [Float] {
    freshScalars(count: count) { out in
        for i in 0..<count { out[i] = element(i) }
    }
}

/// Asks for huge pages on the 2 MiB-aligned part of a region (madvise needs aligned bounds).
private func adviseHugePages(_ base: UnsafeMutableRawPointer, byteCount: Int) {
    let huge = 2 << 20
    let start = (Int(bitPattern: base) + huge - 1) & ~(huge - 1)
    let end = (Int(bitPattern: base) + byteCount) & ~(huge - 1)
    if end > start {
        _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE)
    }
}

/// glibc's allocator, set once for tensors: every block comes from the heap, never mapped on its
/// own, and freed memory stays there for reuse (up to 512 MiB free at the top of the heap).
///
/// glibc's defaults map every block from 128 KiB up afresh until a freed one raises the threshold,
/// and give freed heap memory beyond that back to the system, so a training step's activations and
/// gradients (100 KiB to 1 MiB each) were faulted in page by page on every step: ≈ 2,100 faults
/// per step of `train-bench`, 18 % of its CPU time, against ≈ 60 with the heap kept. Blocks above
/// glibc's largest threshold (32 MiB: a (64, 197, 768) activation is 37 MiB) were still mapped
/// and unmapped per tensor, and on the benchmark machine (a virtual machine) faulting fresh memory
/// in became slow once other large cases had run: in `ops-bench`, after the Mlp case, `arange`,
/// `x < y` and `transpose` of that activation took 40, 32 and 53 ms, against 7.5, 5.1 and 17 ms
/// from the heap. With 64 MiB kept at the top, two freed activations (74 MiB) were given back and
/// faulted in again: `x + bias` took 40 ms, against 3.1 ms with 512 MiB.
private let allocatorTuned: Void = {
    // `<malloc.h>` is not in Swift's Glibc module: `mallopt` is looked up by name, with its
    // parameters' values from that header (M_TRIM_THRESHOLD −1, M_MMAP_MAX −4).
    typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    guard let symbol = dlsym(nil, "mallopt") else { return }  // nil: RTLD_DEFAULT
    let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
    _ = mallopt(-4, 0)
    _ = mallopt(-1, 512 << 20)
}()
