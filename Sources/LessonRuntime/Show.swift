import Drop
internal import _LessonProtocol
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
        svg.hasPrefix("<svg") && svg.hasSuffix("</svg>"),
        "show(svg:) needs one complete <svg>…</svg> element")
    send(.figureStart, to: STDOUT_FILENO)
    writeAll(Array(svg.utf8), to: STDOUT_FILENO)
    send(.figureEnd, to: STDOUT_FILENO)
}
