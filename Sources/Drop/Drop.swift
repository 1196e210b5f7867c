/// Facts about the Drop library itself.
public enum Drop {
    /// The library's version, named in the site's footer beside the seed.
    public static let version = "0.2.0"
}
