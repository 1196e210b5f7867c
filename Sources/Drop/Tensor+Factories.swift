internal import _DropKernels

/// A tensor of the given shape filled with 0, like `torch.zeros`.
public func zeros(_ shape: [Int]) -> Tensor { full(shape, 0) }
/// A tensor of the given shape filled with 0, like `torch.zeros(2, 3)`.
public func zeros(_ shape: Int...) -> Tensor { full(shape, 0) }
/// A tensor of the given shape filled with 1, like `torch.ones`.
public func ones(_ shape: [Int]) -> Tensor { full(shape, 1) }
/// A tensor of the given shape filled with 1, like `torch.ones(2, 3)`.
public func ones(_ shape: Int...) -> Tensor { full(shape, 1) }

/// A tensor of the given shape filled with `value`, like `torch.full`.
public func full(_ shape: [Int], _ value: Float) -> Tensor {
    let size = checkedSize(shape)
    let n = size.numel
    let values = freshScalars(count: n) { z in
        forEachRange(n) { range in for i in range { z[i] = value } }
    }
    return Tensor(uncheckedScalars: values, shape: size)
}

/// `0, 1, …` below `end`, like `torch.arange(end)`.
public func arange(_ end: Float) -> Tensor { arange(0, end, 1) }

/// `start, start + step, …` up to but excluding `end`, with PyTorch's float32 values.
///
/// PyTorch computes `start + step * i` in double, but its vectorised kernel fills 8 lanes at a
/// time: lane `j` of a vector starting at `i` is `float(float(start + step * i) + j * step)`. The
/// last `count % 16` values take the scalar path. This mirrors PyTorch 2.15's x86-64 wheel (checked
/// on an AVX-512 machine, which runs this kernel's 8-lane build).
public func arange(_ start: Float, _ end: Float, _ step: Float = 1) -> Tensor {
    check(step != 0, "step must be nonzero")
    let (from, to, by) = (Double(start), Double(end), Double(step))
    let size = ((to - from) / by).rounded(.up)
    check(
        size >= 0 && size.isFinite,
        "upper bound and larger bound inconsistent with step sign")
    // Refused like PyTorch refuses a storage whose byte size overflows, before Int(size) traps.
    check(
        size * Double(MemoryLayout<Float>.stride) < Double(Int.max),
        "arange: storage size calculation overflowed with \(size) elements")
    let count = Int(size)
    let lanes = 8, vectorized = count - count % (2 * lanes)
    let values = [Float](unsafeUninitializedCapacity: count) { z, initialized in
        for base in stride(from: 0, to: vectorized, by: lanes) {
            let first = Double(Float(from + by * Double(base)))
            for j in 0..<lanes { z[base + j] = Float(first + Double(j) * by) }
        }
        for i in vectorized..<count { z[i] = Float(from + by * Double(i)) }
        initialized = count
    }
    return Tensor(uncheckedScalars: values, shape: [count])
}

/// `steps` evenly spaced values from `start` to `end` inclusive, with PyTorch's float32 values.
///
/// As PyTorch's x86 kernel: `step = (end - start) / (steps - 1)` in float32; the first half counts
/// up from `start` and the second half down from `end`, each one fused multiply-add.
public func linspace(_ start: Float, _ end: Float, _ steps: Int) -> Tensor {
    check(steps >= 0, "number of steps must be non-negative")
    guard steps > 1 else { return Tensor(Array(repeating: start, count: steps)) }
    let step = (end - start) / Float(steps - 1)
    let values = freshScalars(count: steps) { out in kernels.linspace(out, steps, start, end, step) }
    return Tensor(uncheckedScalars: values, shape: [steps])
}
