import Foundation

/// The terminal's one line per rebuild of the preview: what changed, how long each stage took,
/// which lessons re-ran and which fail.
enum RebuildLine {
    /// `rebuild 3 (02-droppath.md): parse 0.004 s, execute 0.48 s [02-droppath.md compile 0.41 s
    /// run 0.07 s], render 0.006 s; 5 lessons, 1 failing: 03-x.md`.
    static func text(
        number: Int, changes: [String], fresh: [LessonRun], lessons: Int, failed: [String], stages: [Duration]
    ) -> String {
        let s = stages.map { seconds($0.seconds) }
        let ran = fresh.map { run in
            run.cached ? "\(run.lesson.name) cached"
                : "\(run.lesson.name) compile \(seconds(run.compileSeconds)) run \(seconds(run.runSeconds))"
        }
        var line = "rebuild \(number)" + (changes.isEmpty ? "" : " (\(changes.joined(separator: ", ")))")
        line += ": parse \(s[0]), execute \(s[1])" + (ran.isEmpty ? " [nothing re-ran]" : " [\(ran.joined(separator: "; "))]")
        line += ", render \(s[2]); \(lessons) lessons, "
        line += failed.isEmpty ? "all built" : "\(failed.count) failing: \(failed.joined(separator: ", "))"
        return line
    }

    /// Milliseconds show: a prose rebuild takes a few of them.
    private static func seconds(_ value: Double) -> String { String(format: "%.3f s", value) }
}
