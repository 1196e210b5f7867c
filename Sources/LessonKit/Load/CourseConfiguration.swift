import Foundation

/// The course's languages and the words of its interface, read from `course.json` in the
/// lessons directory. Without that file the course is English only, in `Interface.english`.
///
/// ```json
/// {"languages": [
///   {"code": "en", "lang": "en", "name": "English", "interface": {"title": "Droplab", …}},
///   {"code": "zh", "lang": "zh-Hans", "name": "中文", "interface": {…}}]}
/// ```
/// The first language is the source, built into the site's root from the lessons directory;
/// every other one is built into `Site/CODE/` from `Lessons/CODE/`, when that folder exists.
public struct CourseConfiguration: Sendable, Hashable {
    /// The file's name in the lessons directory.
    public static let fileName = "course.json"

    /// One language of the course.
    public struct Language: Sendable, Hashable, Codable {
        /// The folder of its lessons and pages (`zh`); the source's is unused.
        public var code: String
        /// `<html lang>`: `en`, `zh-Hans`.
        public var lang: String
        /// What the link to it reads, in itself: `English`, `中文`.
        public var name: String
        /// The interface's words in it.
        public var interface: Interface
    }

    /// Every language; the first is the source.
    public var languages: [Language]

    /// The source language.
    public var source: Language { languages[0] }

    /// An English-only course with the built-in words.
    public static let english = CourseConfiguration(
        languages: [Language(code: "en", lang: "en", name: "English", interface: .english)])

    /// The configuration of the lessons in `directory`: its `course.json`, else `english`.
    /// A file that is not JSON, lacks a key or has one of the wrong type is an error naming
    /// the file and the line.
    public static func load(lessonsDirectory directory: String) throws(LessonError) -> CourseConfiguration {
        let trimmed = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let path = trimmed + "/" + fileName
        guard FileManager.default.fileExists(atPath: path) else { return .english }
        let text: String
        do { text = try LessonFiles.read(path) } catch { throw error }
        return try parse(text, path: path)
    }

    /// Reads `text`, the contents of `path`.
    static func parse(_ text: String, path: String) throws(LessonError) -> CourseConfiguration {
        func fail(_ message: String, line: Int?) -> LessonError {
            LessonError(stage: .parse, path: path, line: line, message: "course configuration: " + message)
        }
        struct File: Decodable { var languages: [Language] }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: Data(text.utf8))
        } catch let error as DecodingError {
            switch error {
            case .keyNotFound(let key, let context):
                let at = context.codingPath
                throw fail("\(describe(at)) has no \"\(key.stringValue)\"", line: line(of: at, in: text))
            case .typeMismatch(_, let context), .valueNotFound(_, let context):
                throw fail("\(describe(context.codingPath)) is not a string", line: line(of: context.codingPath, in: text))
            case .dataCorrupted(let context):
                let detail = "\((context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] ?? context.debugDescription)"
                throw fail("it is not valid JSON (\(detail))", line: lineInMessage(detail))
            @unknown default:
                throw fail("\(error)", line: nil)
            }
        } catch {
            throw fail("\(error)", line: nil)
        }
        guard !file.languages.isEmpty else { throw fail("\"languages\" is empty", line: line(of: [], in: text)) }
        var codes = Set<String>()
        for language in file.languages {
            let valid = !language.code.isEmpty && language.code.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            guard valid, codes.insert(language.code).inserted else {
                throw fail("language code \"\(language.code)\" must be unique letters, digits or '-'", line: lineOfString("\"\(language.code)\"", in: text))
            }
        }
        return CourseConfiguration(languages: file.languages)
    }

    private static func describe(_ path: [CodingKey]) -> String {
        path.isEmpty ? "the file" : path.map { $0.intValue.map { "[\($0)]" } ?? "\"\($0.stringValue)\"" }.joined(separator: " ")
    }

    /// The line where the object at `path` opens, found by walking the text: good enough to
    /// point at the object missing a key.
    private static func line(of path: [CodingKey], in text: String) -> Int {
        let scalars = Array(text.unicodeScalars)
        var position = 0
        for key in path {
            if let index = key.intValue {
                // The index-th element of the array starting at `position`.
                guard let open = scalars[position...].firstIndex(of: "[") else { break }
                var depth = 0, element = 0, i = open + 1, inString = false
                while i < scalars.count {
                    let c = scalars[i]
                    if depth == 0, element == index, !inString, !c.properties.isWhitespace, c != "," {
                        position = i
                        break
                    }
                    if inString {
                        if c == "\\" { i += 1 } else if c == "\"" { inString = false }
                    } else if c == "\"" {
                        inString = true
                    } else if c == "[" || c == "{" {
                        depth += 1
                    } else if c == "]" || c == "}" {
                        if depth == 0 { break }
                        depth -= 1
                    } else if c == ",", depth == 0 {
                        element += 1
                    }
                    i += 1
                }
            } else {
                let needle = Array("\"\(key.stringValue)\"".unicodeScalars)
                var i = position
                while i + needle.count <= scalars.count, Array(scalars[i..<i + needle.count]) != needle { i += 1 }
                if i + needle.count <= scalars.count { position = i }
            }
        }
        return scalars[..<position].count { $0 == "\n" } + 1
    }

    private static func lineOfString(_ needle: String, in text: String) -> Int? {
        guard let range = text.range(of: needle) else { return nil }
        return text[..<range.lowerBound].count { $0 == "\n" } + 1
    }

    /// `… around line 3, column 5.` in Foundation's message.
    private static func lineInMessage(_ message: String) -> Int? {
        guard let range = message.range(of: "line ") else { return nil }
        return Int(message[range.upperBound...].prefix { $0.isNumber })
    }
}
