/// The viridis colour scale, readable on light and dark pages and in greyscale.
enum Viridis {
    private static let stops: [(Double, Double, Double)] = [
        (68, 1, 84), (71, 45, 123), (59, 82, 139), (44, 114, 142), (33, 145, 140),
        (40, 174, 128), (94, 201, 98), (173, 220, 48), (253, 231, 37),
    ]

    /// `#rrggbb` for `t` in 0…1 (clamped).
    static func hex(_ t: Double) -> String {
        let position = min(max(t, 0), 1) * Double(stops.count - 1)
        let i = min(Int(position), stops.count - 2)
        let f = position - Double(i)
        let (a, b) = (stops[i], stops[i + 1])
        let channels = [a.0 + (b.0 - a.0) * f, a.1 + (b.1 - a.1) * f, a.2 + (b.2 - a.2) * f]
        let digits = Array("0123456789abcdef")
        var hex = "#"
        for channel in channels {
            let byte = Int(channel.rounded())
            hex.append(digits[byte / 16])
            hex.append(digits[byte % 16])
        }
        return hex
    }
}
