"""Builds the course at many seeds and reports every claim's worst margin.

usage: python3 Tests/Seeds/claim_margins.py [--seeds 0-29 | 4,5,10-12] [--only 04,05,07] [--jobs 2] [--out /tmp/claims]

A claim is a run block's `precondition` on a measured effect (lessons 4, 5 and 7). Each such block
prints, next to its numbers, one line per claim that the reader sees too:

    claim memorise: training-accuracy gap 0.214 ≥ 0.100 (margin 0.114)

the measured value, the bound its precondition asserts and their difference (positive: holds). This
script runs `.build/debug/lessons build --seed N` (run `swift build` first) for every seed, reads
those lines back from the built pages, and prints per claim the worst margin, at which seed, and
the median. A seed whose build fails (a precondition broke) is reported with the build's message.
`--only` builds just the lessons whose names start with the given prefixes (copied, with their
data/ folder, into a temporary lessons folder: block seeds depend on the global seed and the
block's identity, not on the path, so the numbers are the course's).
"""
import argparse, html, pathlib, re, shutil, statistics, subprocess, sys, tempfile

parser = argparse.ArgumentParser()
parser.add_argument("--seeds", default="0-29")
parser.add_argument("--only", default="")
parser.add_argument("--jobs", default="2")
parser.add_argument("--out", default="/tmp/claims")
args = parser.parse_args()
seeds = []  # "0-29" or "4,5,10-12"
for item in args.seeds.split(","):
    first, _, last = item.partition("-")
    seeds += range(int(first), int(last or first) + 1)
root = pathlib.Path(__file__).resolve().parents[2]
lessons = root / "Lessons"
if args.only:
    prefixes = tuple(args.only.split(","))
    chosen = pathlib.Path(tempfile.mkdtemp(prefix="claims-lessons-"))
    for page in lessons.glob("*.md"):
        if page.name.startswith(prefixes):
            shutil.copy(page, chosen / page.name)
    shutil.copytree(lessons / "data", chosen / "data")
    lessons = chosen

claim = re.compile(r"^claim (\S+): (.*) \(margin (-?\d+(?:\.\d+)?)\)$", re.M)
stdout = re.compile(r'<pre class="stdout">(.*?)</pre>', re.S)
margins, failures = {}, []
for seed in seeds:
    out = pathlib.Path(args.out) / f"seed-{seed}"
    run = subprocess.run(
        [str(root / ".build/debug/lessons"), "build", "--seed", str(seed), "--jobs", args.jobs,
         "--lessons", str(lessons), "--out", str(out)], capture_output=True, text=True, cwd=root)
    if run.returncode != 0:
        failures.append((seed, (run.stdout + run.stderr).strip().splitlines()[-5:]))
        print(f"seed {seed}: BUILD FAILED", flush=True)
        continue
    found = 0
    for page in sorted(out.glob("*.html")):
        for block in stdout.findall(page.read_text()):
            for name, text, margin in claim.findall(html.unescape(block)):
                margins.setdefault(name, []).append((float(margin), seed, text))
                found += 1
    print(f"seed {seed}: {found} claims", flush=True)

print(f"\n{'claim':<24} {'worst margin':>12} {'at seed':>7} {'median':>8}  worst case")
for name, values in sorted(margins.items()):
    worst = min(values)
    print(f"{name:<24} {worst[0]:>12.3f} {worst[1]:>7} {statistics.median(v[0] for v in values):>8.3f}  {worst[2]}")
for seed, lines in failures:
    print(f"seed {seed} failed:\n  " + "\n  ".join(lines))
# A claim holds at its bound: `atLeast`/`atMost` are ≥ and ≤, so a margin of exactly 0 holds.
held = all(v[0] >= 0 for values in margins.values() for v in values) and not failures
print(f"{len(seeds) - len(failures)} passed, {len(failures)} failed")
sys.exit(0 if held else 1)
