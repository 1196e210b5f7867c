/// What `Sanitizer` lets through: elements, their attributes, and the URLs those may hold.
struct SanitizerPolicy: Sendable {
    /// Attributes allowed on every element.
    var global: Set<String>
    /// Each allowed element, lower-cased, with the attributes it allows besides `global`.
    var elements: [String: Set<String>]
    /// Whether names keep their case when written back (SVG's `viewBox`).
    var keepsCase = false
    /// Whether the markup must be one balanced `root` element (a figure).
    var singleRoot = false
    /// The element a `singleRoot` markup must be.
    var root = ""

    func allows(element: String) -> Bool { elements[element.lowercased()] != nil }

    func refusal(element: String) -> String {
        "<\(element.lowercased())> is not allowed (pages carry no script, style, form, frame, or network load)"
    }

    /// Why `name="value"` cannot stand on `element`, or nil when it can.
    func problem(attribute name: String, value: String?, on element: String) -> String? {
        guard global.contains(name) || elements[element]?.contains(name) == true
            || (!keepsCase && (name.hasPrefix("aria-") || name.hasPrefix("data-")))
        else { return name.hasPrefix("on") ? "event handlers are not allowed (pages carry no script)" : "attribute not allowed" }
        guard let value else { return nil }
        let url = URLCheck(value)
        switch name {
        case "href", "cite":
            return url.isLink ? nil : "links go to the site's pages, #fragments, http(s): or mailto:"
        case "src":
            return url.isLocal ? nil : "only files of the site load (no scheme, no //host)"
        case "xmlns":
            return value == "http://www.w3.org/2000/svg" ? nil : "not the SVG namespace"
        case "xmlns:xlink":
            return value == "http://www.w3.org/1999/xlink" ? nil : "not the XLink namespace"
        case "style":
            return value.unicodeScalars.allSatisfy(Self.isPlainDeclaration)
                ? nil : "only plain declarations (no url(), @import, quotes or escapes)"
        default:
            // Presentation attributes may point into the figure (`fill="url(#g)"`), nowhere else.
            let lowered = value.lowercased()
            guard lowered.contains("url(") || lowered.contains("script:") else { return nil }
            return lowered.hasPrefix("url(#") && lowered.hasSuffix(")") && !lowered.dropFirst(4).contains("(")
                ? nil : "only url(#id) references are allowed"
        }
    }

    private static func isPlainDeclaration(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || ("0"..."9").contains(c) || " \t:;.,#%-!".unicodeScalars.contains(c)
    }

    /// A lesson's raw HTML: text-level and block markup, tables, images from the site.
    static let lesson = SanitizerPolicy(
        global: ["class", "id", "title", "lang", "dir", "role", "style", "hidden"],
        elements: [
            "a": ["href", "name", "rel", "hreflang", "target"], "img": ["src", "alt", "width", "height", "loading"],
            "td": ["colspan", "rowspan", "align"], "th": ["colspan", "rowspan", "align", "scope"],
            "ol": ["start", "reversed", "type"], "li": ["value"], "details": ["open"], "time": ["datetime"],
            "blockquote": ["cite"], "q": ["cite"], "del": ["cite", "datetime"], "ins": ["cite", "datetime"],
            "col": ["span"], "colgroup": ["span"], "abbr": [], "b": [], "bdi": [], "bdo": [], "br": [],
            "caption": [], "cite": [], "code": [], "dd": [], "dfn": [], "div": [], "dl": [], "dt": [],
            "em": [], "figcaption": [], "figure": [], "h1": [], "h2": [], "h3": [], "h4": [], "h5": [],
            "h6": [], "hr": [], "i": [], "kbd": [], "mark": [], "p": [], "pre": [], "rp": [], "rt": [],
            "ruby": [], "s": [], "samp": [], "small": [], "span": [], "strong": [], "sub": [], "summary": [],
            "sup": [], "table": [], "tbody": [], "tfoot": [], "thead": [], "tr": [], "u": [], "ul": [],
            "var": [], "wbr": [], "section": [], "aside": [], "center": [],
        ])

    /// A figure from `show(svg:)`: shapes, text and gradients in one `<svg>`, nothing that
    /// runs, animates, embeds or loads.
    static let figure = SanitizerPolicy(
        global: [
            "class", "id", "role", "aria-label", "aria-hidden", "transform", "fill", "fill-opacity",
            "fill-rule", "stroke", "stroke-width", "stroke-dasharray", "stroke-linejoin", "stroke-linecap",
            "stroke-opacity", "opacity", "font-family", "font-size", "font-weight", "font-style",
            "text-anchor", "dominant-baseline", "clip-path", "shape-rendering", "vector-effect", "style",
        ],
        elements: [
            "svg": ["xmlns", "xmlns:xlink", "width", "height", "viewbox", "preserveaspectratio"],
            "g": [], "defs": [], "title": [], "desc": [],
            "rect": ["x", "y", "width", "height", "rx", "ry"], "circle": ["cx", "cy", "r"],
            "ellipse": ["cx", "cy", "rx", "ry"], "line": ["x1", "y1", "x2", "y2"], "polyline": ["points"],
            "polygon": ["points"], "path": ["d"], "text": ["x", "y", "dx", "dy"], "tspan": ["x", "y", "dx", "dy"],
            "lineargradient": ["x1", "y1", "x2", "y2", "gradientunits", "gradienttransform"],
            "radialgradient": ["cx", "cy", "r", "fx", "fy", "gradientunits", "gradienttransform"],
            "stop": ["offset", "stop-color", "stop-opacity"], "clippath": ["clippathunits"],
        ],
        keepsCase: true, singleRoot: true, root: "svg")
}

/// What a URL in an attribute reaches, read as a browser reads it.
struct URLCheck {
    /// The scheme (`https`), lower-cased, or nil for a relative URL.
    let scheme: String?
    /// `//host…`: another machine, whatever the page's scheme.
    let isNetworkPath: Bool

    init(_ value: String) {
        // Browsers drop surrounding controls and spaces and every tab and newline inside.
        let cleaned = String(
            String.UnicodeScalarView(
                value.unicodeScalars.drop { $0.value <= 0x20 }.reversed().drop { $0.value <= 0x20 }.reversed()
                    .filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }))
        let slashes = cleaned.prefix(2).filter { $0 == "/" || $0 == "\\" }
        isNetworkPath = slashes.count == 2
        let head = cleaned.prefix { !"/?#".contains($0) }
        scheme = head.firstIndex(of: ":").map { head[..<$0].lowercased() }
    }

    /// Within the site: no scheme, no host.
    var isLocal: Bool { scheme == nil && !isNetworkPath }
    /// Fine to follow when clicked: the site, a fragment, the web, mail.
    var isLink: Bool { isLocal || ["http", "https", "mailto"].contains(scheme ?? "") }
}
