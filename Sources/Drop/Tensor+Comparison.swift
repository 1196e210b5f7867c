/// Elementwise comparisons giving float masks: 1 where the comparison holds, 0 elsewhere
/// (PyTorch returns bool tensors; `.float()` of those is what these return).
///
/// `==` stays whole-tensor equality (`Equatable`); elementwise equality is `.==` and `.!=`.
extension Tensor {
    /// 1 where `lhs < rhs`, broadcasting.
    public static func < (lhs: Tensor, rhs: Tensor) -> Tensor { broadcasting(lhs, rhs, Less()) }
    /// 1 where `lhs <= rhs`, broadcasting.
    public static func <= (lhs: Tensor, rhs: Tensor) -> Tensor { broadcasting(lhs, rhs, LessOrEqual()) }
    /// 1 where `lhs > rhs`, broadcasting.
    public static func > (lhs: Tensor, rhs: Tensor) -> Tensor { broadcasting(lhs, rhs, Greater()) }
    /// 1 where `lhs >= rhs`, broadcasting.
    public static func >= (lhs: Tensor, rhs: Tensor) -> Tensor { broadcasting(lhs, rhs, GreaterOrEqual()) }
    /// 1 where the elements are equal (never for NaN), broadcasting.
    public static func .== (lhs: Tensor, rhs: Tensor) -> Tensor { broadcasting(lhs, rhs, Equal()) }
    /// 1 where the elements differ (always for NaN), broadcasting.
    public static func .!= (lhs: Tensor, rhs: Tensor) -> Tensor { broadcasting(lhs, rhs, NotEqual()) }

    /// 1 where an element is below `rhs`.
    public static func < (lhs: Tensor, rhs: Float) -> Tensor { lhs.map(WithRight(Less(), rhs)) }
    /// 1 where an element is at most `rhs`.
    public static func <= (lhs: Tensor, rhs: Float) -> Tensor { lhs.map(WithRight(LessOrEqual(), rhs)) }
    /// 1 where an element is above `rhs`.
    public static func > (lhs: Tensor, rhs: Float) -> Tensor { lhs.map(WithRight(Greater(), rhs)) }
    /// 1 where an element is at least `rhs`.
    public static func >= (lhs: Tensor, rhs: Float) -> Tensor { lhs.map(WithRight(GreaterOrEqual(), rhs)) }
    /// 1 where an element equals `rhs`.
    public static func .== (lhs: Tensor, rhs: Float) -> Tensor { lhs.map(WithRight(Equal(), rhs)) }
    /// 1 where an element differs from `rhs`.
    public static func .!= (lhs: Tensor, rhs: Float) -> Tensor { lhs.map(WithRight(NotEqual(), rhs)) }

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
