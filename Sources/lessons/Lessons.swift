import ArgumentParser
import Drop
import LessonKit

@main
struct Lessons: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run and render the Droplab lessons.")
    func run() throws { print("lessons \(Drop.version)") }
}
