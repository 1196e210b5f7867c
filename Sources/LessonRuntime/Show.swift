import Drop

/// A picture a run block can display with `show(_:)`.
public protocol Figure {
    /// The complete, deterministic `<svg>…</svg>` element.
    var svg: String { get }
}
