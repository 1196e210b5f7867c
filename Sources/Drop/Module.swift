/// A layer with a training flag, like PyTorch's `nn.Module`.
///
/// Modules are classes: `train()` and `eval()` change the flag of the module and of every
/// submodule in `children`, as in PyTorch.
public protocol Module: AnyObject {
    /// True while training (the default on creation); false in evaluation mode.
    var training: Bool { get set }
    /// The direct submodules, in registration order.
    var children: [any Module] { get }
    /// The attribute names of `children` (PyTorch's names, for `namedParameters()`).
    var childNames: [String] { get }
    /// The module's own parameters with their attribute names, children's excluded.
    var directParameters: [(String, Tensor)] { get }
    /// Applies the module to `x`.
    func callAsFunction(_ x: Tensor) -> Tensor
}

extension Module {
    /// No submodules, unless a module says otherwise.
    public var children: [any Module] { [] }

    /// Puts this module and all its submodules in training mode; returns `self` like PyTorch.
    @discardableResult
    public func train(_ mode: Bool = true) -> Self {
        training = mode
        for child in children { child.train(mode) }
        return self
    }

    /// Puts this module and all its submodules in evaluation mode; returns `self` like PyTorch.
    @discardableResult
    public func eval() -> Self { train(false) }
}

/// A module that returns its input unchanged, like `nn.Identity`.
public final class Identity: Module {
    /// Unused: `Identity` behaves the same in both modes.
    public var training = true
    /// Creates an identity module.
    public init() {}
    /// Returns `x`.
    public func callAsFunction(_ x: Tensor) -> Tensor { x }
}
