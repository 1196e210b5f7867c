import Foundation

/// Step 1½ of the pipeline: the translations of the course, read from `Lessons/CODE/` for every
/// language but the source, each checked against its source by `DriftGuard` before anything
/// compiles. A course without such a folder is built in its source language alone, silently.
public enum Translations {
    /// One language's translated lessons.
    public struct Language: Sendable {
        /// The language.
        public var language: CourseConfiguration.Language
        /// The translated lessons, in file-name order (a subset of the source's names).
        public var lessons: [Lesson]
    }

    /// What loading found.
    public struct Loaded: Sendable {
        public var languages: [Language] = []
        /// Drift, unreadable files, translations of no source: the build stops.
        public var errors: [LessonError] = []
        /// Missing translations and stale or missing stamps: the build goes on, `check` stops.
        public var warnings: [LessonWarning] = []
    }

    /// The folder of `language`'s translations in `lessonsDirectory`.
    public static func directory(of language: CourseConfiguration.Language, in lessonsDirectory: String) -> String {
        (lessonsDirectory.hasSuffix("/") ? String(lessonsDirectory.dropLast()) : lessonsDirectory) + "/" + language.code
    }

    /// The translated lesson files of `language`, by name; none when its folder is absent.
    static func paths(of language: CourseConfiguration.Language, in lessonsDirectory: String) -> [String] {
        let folder = directory(of: language, in: lessonsDirectory)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue,
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder)
        else { return [] }
        return names.filter { $0.hasSuffix(".md") }.sorted().map { folder + "/" + $0 }
    }

    /// Reads, parses and checks every translation of `configuration`'s languages against
    /// `sources` (the parsed source lessons).
    public static func load(
        _ configuration: CourseConfiguration, lessonsDirectory: String, sources: [Lesson]
    ) -> Loaded {
        var loaded = Loaded()
        let byName = Dictionary(sources.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for language in configuration.languages.dropFirst() {
            let folder = directory(of: language, in: lessonsDirectory)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            var lessons: [Lesson] = []
            for path in paths(of: language, in: lessonsDirectory) {
                let (lesson, errors, warnings) = check(path, sources: byName)
                loaded.errors += errors
                loaded.warnings += warnings
                if let lesson { lessons.append(lesson) }
            }
            let translated = Set(lessons.map(\.name))
            for source in sources where !translated.contains(source.name) {
                loaded.warnings.append(LessonWarning(
                    path: source.path,
                    message: "has no \(language.name) translation: write \(folder)/\(source.name) (first line "
                        + "`\(TranslationStamp(source: source.name, hash: TranslationStamp.pending).line)`)"))
            }
            loaded.languages.append(Language(language: language, lessons: lessons))
        }
        return loaded
    }

    /// The translation at `path`, parsed, its stamp read and its programs compared with its source's.
    static func check(_ path: String, sources: [String: Lesson]) -> (Lesson?, [LessonError], [LessonWarning]) {
        let text: String
        do { text = try LessonFiles.read(path) } catch { return (nil, [error], []) }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let source = sources[name] else {
            return (nil, [LessonError(stage: .translate, path: path, message: "translates no lesson: there is no source lesson \(name)")], [])
        }
        var warnings: [LessonWarning] = []
        let stamp = TranslationStamp(firstLineOf: text)
        let restamp = "run `swift run lessons stamp \(path)` once the translation is checked"
        if let stamp {
            if stamp.source != name {
                return (nil, [LessonError(stage: .translate, path: path, line: 1,
                    message: "the stamp names \(stamp.source), but a translation has its source's file name (\(name))")], [])
            }
            let current = TranslationStamp.hash(of: source)
            if stamp.hash == TranslationStamp.pending {
                warnings.append(LessonWarning(path: path, line: 1, message: "not stamped yet (blocks: pending); \(restamp)"))
            } else if stamp.hash != current {
                warnings.append(LessonWarning(path: path, line: 1,
                    message: "stale: the blocks of \(source.path) changed since this translation was stamped "
                        + "(\(stamp.hash), now \(current)); update the translation to follow them, then \(restamp)"))
            }
        } else {
            warnings.append(LessonWarning(path: path, line: 1,
                message: "has no stamp: its first line should be `\(TranslationStamp(source: name, hash: TranslationStamp.pending).line)`; then \(restamp)"))
        }
        let lesson: Lesson
        do throws(LessonFailures) {
            lesson = try LessonParser.parse(path: path, source: TranslationStamp.blanked(text), translationOf: source.path)
        } catch {
            return (nil, error.errors, warnings)
        }
        return (lesson, DriftGuard.compare(lesson, with: source), warnings)
    }

    /// Rewrites the stamp of each translation in `paths` (every translation of the course when
    /// empty) with its source's current hash, after checking its programs; a translation that
    /// drifted is not stamped. Returns the paths stamped and the failures.
    public static func stamp(lessonsDirectory: String, paths: [String] = []) -> (stamped: [String], failures: [LessonError]) {
        var failures: [LessonError] = []
        var sources: [String: Lesson] = [:]
        do {
            for path in try LessonFiles.paths(in: lessonsDirectory) {
                do throws(LessonFailures) {
                    let text: String
                    do { text = try LessonFiles.read(path) } catch { throw LessonFailures([error]) }
                    let lesson = try LessonParser.parse(path: path, source: text)
                    sources[lesson.name] = lesson
                } catch {
                    failures += error.errors
                }
            }
        } catch {
            return ([], [error])
        }
        let configuration: CourseConfiguration
        do { configuration = try CourseConfiguration.load(lessonsDirectory: lessonsDirectory) } catch { return ([], [error]) }
        let targets = paths.isEmpty ? configuration.languages.dropFirst().flatMap { Self.paths(of: $0, in: lessonsDirectory) } : paths
        var stamped: [String] = []
        for path in targets {
            let (lesson, errors, _) = check(path, sources: sources)
            guard let lesson, errors.isEmpty, let source = sources[lesson.name] else {
                failures += errors
                continue
            }
            let text: String
            do { text = try LessonFiles.read(path) } catch { failures.append(error); continue }
            let updated = TranslationStamp.stamped(text, with: TranslationStamp(source: source.name, hash: TranslationStamp.hash(of: source)))
            do {
                try Data(updated.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
                stamped.append(path)
            } catch {
                failures.append(LessonError(stage: .write, path: path, message: "cannot write the stamp: \(error.localizedDescription)"))
            }
        }
        return (stamped, failures)
    }
}
