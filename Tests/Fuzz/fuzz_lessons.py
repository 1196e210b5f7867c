#!/usr/bin/env python3
"""Lesson fuzzer: feeds random and hostile lessons to the real `lessons` binary.

Each case is a lesson (or a folder of lessons) made from a fixed seed: random Markdown, fences
with random info strings and options, stray `$`, CR/LF mixes, random bytes, and run blocks with
hostile output (control bytes, the capture protocol's own tokens, private-use characters,
`<script>`, huge numbers, hostile `show(svg:)`). Most cases stop at an authoring error or have no
run block, so nothing is compiled; about one in twelve compiles and runs.

A case fails when `lessons` itself crashes (dies by a signal: a Swift trap or a fault of the
engine, not of the lesson program, which `lessons` reports as an error), hangs (runs past
--timeout), exits with a code other than 0 or 1, reports an error that names no file (or in
Foundation's words), or, for a build, leaves a staging folder, writes a page that carries a
<script>, or writes nothing although it succeeded. Each failing case's lessons are saved under
--save for replay (`--only N` runs case N alone).

    python3 Tests/Fuzz/fuzz_lessons.py --cases 300 --seed 1

The last line is `N passed, M failed`; the exit code is 1 if any case failed.
"""

import argparse
import concurrent.futures
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# MARK: - Random lessons

WORDS = "dropout droppath tensor seed mask residual branch sample keep scale the a of is".split()
INFO_STRINGS = [
    "swift", "python", "math", "", "text", "swift runner", "Swift run", "swiftrun", "swift\trun x",
    "swift run{}", "`swift run`", "swift run " + "x" * 300,
]
GOOD_OPTIONS = ["hide", "silent", "should-fail", "id=a", "id=b-1", "timeout=30"]
BAD_OPTIONS = [
    "loud", "hide=1", "id=", "id=#3", "id=a b", "timeout=-1", "timeout=nan", "timeout=inf",
    "timeout=1e999", "timeout=", "timeout", "id", "hide silent", "id=\u00e9\u0301", "\u0000",
    "timeout=0x10", "--hide",
]
MATH = ["$x$", "$$", "$", "\\$", "$a_i^2$", "$$\\frac{1}{1-p}$$", "$\\unknowncommand$", "$$\\begin{x}",
        "$5 and $6", "$\\sqrt{$", "$$" * 40, "${}^{}_{}$", "$\\text{<script>}$"]
HOSTILE_TEXT = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
    "<iframe src=//example.invalid>", "[x](javascript:alert(1))", "<!--", "-->", "<style>",
    "\u0001droplab:block:9\u0002", "\ue000", "\ue011", "\ufeff", "\u0000", "\u202e", "\\", "&#0;",
    "&#x110000;", "*" * 200, "[" * 300, ">" * 200, "`" * 50, "~~~", "|a|b|\n|-|-|\n|1|2|",
    "---\ntitle: x\n---", "# " + "#" * 10, "1. " * 50, "\t" * 20 + "x",
]
# Run block bodies that compile and print what an engine could choke on.
HOSTILE_BLOCKS = [
    'print("\\u{1}\\u{2}\\u{1b}[31mred\\u{7}\\u{0}")',
    'print("\\u{1}droplab:block:99\\u{2}injected")',
    'print("\\u{1}droplab:svg\\u{2}<svg>half")',
    'print("\\u{1}droplab:/svg\\u{2}")',
    'FileHandle.standardError.write("\\u{1}droplab:survived\\u{2}".data(using: .utf8)!)',
    'FileHandle.standardError.write("\\u{1}droplab:at:999999:1\\u{2}".data(using: .utf8)!)',
    'print(String((0xE000...0xE011).map { Character(Unicode.Scalar($0)!) }))',
    'print("<script>alert(1)</script> &amp; </pre></code>")',
    'print(Double.greatestFiniteMagnitude, Double.nan, -Double.infinity, Int.max, Int.min)',
    'print(String(repeating: "9", count: 20000))',
    'print(randn(2, 3))',
    'print("no newline", terminator: "")',
    'show(svg: "<svg xmlns=\\"http://www.w3.org/2000/svg\\"><script>alert(1)</script></svg>")',
    'show(svg: "<svg onload=\\"alert(1)\\"><a href=\\"javascript:alert(1)\\">x</a></svg>")',
    'show(svg: "not an svg \\u{1}droplab:block:0\\u{2}")',
    'show(svg: "<svg><foreignObject><iframe src=\\"http://example.invalid\\"/></foreignObject></svg>")',
    'show(svg: "")',
    'print(String(repeating: "\\u{E000}", count: 1000))',
    'for i in 0..<3 { print(i, terminator: "\\r") }',
]
FAILING_BLOCKS = ['fatalError("boom")', "let x: Int = \"not an int\"", "[1][5]", "exit(3)"]


def words(rng, low=1, high=12):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def paragraph(rng):
    parts = []
    for _ in range(rng.randint(1, 6)):
        roll = rng.random()
        if roll < 0.5:
            parts.append(words(rng))
        elif roll < 0.7:
            parts.append(rng.choice(MATH))
        elif roll < 0.9:
            parts.append(rng.choice(HOSTILE_TEXT))
        else:
            parts.append("`" + words(rng, 1, 3) + "`")
    return " ".join(parts)


def fence(rng, info, body):
    marker = rng.choice(["```", "````", "~~~"])
    closed = rng.random() > 0.05
    return marker + info + "\n" + body + ("\n" + marker if closed else "")


def run_fence(rng, body, options):
    return fence(rng, " swift run " + " ".join(options) if rng.random() < 0.1 else "swift run " + " ".join(options), body)


def markdown(rng, run_blocks):
    """A lesson: a title, random paragraphs and fences, and `run_blocks` (already fenced)."""
    pieces = ["# " + paragraph(rng)]
    for _ in range(rng.randint(0, 8)):
        roll = rng.random()
        if roll < 0.55:
            pieces.append(paragraph(rng))
        elif roll < 0.75:
            pieces.append(fence(rng, rng.choice(INFO_STRINGS), paragraph(rng)))
        elif roll < 0.85:
            pieces.append(fence(rng, "math", rng.choice(MATH + ["\\frac{a}{b}", "\\begin{matrix}"])))
        else:
            pieces.append("- " + paragraph(rng) + "\n  - " + paragraph(rng))
    for block in run_blocks:
        pieces.insert(rng.randint(1, len(pieces)), block)
    return "\n\n".join(pieces) + "\n"


def to_bytes(rng, text):
    """The lesson's bytes: mostly UTF-8 with LF, sometimes CRLF or CR mixes, or broken bytes."""
    roll = rng.random()
    if roll < 0.15:
        text = text.replace("\n", "\r\n")
    elif roll < 0.25:
        text = "".join(rng.choice(["\n", "\r\n", "\r"]) if c == "\n" else c for c in text)
    data = text.encode("utf-8", "surrogatepass")
    if rng.random() < 0.1:
        at = rng.randint(0, len(data))
        data = data[:at] + bytes(rng.randint(0, 255) for _ in range(rng.randint(1, 8))) + data[at:]
    if rng.random() < 0.02:
        data = bytes(rng.randint(0, 255) for _ in range(rng.randint(0, 2000)))
    return data


def parse_only_lesson(rng):
    """A lesson that compiles nothing: no run block, or at least one with an authoring error."""
    if rng.random() < 0.4:
        return to_bytes(rng, markdown(rng, []))
    blocks = [run_fence(rng, paragraph(rng), rng.sample(GOOD_OPTIONS, rng.randint(0, 2)))
              for _ in range(rng.randint(0, 3))]
    bad = rng.sample(BAD_OPTIONS, 1) + rng.sample(GOOD_OPTIONS, rng.randint(0, 2))
    rng.shuffle(bad)
    blocks.append(run_fence(rng, "print(1)", bad))
    return to_bytes(rng, markdown(rng, blocks))


def compiling_lesson(rng):
    """A lesson whose run blocks compile and print hostile output (and sometimes fail)."""
    blocks = []
    for index in range(rng.randint(1, 4)):
        body = "\n".join(rng.sample(HOSTILE_BLOCKS, rng.randint(1, 3)))
        options = []
        if rng.random() < 0.15:
            body, options = rng.choice(FAILING_BLOCKS), ["should-fail"] if rng.random() < 0.7 else []
        if rng.random() < 0.2:
            options.append("id=b%d" % index)
        blocks.append("```swift run " + " ".join(options) + "\n" + body + "\n```")
    text = markdown(rng, blocks)
    return text.replace("\n", "\r\n").encode() if rng.random() < 0.2 else text.encode()


# MARK: - Cases


def make_case(seed, number, compile_share):
    """(command kind, {file name: bytes}) of case `number`, the same for the same seed."""
    rng = random.Random("%d/%d" % (seed, number))
    compiles = rng.random() < compile_share
    make = compiling_lesson if compiles else parse_only_lesson
    kind = "run" if rng.random() < 0.5 else "build"
    if kind == "run":
        return kind, compiles, {"lesson.md": make(rng)}
    lessons = {name + ".md": parse_only_lesson(rng) for name in rng.sample("abc", rng.randint(1, 3))}
    if compiles:
        lessons = {"a.md": make(rng)}
    elif rng.random() < 0.3:
        # A build of lessons that render without compiling: no run block at all.
        lessons = {name: to_bytes(rng, markdown(rng, [])) for name in lessons}
    return kind, compiles, lessons


CRASH_TEXT = re.compile(r"^(Fatal error|💣 Program crashed|Segmentation fault|Illegal instruction|Current stack trace)", re.M)


# Script in a page: a <script> element, an event-handler attribute, or a javascript: link.
SCRIPT = re.compile(r"<script|<[a-z][^<>]*\son[a-z]+\s*=|<[a-z][^<>]*(?:href|src)\s*=\s*[\"']?\s*javascript:", re.I)
# The site's own search scripts, files it wrote beside the pages, in every page's <head>: not lesson content.
OWN_SCRIPTS = '<script src="search-index.js" defer></script>\n<script src="search.js" defer></script>\n</head>'


def crash_class(stderr):
    """`Index out of range at LessonParser.swift:15`: the trap and the first frame in our sources."""
    trap = re.search(r"Fatal error: ([^\n]*)|Program crashed: ([^\n*]*)", stderr)
    frame = re.search(r" in lessons at \S*/Sources/(\S+?):(\d+)", stderr)
    what = (trap.group(1) or trap.group(2)).strip() if trap else "no message"
    return what + (" at %s:%s" % frame.groups() if frame else "")


def judge(kind, directory, lessons_dir, out, result):
    """The reasons a finished case failed (none if it passed)."""
    reasons = []
    output = result.stdout + result.stderr
    if result.returncode < 0:
        reasons.append("crash: lessons died by signal %d (%s)" % (-result.returncode, crash_class(result.stderr)))
    elif result.returncode not in (0, 1):
        reasons.append("exit code %d" % result.returncode)
    if CRASH_TEXT.search(result.stderr) and result.returncode != 1:
        reasons.append("crash: a runtime trap message of lessons itself")
    if "NSCocoaErrorDomain" in output or "Error Domain=" in output:
        reasons.append("an error in Foundation's words, not in words")
    error_lines = [line for line in result.stderr.splitlines() if re.search(r": error: |^Error: ", line)]
    if result.returncode == 1:
        named = [line for line in error_lines if line.startswith(directory + "/") or line.startswith(directory + ":")]
        if not named:
            reasons.append("an error that names no file")
        if any(line.startswith("Error: ") for line in error_lines):
            reasons.append("an error the command line did not word")
    if kind == "build":
        leftovers = [name for name in os.listdir(directory) if name.startswith(".out.")]
        if leftovers:
            reasons.append("staging folders left behind: %s" % leftovers)
        if result.returncode == 0:
            if not os.path.isfile(os.path.join(out, "index.html")):
                reasons.append("succeeded but wrote no index.html")
            for name in os.listdir(out) if os.path.isdir(out) else []:
                if name.endswith(".html"):
                    with open(os.path.join(out, name), encoding="utf-8", errors="replace") as page:
                        if SCRIPT.search(page.read().replace(OWN_SCRIPTS, "</head>", 1)):
                            reasons.append("a page that carries script: %s" % name)
        elif os.path.exists(out):
            reasons.append("failed but wrote the site")
    return reasons


def run_case(options, number):
    kind, compiles, lessons = make_case(options.seed, number, options.compile_share)
    directory = tempfile.mkdtemp(prefix="droplab-fuzz-%d-" % number)
    try:
        lessons_dir = os.path.join(directory, "Lessons")
        os.mkdir(lessons_dir)
        for name, data in lessons.items():
            with open(os.path.join(lessons_dir, name), "wb") as file:
                file.write(data)
        out = os.path.join(directory, "out")
        if kind == "run":
            command = [options.binary, "run", os.path.join(lessons_dir, "lesson.md"), "--no-cache"]
        else:
            command = [options.binary, "build", "--lessons", lessons_dir, "--out", out, "--no-cache", "--jobs", "1"]
        try:
            result = subprocess.run(
                command, cwd=directory, capture_output=True, timeout=options.timeout, stdin=subprocess.DEVNULL,
                encoding="utf-8", errors="replace")
            reasons = judge(kind, directory, lessons_dir, out, result)
            detail = result.stderr[:3000] + "\n[stdout]\n" + result.stdout[:1000]
        except subprocess.TimeoutExpired as timeout:
            reasons = ["hang: still running after %g s" % options.timeout]
            detail = str(timeout.stdout or "")[-2000:]
        if reasons:
            saved = os.path.join(options.save, "case-%d" % number)
            shutil.rmtree(saved, ignore_errors=True)
            shutil.copytree(lessons_dir, saved)
            with open(os.path.join(saved, "README.txt"), "w") as note:
                note.write("case %d (seed %d): %s %s\n%s\n\n%s\n" % (
                    number, options.seed, kind, "compiles" if compiles else "parse only",
                    "\n".join(reasons), detail))
        return number, kind, compiles, reasons
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", type=int, help="run this case alone (to replay it)")
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/debug/lessons"))
    parser.add_argument("--timeout", type=float, default=120, help="seconds before a case counts as a hang")
    parser.add_argument("--compile-share", type=float, default=0.08, help="share of cases that compile")
    parser.add_argument("--jobs", type=int, default=2, help="cases run at once")
    parser.add_argument("--save", default=os.path.join(ROOT, ".build/fuzz-failures"),
                        help="where failing cases' lessons are saved")
    options = parser.parse_args()
    options.binary = os.path.abspath(options.binary)
    if not os.access(options.binary, os.X_OK):
        sys.exit("fuzz_lessons.py: %s is not built: run `swift build` first" % options.binary)
    os.makedirs(options.save, exist_ok=True)
    numbers = [options.only] if options.only is not None else range(options.cases)
    failed = 0
    classes = {}
    with concurrent.futures.ThreadPoolExecutor(options.jobs) as pool:
        for number, kind, compiles, reasons in pool.map(lambda n: run_case(options, n), numbers):
            if reasons:
                failed += 1
                for reason in reasons:
                    key = reason if reason.startswith("crash") else reason.split(":")[0]
                    classes[key] = classes.get(key, 0) + 1
                print("case %d (%s, %s): %s -> %s/case-%d" % (
                    number, kind, "compiles" if compiles else "parse only", "; ".join(reasons),
                    options.save, number), flush=True)
    for reason, count in sorted(classes.items(), key=lambda item: -item[1]):
        print("%4d × %s" % (count, reason))
    print("%d passed, %d failed" % (len(numbers) - failed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
