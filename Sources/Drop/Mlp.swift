/// The transformer's feed-forward network, like timm's `layers.Mlp` at its defaults.
///
/// `fc2(GELU(fc1(x)))`: widen each token to `hiddenFeatures`, apply GELU, project back.
/// timm's `drop1`, `norm` and `drop2` are identities at these defaults, so they are left out.
public final class Mlp: Module {
    /// True while training; the MLP without dropout behaves the same in both modes.
    public var training = true
    /// The widening projection: `inFeatures` → `hiddenFeatures`.
    public let fc1: Linear
    /// The activation.
    public let act: GELU
    /// The narrowing projection: `hiddenFeatures` → `inFeatures`.
    public let fc2: Linear

    /// The submodules in timm's registration order.
    public var children: [any Module] { [fc1, act, fc2] }
    /// timm's attribute names of `children`.
    public var childNames: [String] { ["fc1", "act", "fc2"] }

    /// Creates the MLP; draws `fc1`'s weight and bias, then `fc2`'s, as timm.
    public init(inFeatures: Int, hiddenFeatures: Int) {
        fc1 = Linear(inFeatures: inFeatures, outFeatures: hiddenFeatures)
        act = GELU()
        fc2 = Linear(inFeatures: hiddenFeatures, outFeatures: inFeatures)
    }

    /// Transforms each token independently: `(…, D)` → `(…, D)`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        var hidden = fc1(x)  // (…, hiddenFeatures)
        // In place saves a buffer, unless the backward needs GELU's input.
        if Tensor.recordsGradient(hidden) { hidden = act(hidden) } else { act.apply(inPlace: &hidden) }
        return fc2(hidden)
    }
}
