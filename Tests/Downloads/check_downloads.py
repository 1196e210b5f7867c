"""Checks a built site's downloads/ (what a reader takes away) against its pages.

usage: python3 Tests/Downloads/check_downloads.py [SITE_DIR] [--swift]
       (default Site; needs nbformat, and torch + timm for the scripts; by hand, like check_twins)

- every notebook validates with nbformat (version 4) and stores no outputs, and its code cells are
  the script's twins;
- every Python script runs with real PyTorch and prints what the page prints: its output is its
  twins' outputs in order, each of them printed by the page's Swift blocks (exactly, or within a
  twin's `# twin-tolerance:`);
- with --swift (from a checkout after `swift build`), every Swift program runs with the command its
  page gives and prints the page's outputs, each figure as a `[figure: …]` line.
"""
import html, pathlib, re, subprocess, sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "Twins"))
from check_twins import matches_within, tolerance_marker  # noqa: E402
import nbformat  # noqa: E402

args = [a for a in sys.argv[1:] if not a.startswith("--")]
site = pathlib.Path(args[0] if args else "Site")
run_swift = "--swift" in sys.argv
stdout_panel = re.compile(r'<pre class="stdout">(.*?)</pre>', re.S)
problems = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        problems.append(what)


for page in sorted(site.glob("*.html")):
    stem = page.stem
    printed = "\n".join(html.unescape(p) for p in stdout_panel.findall(page.read_text()))
    script, notebook, program = (site / "downloads" / (stem + ext) for ext in (".py", ".ipynb", ".swift"))
    if notebook.exists():
        book = nbformat.read(str(notebook), as_version=4)
        nbformat.validate(book)
        code = [c for c in book.cells if c.cell_type == "code"]
        check(all(not c.outputs and c.execution_count is None for c in code), f"{notebook.name}: valid, no outputs")
        cells = script.read_text().split("\n# %% twin of ")[1:]
        check([c.source for c in code] == [c.split("\n", 1)[1].rstrip("\n") for c in cells],
              f"{notebook.name}: its code cells are {script.name}'s twins")
    if script.exists():
        whole = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
        outputs = []
        for cell in script.read_text().split("\n# %% twin of ")[1:]:
            source = cell.split("\n", 1)[1]
            alone = subprocess.run([sys.executable, "-c", source], capture_output=True, text=True)
            out = alone.stdout.strip()
            marker = tolerance_marker.search(source)
            same = out in printed or (marker is not None and matches_within(out, printed, float(marker.group(1))))
            check(alone.returncode == 0 and same, f"{script.name}: twin of {cell.split(chr(10), 1)[0]} prints what the page prints")
            outputs.append(alone.stdout)
        check(whole.returncode == 0 and whole.stdout == "".join(outputs),
              f"{script.name}: runs whole and prints its twins' outputs in order")
    if run_swift and program.exists():
        command = re.search(r"^//   (swift .*)$", program.read_text(), re.M).group(1)
        command = command.replace("Site/downloads/", str(site / "downloads") + "/")
        ran = subprocess.run(command, shell=True, capture_output=True, text=True)
        out = "\n".join(l for l in ran.stdout.splitlines() if not l.startswith("[figure: "))
        check(ran.returncode == 0 and out.strip() == printed.strip(), f"{program.name}: runs alone and prints the page's outputs")

print(f"downloads check: {'passed' if not problems else f'{len(problems)} problems'}")
sys.exit(1 if problems else 0)
