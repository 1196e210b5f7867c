"""Runs every PyTorch twin of a rendered site and checks it prints what the Swift blocks printed.

usage: python3 Tests/Twins/check_twins.py [SITE_DIR]     (default Site; needs torch and timm)

A twin is a ```python block; on the page its {{seed}} references are already the seeds the Swift
blocks ran with. Its output must appear, verbatim, in the text the run blocks since the previous
twin printed. Not part of `swift test` (tests never need PyTorch): run it by hand after changing
lessons or Drop, e.g. with `lessons build --seed 7 --out /tmp/s7` and this script on /tmp/s7.
"""
import html, pathlib, re, subprocess, sys

site = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "Site")
piece = re.compile(
    r'<pre class="stdout">(?P<out>.*?)</pre>|<pre><code class="language-python">(?P<py>.*?)</code></pre>',
    re.S)
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
        ok = run.returncode == 0 and run.stdout.strip() and run.stdout.strip() in printed
        print(f"{page.name}: twin {checked}: {'same output' if ok else 'DIFFERS'}")
        if not ok:
            failures += 1
            print("--- PyTorch printed:\n" + run.stdout + run.stderr[-2000:] + "--- Swift printed:\n" + printed)
        printed = ""
print(f"{checked - failures} passed, {failures} failed")
sys.exit(1 if failures else 0)
