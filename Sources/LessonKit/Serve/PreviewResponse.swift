import Foundation

/// What the preview answers to one request for a file of the site.
public struct PreviewResponse: Sendable, Hashable {
    /// The HTTP status: 200, or 404 for anything that is not a file of the site.
    public var status: Int
    /// The `Content-Type` header.
    public var contentType: String
    /// The bytes sent.
    public var body: [UInt8]

    static let notFound = PreviewResponse(
        status: 404, contentType: "text/plain; charset=utf-8", body: Array("not found\n".utf8))

    /// The site path (`index.html`, `02-droppath.html`) a request target names, or `nil` when it
    /// names nothing the site can hold: no leading `/`, `//` (an absolute path), `.` or `..`
    /// components (also percent-encoded), backslashes or NUL bytes. Query and fragment are dropped.
    public static func sitePath(forTarget target: String) -> String? {
        let raw = target.prefix { $0 != "?" && $0 != "#" }
        guard raw.hasPrefix("/"), !raw.hasPrefix("//"), let decoded = raw.removingPercentEncoding else { return nil }
        let components = decoded.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        for component in components.dropLast() where component.isEmpty { return nil }
        guard !components.contains(where: { $0 == "." || $0 == ".." || $0.contains("\\") || $0.contains("\0") })
        else { return nil }
        let path = components.joined(separator: "/")
        return path.isEmpty || path.hasSuffix("/") ? path + "index.html" : path
    }

    /// The media type of a site file, by its extension; unknown ones are sent as bytes.
    public static func contentType(of path: String) -> String {
        switch path.split(separator: ".").last.map({ $0.lowercased() }) ?? "" {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "txt", "swift", "py": "text/plain; charset=utf-8"
        case "md": "text/markdown; charset=utf-8"
        case "ipynb": "application/x-ipynb+json"
        case "zip": "application/zip"
        default: "application/octet-stream"
        }
    }
}
