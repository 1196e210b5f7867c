"""Runs every PyTorch twin of a rendered site and checks it prints what the Swift blocks printed.

usage: python3 Tests/Twins/check_twins.py [SITE_DIR]     (default Site; needs torch and timm)

A twin is a ```python block; on the page its {{seed}} references are already the seeds the Swift
blocks ran with. Its output must appear, verbatim, in the text the run blocks since the previous
twin printed. Not part of `swift test` (tests never need PyTorch): run it by hand after changing
lessons or Drop, e.g. with `lessons build --seed 7 --out /tmp/s7` and this script on /tmp/s7.

A twin whose values pass through a matrix product (summed in PyTorch's order, not Drop's) opts into a
tolerance with a comment line `# twin-tolerance: 1e-4`: its text must then match with every number
within that absolute difference of the Swift block's (whitespace may differ: a column can widen).
`# twin-tolerance: 0.02 relative 0.05` allows 0.02 plus 5 % of the Swift number: for a twin whose
numbers span magnitudes, such as a loss that the lesson makes explode.

A twin of a long training, where the two runs become different solutions, opts instead into
`# twin-claims`: its numbers are not compared, but it must print the claims the Swift blocks printed
(`claim NAME: … (margin M)` lines, the same names in the same order), and each must hold for its own
run (M ≥ 0). What it checks is that PyTorch's networks bear out what the lesson asserts.
"""
import html, pathlib, re, subprocess, sys

site = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "Site")
piece = re.compile(
    r'<pre class="stdout">(?P<out>.*?)</pre>|<pre><code class="language-python">(?P<py>.*?)</code></pre>',
    re.S)
number = r"-?\d+(?:\.\d*)?(?:e[+-]?\d+)?"
tolerance_marker = re.compile(r"^# twin-tolerance: (\S+)(?: relative (\S+))?$", re.M)
claims_marker = re.compile(r"^# twin-claims$", re.M)
claim_line = re.compile(r"^claim (\S+): .*\(margin (-?\d+(?:\.\d*)?)\)$", re.M)


def claims_hold(out, printed):
    """Whether `out` prints the claims of `printed`, by name and in order, each with a margin ≥ 0."""
    theirs, ours = claim_line.findall(out), claim_line.findall(printed)
    return bool(ours) and [n for n, _ in theirs] == [n for n, _ in ours] and all(float(m) >= 0 for _, m in theirs)


def matches_within(expected, printed, tolerance, relative=0.0):
    """Whether `expected` appears in `printed` with its text equal and each number within
    `tolerance` + `relative` × |the printed number|."""
    parts = re.split(f"({number})", expected)

    def text(part):  # words in order; whitespace before, between and after them may differ
        words = part.split()
        if not words:  # between two numbers: some whitespace (one \s* per gap, so no backtracking blow-up)
            return r"\s+" if part else ""
        return ((r"\s*" if part[:1].isspace() else "") + r"\s+".join(map(re.escape, words))
                + (r"\s*" if part[-1:].isspace() else ""))

    # A number never starts inside another; matches may overlap (a wrong candidate hides none).
    pattern = "".join(rf"(?<![\d.])({number})" if i % 2 else text(part) for i, part in enumerate(parts))
    for found in re.finditer(f"(?={pattern})", printed):
        if all(abs(float(a) - float(b)) <= tolerance + relative * abs(float(b))
               for a, b in zip(parts[1::2], found.groups())):
            return True
    return False


def main():
    failures = checked = 0
    for page in sorted(site.glob("*.html")):
        printed = ""
        for match in piece.finditer(page.read_text()):
            if match.group("out") is not None:
                printed += html.unescape(match.group("out")) + "\n"
                continue
            code = html.unescape(match.group("py"))
            if "manual_seed" not in code:
                continue
            run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
            checked += 1
            out = run.stdout.strip()
            marker = tolerance_marker.search(code)
            if claims_marker.search(code):
                same = claims_hold(out, printed)
            else:
                same = out in printed or (marker is not None and matches_within(
                    out, printed, float(marker.group(1)), float(marker.group(2) or 0)))
            ok = run.returncode == 0 and out and same
            print(f"{page.name}: twin {checked}: {'same output' if ok else 'DIFFERS'}")
            if not ok:
                failures += 1
                print("--- PyTorch printed:\n" + run.stdout + run.stderr[-2000:] + "--- Swift printed:\n" + printed)
            printed = ""
    print(f"{checked - failures} passed, {failures} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
