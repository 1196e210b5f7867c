/// Elementwise comparisons giving float masks: 1 where the comparison holds, 0 elsewhere
/// (PyTorch returns bool tensors; `.float()` of those is what these return).
///
/// `==` stays whole-tensor equality (`Equatable`); elementwise equality is `.==` and `.!=`.
extension Tensor {
    @inline(__always)
    private static func mask(_ a: Tensor, _ b: Tensor, _ holds: (Float, Float) -> Bool) -> Tensor {
        broadcasting(a, b) { holds($0, $1) ? 1 : 0 }
    }

    /// 1 where `lhs < rhs`, broadcasting.
    public static func < (lhs: Tensor, rhs: Tensor) -> Tensor { mask(lhs, rhs, <) }
    /// 1 where `lhs <= rhs`, broadcasting.
    public static func <= (lhs: Tensor, rhs: Tensor) -> Tensor { mask(lhs, rhs, <=) }
    /// 1 where `lhs > rhs`, broadcasting.
    public static func > (lhs: Tensor, rhs: Tensor) -> Tensor { mask(lhs, rhs, >) }
    /// 1 where `lhs >= rhs`, broadcasting.
    public static func >= (lhs: Tensor, rhs: Tensor) -> Tensor { mask(lhs, rhs, >=) }
    /// 1 where the elements are equal (never for NaN), broadcasting.
    public static func .== (lhs: Tensor, rhs: Tensor) -> Tensor { mask(lhs, rhs, ==) }
    /// 1 where the elements differ (always for NaN), broadcasting.
    public static func .!= (lhs: Tensor, rhs: Tensor) -> Tensor { mask(lhs, rhs, !=) }

    /// 1 where an element is below `rhs`.
    public static func < (lhs: Tensor, rhs: Float) -> Tensor { lhs.map { $0 < rhs ? 1 : 0 } }
    /// 1 where an element is at most `rhs`.
    public static func <= (lhs: Tensor, rhs: Float) -> Tensor { lhs.map { $0 <= rhs ? 1 : 0 } }
    /// 1 where an element is above `rhs`.
    public static func > (lhs: Tensor, rhs: Float) -> Tensor { lhs.map { $0 > rhs ? 1 : 0 } }
    /// 1 where an element is at least `rhs`.
    public static func >= (lhs: Tensor, rhs: Float) -> Tensor { lhs.map { $0 >= rhs ? 1 : 0 } }
    /// 1 where an element equals `rhs`.
    public static func .== (lhs: Tensor, rhs: Float) -> Tensor { lhs.map { $0 == rhs ? 1 : 0 } }
    /// 1 where an element differs from `rhs`.
    public static func .!= (lhs: Tensor, rhs: Float) -> Tensor { lhs.map { $0 != rhs ? 1 : 0 } }

    /// 1 where `lhs` is below an element.
    public static func < (lhs: Float, rhs: Tensor) -> Tensor { rhs > lhs }
    /// 1 where `lhs` is at most an element.
    public static func <= (lhs: Float, rhs: Tensor) -> Tensor { rhs >= lhs }
    /// 1 where `lhs` is above an element.
    public static func > (lhs: Float, rhs: Tensor) -> Tensor { rhs < lhs }
    /// 1 where `lhs` is at least an element.
    public static func >= (lhs: Float, rhs: Tensor) -> Tensor { rhs <= lhs }

    /// True when both tensors have the same shape and `|self - other| <= atol + rtol * |other|`
    /// everywhere, like `torch.allclose` (NaN is never close).
    public func allClose(_ other: Tensor, atol: Float = 1e-8, rtol: Float = 1e-5) -> Bool {
        shape == other.shape
            && zip(scalars, other.scalars).allSatisfy { a, b in
                a == b || (a - b).magnitude <= atol + rtol * b.magnitude
            }
    }
}
