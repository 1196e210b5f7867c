import Glibc
internal import _DropKernels
internal import _DropKernelsAVX2
internal import _DropKernelsAVX512

/// The builds of Drop's hot kernels (matrix product, GELU, softmax, layer norm), fastest last.
/// All give the same bits.
package enum KernelBuild: String, CaseIterable, Sendable {
    /// At the library's own build settings: any CPU (without hardware FMA, each fused
    /// multiply-add of the matrix product is a libm call: right, but slow).
    case portable
    /// Built for AVX2 + FMA (x86-64 since 2013).
    case avx2
    /// Built for AVX-512 as in Skylake-SP (F, CD, BW, DQ, VL).
    case avx512

    /// The builds this CPU can run.
    package static let supported: [KernelBuild] = {
        #if arch(x86_64)
            let flags = cpuFlags()
            guard flags.isSuperset(of: ["avx2", "fma"]) else { return [.portable] }
            // What `-target-cpu skylake-avx512` may use: AVX-512 F, CD, BW, DQ and VL.
            let skylake: Set<Substring> = ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]
            return flags.isSuperset(of: skylake) ? [.portable, .avx2, .avx512] : [.portable, .avx2]
        #else
            return [.portable]
        #endif
    }()

    /// The build Drop uses: `DROP_KERNELS` if this CPU supports it, else the fastest supported.
    package static let selected: KernelBuild = {
        if let name = getenv("DROP_KERNELS"), let build = KernelBuild(rawValue: String(cString: name)),
            supported.contains(build)
        {
            return build
        }
        return supported.last!
    }()

    /// The kernels of this build.
    var kernels: KernelSet {
        switch self {
        case .portable: portableKernels
        case .avx2: avx2Kernels
        case .avx512: avx512Kernels
        }
    }
}

/// The kernels Drop runs.
let kernels = KernelBuild.selected.kernels

/// Writes C = A · B into `c`, whose rows are `rowStride` floats apart, then adds `bias[j]` to
/// column j if a bias is given.
///
/// Each C element is accumulated in one float in the order k = 0, 1, 2, … with a fused
/// multiply-add per step, whatever the kernel build, the blocking or the number of threads:
/// the result depends only on the inputs, never on the machine.
func gemm(
    _ a: MatrixView, _ b: MatrixView, plus bias: UnsafePointer<Float>? = nil,
    into c: UnsafeMutablePointer<Float>, rowStride: Int, threads: Int = getNumThreads(),
    using kernelSet: KernelSet = kernels
) {
    check(a.cols == b.rows, "gemm: inner dimensions \(a.cols) and \(b.rows) differ")
    kernelSet.gemm(a, b, bias, c, rowStride, threads)
}

/// The feature flags the kernel reports for this CPU (`/proc/cpuinfo`): only features the OS
/// has enabled are listed, so a listed vector extension is safe to use.
private func cpuFlags() -> Set<Substring> {
    guard let file = fopen("/proc/cpuinfo", "r") else { return [] }
    defer { fclose(file) }
    var line: UnsafeMutablePointer<CChar>? = nil
    var capacity = 0
    defer { free(line) }
    while getline(&line, &capacity, file) > 0 {
        let text = String(cString: line!)
        if text.hasPrefix("flags") {
            return Set(text.split(whereSeparator: { " \t\n:".contains($0) }))
        }
    }
    return []
}
