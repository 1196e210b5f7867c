import Drop
@preconcurrency import Glibc
import Synchronization

// A lesson declares the data files it reads in its front matter (`data: digits.txt`); the engine
// hashes them into the lesson's cache key and tells the program where they are, before the first
// block. Reading any other file through these helpers is an error at the lesson's line, so a
// lesson cannot read data that would not re-run it when the data changes.

/// The declared files, by name.
private let declaredFiles = Mutex<[String: String]>([:])

/// Tells the program where the declared data file `name` is. Called by the program `lessons`
/// generates, before the first block; not for lessons themselves.
public func _lessonDeclareData(_ name: String, path: String) {
    declaredFiles.withLock { $0[name] = path }
}

/// The text of the data file `name`, which the lesson must declare in its front matter
/// (`data: name`); an undeclared or unreadable file stops the lesson at the calling line.
public func readDataFile(_ name: String, file: StaticString = #file, line: UInt = #line) -> String {
    guard let path = declaredFiles.withLock({ $0[name] }) else {
        fatalError(
            "data file `\(name)` is not declared: add `data: \(name)` to the lesson's front matter "
                + "(it makes the file part of the lesson's cache key)", file: file, line: line)
    }
    guard let stream = fopen(path, "rb") else {
        fatalError("data file `\(name)` cannot be read at \(path)", file: file, line: line)
    }
    defer { fclose(stream) }
    var bytes: [UInt8] = [], chunk = [UInt8](repeating: 0, count: 1 << 16)
    while case let count = fread(&chunk, 1, chunk.count, stream), count > 0 { bytes += chunk[..<count] }
    return String(decoding: bytes, as: UTF8.self)
}

/// The 8×8 handwritten digits of `Lessons/data/digits.txt` (UCI, CC BY 4.0, scikit-learn's
/// copy): `images` is `(n, 64)` with pixels scaled from 0…16 to 0…1, `labels` are 0…9, in the
/// order of `sklearn.datasets.load_digits()`.
public func readDigits(
    _ name: String = "digits.txt", file: StaticString = #file, line: UInt = #line
) -> (images: Tensor, labels: [Int]) {
    var pixels: [Float] = [], labels: [Int] = []
    for (number, row) in readDataFile(name, file: file, line: line).split(separator: "\n").enumerated()
    where !row.hasPrefix("#") {
        // "7 00a…": a label, a space, 64 base-17 digits (space reads as -16).
        let values = row.utf8.map { Int($0) - ($0 >= 97 ? 87 : 48) }
        guard values.count == 66, (0...9).contains(values[0]), values[1] == -16,
            values[2...].allSatisfy({ (0...16).contains($0) })
        else {
            fatalError(
                "\(name):\(number + 1): not a digits line (a label, a space, 64 pixels 0-9a-g)",
                file: file, line: line)
        }
        labels.append(values[0])
        pixels += values[2...].map { Float($0) / 16 }
    }
    return (Tensor(pixels, shape: [labels.count, 64]), labels)
}
