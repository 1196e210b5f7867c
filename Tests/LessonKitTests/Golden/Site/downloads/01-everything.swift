// 01-everything.swift: the run blocks of "Everything: the fixture lesson" (Lessons/01-everything.md), in order, each
// seeded as on the page (built with --seed 1234567). From a Droplab checkout, after `swift build`:
//   swift -swift-version 5 -module-name lesson -I .build/debug/Modules -L .build/debug -lLessonRuntime Site/downloads/01-everything.swift
// Another seed: change the manualSeed(…) numbers, or rebuild with `lessons build --seed N`.
import Drop
import LessonRuntime

// Figures are drawn on the lesson's page; run alone, each one is announced by a line.
func show(_ figure: some Figure) { show(svg: figure.svg) }
func show(svg: String) { print("[figure: \(svg.utf8.count) bytes of SVG]") }

// MARK: - Block 1 (Lessons/01-everything.md:56)
manualSeed(1234567)
let x = Tensor([1, 2, 3])
print(x) // a comment

// MARK: - Block 2 (Lessons/01-everything.md:61)
manualSeed(1234568)
print("only the output: <b> & ünïcödé")

// MARK: - Block 3 (Lessons/01-everything.md:65)
manualSeed(1234569)
let unused = "nothing shown"

// MARK: - Block 4 (Lessons/01-everything.md:69)
manualSeed(99)
print("to stdout")
fputs("to stderr\n", stderr)
print("stdout again")

// MARK: - Block 5 (Lessons/01-everything.md:75)
// This block fails on purpose (should-fail); its error is on the page.
// let y: Int = "not a number"

// MARK: - Block 6 (Lessons/01-everything.md:79)
manualSeed(7)
show(Heatmap(mask, title: "DropPath mask"))
show(LinePlot(...))
