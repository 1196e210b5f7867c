extension Tensor {
    /// True when both tensors have the same shape and the same values (NaN is never equal);
    /// whether they require grad does not matter.
    public static func == (lhs: Tensor, rhs: Tensor) -> Bool {
        lhs.scalars == rhs.scalars && lhs.shape == rhs.shape
    }
}
