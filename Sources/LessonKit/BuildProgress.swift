/// The terminal lines of a build: one per lesson as it finishes, and durations in seconds.
///
/// With `--jobs`, lessons finish out of order. Lines are numbered by completion, as ninja does:
/// `[k/n]` says k of the n lessons are done, so the count only grows and a line appears the moment
/// its lesson is done (printing in file order would hold every line back behind a slow lesson).
public enum BuildProgress {
    /// `[2/6] 02-droppath.md  compile 0.41 s  run 0.08 s`, or `cached`, then `  FAILED` if it failed;
    /// `finished` is how many lessons are done, this one included.
    /// A translation's lesson is shown with its folder, `zh/01-dropout.md`, given as `name`.
    public static func line(_ run: LessonRun, finished: Int, of count: Int, name: String? = nil) -> String {
        var line = "[\(finished)/\(count)] \(name ?? run.lesson.name)  "
        if run.cached {
            line += "cached"
        } else {
            line += "compile \(seconds(run.compileSeconds))  run \(seconds(run.runSeconds))"
        }
        if run.failure != nil { line += "  FAILED" }
        return line
    }

    /// `1.25 s`: seconds with two decimals, the one format every duration `lessons` prints uses.
    public static func seconds(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction) s"
    }
}
