// Element-wise loops whose PyTorch formula has a fused multiply-add. Drop itself is built for
// baseline x86-64, where each `addingProduct` is a call to libm's `fmaf`, one element at a time;
// here, in the AVX2 and AVX-512 builds, it is one vector instruction. An FMA rounds once, so
// every build gives the same bits.

/// `out[i] = offset + x[i] · scale`, one fused multiply-add each (`uniform_(from, to)`'s
/// transform). `out` may be `x`.
@inlinable
package func affineKernel<Build>(
    _: Build.Type, _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int,
    scale: Float, offset: Float
) {
    if UnsafePointer(out) == x {  // one pointer: two equal ones would fail the overlap check
        for i in 0..<count { out[i] = offset.addingProduct(out[i], scale) }
    } else {
        for i in 0..<count { out[i] = offset.addingProduct(x[i], scale) }
    }
}

/// PyTorch's x86 `linspace`: `steps` values, the first half `start + step · i`, the second half
/// `end − step · (steps − 1 − i)`, each one fused multiply-add.
@inlinable
package func linspaceKernel<Build>(
    _: Build.Type, _ out: UnsafeMutablePointer<Float>, steps: Int, start: Float, end: Float,
    step: Float
) {
    let half = steps / 2
    for i in 0..<half { out[i] = start.addingProduct(step, Float(i)) }
    for i in half..<steps { out[i] = end.addingProduct(-step, Float(steps - 1 - i)) }
}

/// The per-step constants of one AdamW update (see `Drop.AdamW.step`).
@usableFromInline
package struct AdamWStep: Sendable {
    /// `1 − lr · weight_decay`, or nil without weight decay.
    @usableFromInline package var decay: Float?
    /// `1 − β1`, `β2` and `1 − β2`.
    @usableFromInline package var w1: Float
    @usableFromInline package var b2: Float
    @usableFromInline package var w2: Float
    /// `√(1 − β2ᵗ)`, `eps` and `−lr / (1 − β1ᵗ)`.
    @usableFromInline package var correction2: Float
    @usableFromInline package var eps: Float
    @usableFromInline package var negativeStep: Float

    package init(
        decay: Float?, w1: Float, b2: Float, w2: Float, correction2: Float, eps: Float,
        negativeStep: Float
    ) {
        (self.decay, self.w1, self.b2, self.w2) = (decay, w1, b2, w2)
        (self.correction2, self.eps, self.negativeStep) = (correction2, eps, negativeStep)
    }
}

/// One AdamW update of `count` parameters `p` with gradients `g` and moments `m`, `v`, with
/// the operations of PyTorch's `_single_tensor_adam`, in its order.
@inlinable
package func adamWKernel<Build>(
    _: Build.Type, _ p: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>,
    _ m: UnsafeMutablePointer<Float>, _ v: UnsafeMutablePointer<Float>, count: Int,
    _ s: AdamWStep
) {
    let decay = s.decay ?? 1
    let decays = s.decay != nil
    for j in 0..<count {
        var x = p[j]
        if decays { x *= decay }  // mul_(1 − lr·weight_decay)
        let mj = m[j].addingProduct(s.w1, g[j] - m[j])  // lerp_(grad, 1 − β1)
        let vj = v[j] * s.b2 + s.w2 * g[j] * g[j]  // mul_(β2).addcmul_(g, g, 1 − β2)
        m[j] = mj
        v[j] = vj
        let denominator = vj.squareRoot() / s.correction2 + s.eps
        p[j] = x + s.negativeStep * (mj / denominator)  // addcdiv_
    }
}
