// swift-tools-version: 6.2
import PackageDescription

// The kernels are optimised in every configuration (a debug build's unspecialised SIMD generics
// would be ~100× slower; Drop checks their inputs, so they skip overflow checks), and each vector-ISA variant is built for its CPU family;
// `Drop` picks one at run time from the CPU's flags, and all give the same bits.
// `-fno-math-errno` lets `squareRoot()` be one (vector) instruction instead of a test and a
// libm call per lane that could set errno; no result changes.
let kernelFlags = ["-Ounchecked", "-Xcc", "-fno-math-errno"]
#if arch(x86_64)
    let avx2Flags = kernelFlags + ["-target-cpu", "haswell"]
    // LLVM tunes skylake-avx512 to vectorise loops 256 bits wide (Skylake-SP clocked down under
    // 512-bit work); turned off (`-prefer-256-bit`, passed to the code generator through the
    // Clang importer), loops run 16 floats at a time. GELU of (8, 197, 768) on Zen 4 took
    // 595–669 → 444–523 µs (Benchmarks/README.md). Explicit SIMD16 code was 512 bits wide already.
    let avx512Flags =
        kernelFlags + ["-target-cpu", "skylake-avx512"]
        + ["-Xcc", "-Xclang", "-Xcc", "-target-feature", "-Xcc", "-Xclang", "-Xcc", "-prefer-256-bit"]
#else
    let avx2Flags = kernelFlags
    let avx512Flags = kernelFlags
#endif

let package = Package(
    name: "Droplab",
    products: [
        // Dynamic, so that lesson programs compiled by `lessons` can link against them.
        .library(name: "Drop", type: .dynamic, targets: ["Drop"]),
        .library(name: "LessonRuntime", type: .dynamic, targets: ["LessonRuntime"]),
        .executable(name: "lessons", targets: ["lessons"]),
        .executable(name: "drop-bench", targets: ["drop-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.1"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        // `lessons serve`'s HTTP server (Sources/lessons/ServeHTTP.swift); Benchmarks/README.md says why not Hummingbird.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // Tensors, PyTorch's generator and printing, the dropout family, a ViT block. Optimised in
        // every configuration: lesson programs link the debug build that `swift build` leaves, and
        // `-O` changes no bit (Swift never contracts float operations) while keeping Drop's checks.
        // `-wmo`: as a release build does, so that helpers in one file (`map`, `freshScalars`, …)
        // are inlined into the others; file by file, every elementwise op called its closure per
        // element. `-num-threads 2` makes it emit one object per file, as SwiftPM's debug build
        // (with its index store) expects.
        .target(
            name: "Drop", dependencies: ["_DropKernels", "_DropKernelsAVX2", "_DropKernelsAVX512"],
            swiftSettings: [.unsafeFlags(["-O", "-wmo", "-num-threads", "2"])]),
        // Drop's blocked matrix product, generic over the vector width, and its worker threads.
        .target(name: "_DropKernels", swiftSettings: [.unsafeFlags(kernelFlags)]),
        .target(
            name: "_DropKernelsAVX2", dependencies: ["_DropKernels"],
            swiftSettings: [.unsafeFlags(avx2Flags)]),
        .target(
            name: "_DropKernelsAVX512", dependencies: ["_DropKernels"],
            swiftSettings: [.unsafeFlags(avx512Flags)]),
        // What a lesson program links besides Drop: output capture markers and SVG figures.
        .target(name: "LessonRuntime", dependencies: ["Drop", "_LessonProtocol"]),
        // The channel between lesson programs and the engine: its frames, written by
        // LessonRuntime and read by LessonKit.
        .target(name: "_LessonProtocol"),
        // Debian's libcmark-gfm, seen from Swift. Only LessonKit/Parse/Markdown.swift imports it.
        .systemLibrary(
            name: "CCmarkGFM",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // The lesson pipeline: parse → execute → inject → render → write.
        .target(
            name: "LessonKit",
            dependencies: [
                "CCmarkGFM",
                "_LessonProtocol",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SwiftIDEUtils", package: "swift-syntax"),
                .product(name: "SwiftParser", package: "swift-syntax"),
                .product(name: "SwiftSyntax", package: "swift-syntax"),
            ],
            exclude: ["Render/Fonts/make_math_font.py"],
            resources: [.copy("Render/Fonts/DroplabMath.woff2"), .copy("Render/Fonts/OFL.txt")]
        ),
        .executableTarget(
            name: "lessons",
            dependencies: [
                "LessonKit",
                "Drop",  // for Drop.version, shown in the site's footer
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        .executableTarget(name: "drop-bench", dependencies: ["Drop"]),
        // Times every public op in the build lessons link; Benchmarks/ops_bench.sh runs it beside PyTorch.
        .executableTarget(name: "ops-bench", dependencies: ["Drop"]),
        // Times a ViT block stack's forward pass; compare with Benchmarks/vit_bench.py.
        .executableTarget(name: "vit-bench", dependencies: ["Drop"]),
        // One AdamW training step of a small BlockStack; compare with Benchmarks/train_bench.py.
        .executableTarget(name: "train-bench", dependencies: ["Drop"]),
        .testTarget(
            name: "DropTests", dependencies: ["Drop", "_DropKernels"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "LessonKitTests",
            dependencies: ["LessonKit", "LessonRuntime"],
            resources: [.copy("Fixtures"), .copy("Golden")]
        ),
    ]
)
