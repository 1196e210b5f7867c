/// A read-only matrix inside a float buffer: element (i, j) is at
/// `base[i·rowStride + j·colStride]`.
///
/// Strides let a caller multiply by a transposed matrix (`colStride` > 1) or by one head of a
/// packed projection without copying it first.
@usableFromInline
package struct MatrixView {
    @usableFromInline package let base: UnsafePointer<Float>
    @usableFromInline package let rows: Int
    @usableFromInline package let cols: Int
    @usableFromInline package let rowStride: Int
    @usableFromInline package let colStride: Int

    /// A view of a row-major matrix, or of a strided one.
    @inlinable
    package init(
        _ base: UnsafePointer<Float>, rows: Int, cols: Int, rowStride: Int? = nil,
        colStride: Int = 1
    ) {
        self.base = base
        self.rows = rows
        self.cols = cols
        self.rowStride = rowStride ?? cols
        self.colStride = colStride
    }

    /// The transposed matrix, sharing the same memory.
    @inlinable
    package var transposed: MatrixView {
        MatrixView(base, rows: cols, cols: rows, rowStride: colStride, colStride: rowStride)
    }
}
