import Glibc

/// How PyTorch's `_Formatter` prints every element of one tensor: a shared mode and width.
///
/// The mode is chosen from the non-zero finite values only (the summarised edge items when the
/// tensor is summarised), so zeros, `-0.0000`, `inf` and `nan` never change the layout.
struct TensorFormatter {
    /// All values are integers: print `1.` instead of `1.0000`.
    private(set) var intMode = true
    /// Print `%.4e`: the magnitudes span more than 1000×, or exceed 1e8, or go below 1e-4.
    private(set) var sciMode = false
    /// The width every element is left-padded to.
    private(set) var maxWidth = 1

    /// Chooses the mode and width for `values`, as `_Formatter.__init__` does for float tensors.
    init(_ values: [Float]) {
        let nonzeroFinite = values.filter { $0.isFinite && $0 != 0 }
        guard !nonzeroFinite.isEmpty else { return }
        // PyTorch compares magnitudes in double after converting the float32 values.
        var smallest = Double.infinity
        var largest = 0.0
        for v in nonzeroFinite {
            let a = Double(v.magnitude)
            smallest = Swift.min(smallest, a)
            largest = Swift.max(largest, a)
        }
        intMode = nonzeroFinite.allSatisfy { $0 == $0.rounded(.up) }
        sciMode = largest / smallest > 1000 || largest > 1e8 || smallest < 1e-4
        for v in nonzeroFinite {
            maxWidth = Swift.max(maxWidth, body(v).utf8.count)
        }
    }

    /// `v` formatted and left-padded to the common width.
    func format(_ v: Float) -> String {
        let s = body(v)
        let pad = maxWidth - s.utf8.count
        return pad > 0 ? String(repeating: " ", count: pad) + s : s
    }

    /// `v` formatted without padding, the way Python formats `float(v)`.
    private func body(_ v: Float) -> String {
        if v.isNaN { return "nan" }  // C would print "-nan" for a negative NaN; Python never does
        if v.isInfinite { return v < 0 ? "-inf" : "inf" }
        if sciMode { return cFormat("%.4e", Double(v)) }
        if intMode { return cFormat("%.0f", Double(v)) + "." }
        return cFormat("%.4f", Double(v))
    }
}

/// `value` formatted by C's correctly rounded `printf`, which is what Python's float formatting gives.
package func cFormat(_ format: String, _ value: Double) -> String {
    withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
        let count = withVaList([value]) { vsnprintf(buffer.baseAddress, 64, format, $0) }
        check(count >= 0 && count < 64, "cannot format \(value) with \(format)")
        return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress, count: Int(count)),
                      as: UTF8.self)
    }
}
