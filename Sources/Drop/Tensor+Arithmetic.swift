import Glibc
internal import _DropKernels

/// Elementwise arithmetic with PyTorch's float32 semantics: one IEEE operation per element,
/// broadcasting tensors, and a `Float` on either side.
extension Tensor {
    /// Elementwise sum, broadcasting `lhs` and `rhs`.
    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor {
        broadcasting(lhs, rhs, Plus()).recordingAdd(lhs, rhs)
    }
    /// Elementwise difference, broadcasting `lhs` and `rhs`.
    public static func - (lhs: Tensor, rhs: Tensor) -> Tensor {
        broadcasting(lhs, rhs, Minus()).recordingSub(lhs, rhs)
    }
    /// Elementwise product, broadcasting `lhs` and `rhs`.
    public static func * (lhs: Tensor, rhs: Tensor) -> Tensor {
        broadcasting(lhs, rhs, Times()).recordingMul(lhs, rhs)
    }
    /// Elementwise quotient, broadcasting `lhs` and `rhs`.
    public static func / (lhs: Tensor, rhs: Tensor) -> Tensor {
        broadcasting(lhs, rhs, Over()).recordingDiv(lhs, rhs)
    }

    /// Adds `rhs` to every element.
    public static func + (lhs: Tensor, rhs: Float) -> Tensor {
        lhs.map(WithRight(Plus(), rhs)).recordingScalar("AddBackward0", lhs, slope: 1)
    }
    /// Subtracts `rhs` from every element.
    public static func - (lhs: Tensor, rhs: Float) -> Tensor {
        lhs.map(WithRight(Minus(), rhs)).recordingScalar("SubBackward0", lhs, slope: 1)
    }
    /// Multiplies every element by `rhs`.
    public static func * (lhs: Tensor, rhs: Float) -> Tensor {
        lhs.map(WithRight(Times(), rhs)).recordingScalar("MulBackward0", lhs, slope: rhs)
    }
    /// Divides every element by `rhs` (a true division, not a multiplication by `1 / rhs`).
    public static func / (lhs: Tensor, rhs: Float) -> Tensor {
        lhs.map(WithRight(Over(), rhs)).recordingDivide(lhs, by: rhs)
    }

    /// `lhs` plus every element.
    public static func + (lhs: Float, rhs: Tensor) -> Tensor {
        rhs.map(WithLeft(lhs, Plus())).recordingScalar("AddBackward0", rhs, slope: 1)
    }
    /// `lhs` minus every element.
    public static func - (lhs: Float, rhs: Tensor) -> Tensor {
        rhs.map(WithLeft(lhs, Minus())).recordingScalar("RsubBackward1", rhs, slope: -1)
    }
    /// `lhs` times every element.
    public static func * (lhs: Float, rhs: Tensor) -> Tensor {
        rhs.map(WithLeft(lhs, Times())).recordingScalar("MulBackward0", rhs, slope: lhs)
    }
    /// `lhs` divided by every element, computed as PyTorch's `__rtruediv__` does:
    /// `rhs.reciprocal() * lhs`, two roundings.
    public static func / (lhs: Float, rhs: Tensor) -> Tensor {
        rhs.map(ReciprocalTimes(value: lhs)).recordingReciprocalTimes(rhs, lhs)
    }

    /// Every element negated (`0` becomes `-0`).
    public static prefix func - (x: Tensor) -> Tensor {
        x.map(Negation()).recordingNeg(of: x)
    }

    /// Adds `rhs` in place; `rhs` must broadcast to `lhs`'s shape.
    ///
    /// With equal shapes, `lhs`'s storage is updated where it lies (when no other tensor shares
    /// it), so no new buffer is allocated.
    public static func += (lhs: inout Tensor, rhs: Tensor) {
        lhs.markInPlace()
        guard lhs.shape == rhs.shape, !recordsGradient(lhs, rhs) else { return lhs.assign(lhs + rhs) }
        rhs.withElements { r in
            lhs.scalars.withUnsafeMutableBufferPointer { l in
                forEachRange(l.count) { range in for i in range { l[i] += r[i] } }
            }
        }
    }
    /// Subtracts `rhs` in place; `rhs` must broadcast to `lhs`'s shape.
    public static func -= (lhs: inout Tensor, rhs: Tensor) { lhs.markInPlace(); lhs.assign(lhs - rhs) }
    /// Multiplies by `rhs` in place; `rhs` must broadcast to `lhs`'s shape.
    public static func *= (lhs: inout Tensor, rhs: Tensor) { lhs.markInPlace(); lhs.assign(lhs * rhs) }
    /// Divides by `rhs` in place; `rhs` must broadcast to `lhs`'s shape.
    public static func /= (lhs: inout Tensor, rhs: Tensor) { lhs.markInPlace(); lhs.assign(lhs / rhs) }
    /// Adds `rhs` to every element in place.
    public static func += (lhs: inout Tensor, rhs: Float) { lhs.markInPlace(); lhs.assign(lhs + rhs) }
    /// Subtracts `rhs` from every element in place.
    public static func -= (lhs: inout Tensor, rhs: Float) { lhs.markInPlace(); lhs.assign(lhs - rhs) }
    /// Multiplies every element by `rhs` in place.
    public static func *= (lhs: inout Tensor, rhs: Float) { lhs.markInPlace(); lhs.assign(lhs * rhs) }
    /// Divides every element by `rhs` in place.
    public static func /= (lhs: inout Tensor, rhs: Float) { lhs.markInPlace(); lhs.assign(lhs / rhs) }

    /// Replaces self by `result` of an in-place operation, which may not change the shape.
    private mutating func assign(_ result: Tensor) {
        check(
            result.shape == shape,
            "output with shape \(shape.dims) doesn't match the broadcast shape \(result.shape.dims)")
        replaceInPlace(with: result)
    }
}

// MARK: - Elementwise functions

extension Tensor {
    /// The largest integer not greater than each element, like `torch.floor`.
    public func floor() -> Tensor {
        let out = withElements { xs in
            freshScalars(count: xs.count) { z in
                let x = xs.baseAddress!  // count > 0 here
                forEachRange(xs.count) { range in
                    kernels.floor(x + range.lowerBound, z + range.lowerBound, range.count)
                }
            }
        }
        return Tensor(uncheckedScalars: out, shape: shape)
    }
    /// The square root of each element (`nan` below zero), like `torch.sqrt`.
    public func sqrt() -> Tensor { map(SquareRoot()).recordingSqrt(of: self) }
    /// `e` raised to each element, like `torch.exp` (within 1 ulp of PyTorch's SIMD `exp`).
    public func exp() -> Tensor { applyingLibm(.exp).recordingExp(of: self) }
    /// The natural logarithm of each element, like `torch.log` (within 1 ulp of PyTorch's).
    public func log() -> Tensor { applyingLibm(.log).recordingLog(of: self) }
    /// The absolute value of each element, like `torch.abs`.
    public func abs() -> Tensor { map(Magnitude()).recordingAbs(of: self) }
    /// The error function of each element, like `torch.erf` (within a few ulp of PyTorch's).
    public func erf() -> Tensor { applyingLibm(.erf) }
}
