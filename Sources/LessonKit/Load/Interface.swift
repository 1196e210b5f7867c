import Foundation

/// The words of the site's interface in one language: everything a page says that is not a
/// lesson's. Text, escaped where it is placed; `{name}` marks where the renderer puts a value
/// (the seed, a command, a link), each documented below.
public struct Interface: Sendable, Hashable, Codable {
    /// The masthead's brand and every page title's suffix: `Droplab`.
    public var title: String
    /// The masthead's tagline.
    public var tagline: String
    /// The front page's `<title>`.
    public var indexTitle: String
    /// The front page's heading, when the course has no `index.md`.
    public var overviewHeading: String
    /// The front page's paragraph under it.
    public var overview: String
    /// The front page's heading of the lesson list.
    public var lessonsHeading: String
    /// The sidebar's link to the front page.
    public var overviewLink: String
    /// The sidebar's label.
    public var sidebarLabel: String
    /// The skip link.
    public var skipToContent: String
    /// The search box's placeholder and label.
    public var searchPlaceholder: String
    /// The masthead's link to the index page.
    public var searchIndexLink: String
    /// The search page's title and heading.
    public var searchPageTitle: String
    /// The search page's heading of live results.
    public var searchResults: String
    /// The search page's sentence above the index.
    public var searchPageIntro: String
    /// What live search says when no section holds every word.
    public var searchNoResults: String
    /// The label of the `#` link beside each heading.
    public var headingLink: String
    /// The in-page contents' label and title.
    public var onThisPage: String
    /// The pager's label.
    public var pagerLabel: String
    /// The pager's words.
    public var previous: String
    public var next: String
    /// The footer's first sentence; `{seed}`, `{drop}` and `{command}` are code.
    public var footerRun: String
    /// The footer's font sentence; `{licence}` is the licence's link.
    public var footerFont: String
    /// The label over a `should-fail` block's diagnostic.
    public var expectedError: String
    /// The line under a block's output; `{seed}` is the number, `{torch}` its PyTorch call.
    public var seedLine: String
    /// The downloads box: its label, title, and the link words.
    public var downloadsLabel: String
    public var downloadsTitle: String
    public var swiftProgram: String
    public var pytorchScript: String
    public var notebook: String
    /// The sentence under the downloads; `{build}` and `{command}` are code.
    public var downloadsRun: String
    /// The words before a label's number: "Figure 3.2".
    public var figure: String
    public var equation: String
    public var table: String
    /// The link to this language from a page of another, with `{name}` the language's name.
    public var languageLink: String

    /// The built-in English interface (a course without `course.json`).
    public static let english = Interface(
        title: "Droplab", tagline: "Dropout vs DropPath, with real outputs",
        indexTitle: "Droplab · Dropout vs DropPath", overviewHeading: "Droplab: Dropout vs DropPath",
        overview: "Two regularisers that look alike and behave differently: Dropout zeroes single "
            + "activations, DropPath zeroes whole residual branches, one sample at a time. Every tensor "
            + "printed in these lessons is the real output of the Swift code above it, the same numbers "
            + "PyTorch prints for the same seed.",
        lessonsHeading: "Lessons", overviewLink: "Overview", sidebarLabel: "Lessons", skipToContent: "Skip to content",
        searchPlaceholder: "Search the lessons", searchIndexLink: "Index", searchPageTitle: "Search and index",
        searchResults: "Results",
        searchPageIntro: "Every word of every heading, with the sections that use it. Type in the box above "
            + "to search every word of the lessons (prose, code and glossary) instead.",
        searchNoResults: "No section holds every word of that.", headingLink: "Link to this section", onThisPage: "On this page",
        pagerLabel: "Previous and next lesson", previous: "Previous", next: "Next",
        footerRun: "Every output on these pages was produced by running the code above it with seed {seed} "
            + "and Drop {drop}. Regenerate them with {command}.",
        footerFont: "Formulas are set in Droplab Math, a subset of STIX Two Math ({licence}).",
        expectedError: "Expected error", seedLine: "seed {seed} · {torch}", downloadsLabel: "Take this lesson away",
        downloadsTitle: "Take it away", swiftProgram: "Swift program", pytorchScript: "PyTorch script",
        notebook: "Jupyter notebook",
        downloadsRun: "Run the Swift program from a Droplab checkout, after {build}: {command}. The script and notebook need PyTorch.",
        figure: "Figure", equation: "Equation", table: "Table", languageLink: "{name}")

    /// `template` escaped, each `{name}` replaced by `values[name]` (HTML, placed as is).
    static func fill(_ template: String, _ values: [String: String]) -> String {
        var html = HTML.escape(template)
        for (name, value) in values.sorted(by: { $0.key < $1.key }) {
            html = html.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return html
    }

    /// The word before a label's number.
    func word(_ kind: Label.Kind) -> String {
        switch kind {
        case .figure: figure
        case .equation: equation
        case .table: table
        }
    }
}
