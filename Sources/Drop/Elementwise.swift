internal import _DropKernels

// Elementwise passes: each output element is one float operation on its own inputs, so a large
// pass is cut into chunks run on Drop's threads without changing a bit.

/// Elements below which a pass stays on the calling thread (waking a helper costs more).
let parallelElements = 1 << 18
/// Elements per task of a threaded pass (a few hundred KiB: long enough to amortise a hand-off).
let elementsPerTask = 1 << 16

/// Calls `body` on consecutive ranges that cover `0..<count` items of `itemSize` elements each:
/// one range for small work, otherwise tasks of about `elementsPerTask` elements on
/// `getNumThreads()` threads. Each item must write memory no other item touches.
@inline(__always)
func forEachRange(_ count: Int, itemSize: Int = 1, _ body: (Range<Int>) -> Void) {
    guard count * itemSize >= parallelElements else { return body(0..<count) }
    let perTask = Swift.max(1, elementsPerTask / Swift.max(itemSize, 1))
    let tasks = (count + perTask - 1) / perTask
    parallelFor(tasks, threads: getNumThreads()) { task in
        body(task * perTask..<Swift.min(count, (task + 1) * perTask))
    }
}

extension Tensor {
    /// `op` applied to each element, one float32 operation per element.
    @inline(__always)
    func map<Op: UnaryOp>(_ op: Op) -> Tensor {
        let n = numel
        let out = withElements { xs in
            freshScalars(count: n) { z in
                let x = xs.baseAddress!  // n > 0 here
                forEachRange(n) { range in
                    for i in range { z[i] = op(x[i]) }
                }
            }
        }
        return Tensor(uncheckedScalars: out, shape: shape)
    }

    /// `op(a, b)` for every pair of elements of `a` and `b` broadcast together.
    @inline(__always)
    static func broadcasting<Op: BinaryOp>(_ a: Tensor, _ b: Tensor, _ op: Op) -> Tensor {
        let shape = a.shape == b.shape ? a.shape : Size.broadcast(a.shape, b.shape)
        let n = shape.numel
        let out = a.withElements { xs in
            b.withElements { ys in
                freshScalars(count: n) { z in
                    // n > 0, so neither operand is empty.
                    let x = xs.baseAddress!, y = ys.baseAddress!
                    // Fast paths: same element count (same layout), or one side a single value.
                    if a.numel == n && b.numel == n {
                        forEachRange(n) { range in for i in range { z[i] = op(x[i], y[i]) } }
                    } else if b.numel == 1 && a.numel == n {
                        let v = y[0]
                        forEachRange(n) { range in for i in range { z[i] = op(x[i], v) } }
                    } else if a.numel == 1 && b.numel == n {
                        let v = x[0]
                        forEachRange(n) { range in for i in range { z[i] = op(v, y[i]) } }
                    } else {
                        BroadcastLayout(a.shape, b.shape, to: shape).apply(x, y, z, op)
                    }
                }
            }
        }
        return Tensor(uncheckedScalars: out, shape: shape)
    }
}
