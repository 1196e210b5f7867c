import Foundation

/// The math font the site ships, so that every reader sees the same formulas offline.
///
/// Chromium draws MathML with whatever font `math` resolves to; on a machine without a math
/// font (most phones, many Linux desktops) `\sqrt{n}` loses its radical's bar and scripts sit at
/// the wrong height. The site therefore carries `fonts/DroplabMath.woff2` (87 KB): a subset of
/// STIX Two Math 2.12 made by `Fonts/make_math_font.py`, renamed as the SIL Open Font License
/// asks of a modified version, with the licence beside it as `fonts/OFL.txt`.
enum MathFont {
    /// The font file's path in the site, as the stylesheet's `@font-face` names it.
    static let path = "fonts/DroplabMath.woff2"
    /// The licence's path in the site, as the footer links it.
    static let licencePath = "fonts/OFL.txt"

    /// The two files, read from LessonKit's resources.
    static func files() throws(LessonError) -> [SiteFile] {
        [
            SiteFile(path: path, contents: try resource("DroplabMath", "woff2")),
            SiteFile(path: licencePath, contents: try resource("OFL", "txt")),
        ]
    }

    private static func resource(_ name: String, _ ext: String) throws(LessonError) -> [UInt8] {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext),
            let data = FileManager.default.contents(atPath: url.path)
        else {
            throw LessonError(
                stage: .render, path: "\(name).\(ext)",
                message: "the math font is missing from LessonKit's resources; rebuild with `swift build`")
        }
        return Array(data)
    }
}
