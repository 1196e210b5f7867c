import Foundation

/// What a lesson program is compiled with: the Swift compiler, the `Drop` and `LessonRuntime`
/// modules, and the LessonRuntime library SwiftPM built (which holds Drop too).
public struct Toolchain: Sendable, Hashable {
    /// The compiler's `swift-frontend`, which compiles a lesson program in memory and runs it.
    public var frontend: String
    /// The build products directory holding `libLessonRuntime.so` and `Modules/`.
    public var products: String
    /// A digest of everything here that can change a lesson's output: the libraries, their
    /// module interfaces and `swiftc --version`.
    public var fingerprint: String

    /// The files a lesson program needs from the build, relative to the products directory.
    static let requiredProducts = [
        "libLessonRuntime.so", "Modules/Drop.swiftmodule", "Modules/LessonRuntime.swiftmodule",
    ]

    /// Where `lessons` keeps its result cache and the memoized compiler version: beside the
    /// build products (`.build/debug/lessons-cache`), one fixed place per checkout and build
    /// configuration, whatever folder `lessons` runs from.
    public var cacheDirectory: String { Self.cacheDirectory(products: products) }

    private static func cacheDirectory(products: String) -> String { products + "/lessons-cache" }

    /// Finds the toolchain for the running executable (or test bundle): the products SwiftPM
    /// built beside it, and the compiler of the `swiftc` on the `PATH`. `scratch` keeps the
    /// memoized compiler version; by default, the `cacheDirectory`.
    public static func locate(scratch: String? = nil) throws(LessonError) -> Toolchain {
        let products = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            .deletingLastPathComponent().path
        return try locate(products: products, scratch: scratch ?? cacheDirectory(products: products))
    }

    /// Uses the build products in `products` and the compiler of the `swiftc` on the `PATH`.
    public static func locate(products: String, scratch: String) throws(LessonError) -> Toolchain {
        let missing = requiredProducts.filter {
            !FileManager.default.fileExists(atPath: products + "/" + $0)
        }
        guard missing.isEmpty else {
            throw LessonError(
                stage: .compile, path: products,
                message: "missing \(missing.joined(separator: ", ")): run `swift build` first "
                    + "(it builds the LessonRuntime library lessons link against)")
        }
        let library = products + "/libLessonRuntime.so"
        for module in ["Drop", "LessonRuntime"] {
            // `swift run` and `swift test` rebuild a changed module but do not relink the dynamic
            // library: lessons would then compile against one Drop and run another.
            let built = modificationDate(products + "/Modules/\(module).swiftmodule")
            guard let built, let linked = modificationDate(library), linked >= built else {
                throw LessonError(
                    stage: .compile, path: library,
                    message: "older than the \(module) module it holds: run `swift build`")
            }
        }
        guard let swiftc = findOnPath("swiftc") else {
            throw LessonError(stage: .compile, path: "swiftc", message: "swiftc is not on the PATH")
        }
        let frontend = URL(fileURLWithPath: swiftc).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("swift-frontend").path
        var hash = StableHash()
        for file in requiredProducts {
            hash.combine(file)
            hash.combine(contentsOf: products + "/" + file)
        }
        hash.combine(compilerVersion(swiftc, frontend: frontend, scratch: scratch))
        return Toolchain(frontend: frontend, products: products, fingerprint: hash.hex)
    }

    private static func modificationDate(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }

    private static func findOnPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// `swiftc --version`, memoized by the compiler binary's identity: spawning the driver costs
    /// more than an unchanged rebuild of the whole course may take.
    private static func compilerVersion(_ swiftc: String, frontend: String, scratch: String)
        -> String
    {
        var identity = StableHash()
        for file in [URL(fileURLWithPath: swiftc).resolvingSymlinksInPath().path, frontend] {
            let attributes = try? FileManager.default.attributesOfItem(atPath: file)
            identity.combine(file)
            identity.combine("\(attributes?[.size] ?? 0) \(attributes?[.modificationDate] ?? 0)")
        }
        let memo = scratch + "/swiftc-version-" + identity.hex
        if let version = try? String(contentsOfFile: memo, encoding: .utf8) { return version }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: swiftc)
        process.arguments = ["--version"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return "unknown" }
        let version = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        try? version.write(toFile: memo, atomically: true, encoding: .utf8)
        return version
    }
}

extension StableHash {
    /// Mixes in a file's bytes (nothing if it cannot be read).
    mutating func combine(contentsOf path: String) {
        guard let data = FileManager.default.contents(atPath: path) else { return }
        combine(String(data.count))
        data.withUnsafeBytes { raw in
            // A word at a time: the libraries are megabytes and this runs on every build.
            let words = raw.count / 8
            for i in 0..<words {
                let word = raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)
                value = (value ^ word) &* 0x0000_0100_0000_01b3
            }
            combine(raw[(words * 8)...])
        }
    }
}
