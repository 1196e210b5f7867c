import Drop
@preconcurrency import Glibc

/// A picture a run block can display with `show(_:)`.
public protocol Figure {
    /// The complete, deterministic `<svg>…</svg>` element.
    var svg: String { get }
}

/// Displays `figure` in the lesson, after whatever the block printed so far.
public func show(_ figure: some Figure) {
    show(svg: figure.svg)
}

/// Displays a complete `<svg>…</svg>` element in the lesson, after whatever the block printed
/// so far.
public func show(svg: String) {
    check(
        svg.hasPrefix("<svg") && svg.hasSuffix("</svg>") && !svg.utf8.contains(1),
        "show(svg:) needs one complete <svg>…</svg> element")
    writeToken("svg", to: STDOUT_FILENO)
    writeAll(svg, to: STDOUT_FILENO)
    writeToken("/svg", to: STDOUT_FILENO)
}
