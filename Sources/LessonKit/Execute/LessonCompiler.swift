import Foundation
import Subprocess

#if canImport(System)
    import System
#else
    import SystemPackage
#endif

/// Compiles a lesson program with `swiftc` against the Drop and LessonRuntime modules.
struct LessonCompiler {
    var toolchain: Toolchain

    /// The outcome of one compilation.
    struct Outcome {
        /// The compiler's errors; empty when the program was built.
        var errors: [Diagnostic]
        /// Everything the compiler printed, for errors it printed in no known form.
        var output: String
        var succeeded: Bool
    }

    /// Compiles `source` into the executable `program`, writing the source beside it;
    /// `lessonPath` is the file its `#sourceLocation`s name.
    func compile(_ source: String, to program: String, lessonPath: String) async throws -> Outcome {
        let main = program + ".swift"
        try source.write(toFile: main, atomically: false, encoding: .utf8)
        let products = toolchain.products
        // Swift 5 mode: in Swift 6 mode top-level variables are main-actor isolated, so a
        // function declared in one cell could not update a variable of another.
        // Only libLessonRuntime.so is linked: SwiftPM builds Drop into it, and linking libDrop.so
        // too would give the program a second Drop, with its own default generator.
        let result = try await Subprocess.run(
            .path(FilePath(toolchain.swiftc)),
            arguments: [
                "-Onone", "-swift-version", "5", "-suppress-warnings", "-diagnostic-style", "llvm",
                "-module-name", "Lesson", "-I", products + "/Modules", "-L", products,
                "-lLessonRuntime", "-Xlinker", "-rpath", "-Xlinker", products,
                main, "-o", program,
            ],
            output: .string(limit: 1 << 24), error: .string(limit: 1 << 24))
        let output = result.standardOutput + result.standardError
        return Outcome(
            errors: Diagnostic.errors(in: output, lessonPath: lessonPath), output: output,
            succeeded: result.terminationStatus.isSuccess)
    }
}
