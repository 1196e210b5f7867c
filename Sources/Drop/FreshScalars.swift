import Glibc

/// A new array of `count` floats, every one written by `initialize` (given the first element).
///
/// The kernels' outputs are large and freshly mapped, so on Linux filling them costs one page
/// fault per 4 KiB, which is most of the time of a fused dropout pass over a ViT activation.
/// Outputs of 4 MiB or more are therefore advised as transparent huge pages (`MADV_HUGEPAGE`),
/// faulting 2 MiB at a time; where the kernel does not allow it, the advice is simply ignored.
package func freshScalars(
    count: Int, _ initialize: (UnsafeMutablePointer<Float>) -> Void
) -> [Float] {
    [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
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
