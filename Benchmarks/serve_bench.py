#!/usr/bin/env python3
"""How long `lessons serve` takes from saving a change to the open page showing it, measured in
a real browser (Playwright driving /usr/bin/chromium): the clock starts just before the lesson
file is written and stops when the new text is in the page the server told to reload.

    python3 Benchmarks/serve_bench.py [--runs 10]     # after `swift build`

Two cases over a copy of Benchmarks/article.md (the article's code, ten run blocks):
  block   one block gains `print("serve-bench-N")`: the lesson is compiled and run again
  prose   the first paragraph changes: re-parsed and re-rendered, nothing compiled
Prints the median and min/max of each, and the server's own rebuild lines.
"""

import argparse
import os
import re
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Browser"))
from playwright.sync_api import sync_playwright  # noqa: E402

from serve_common import ROOT, Serve, launch, wait_for_text  # noqa: E402

ARTICLE = os.path.join(ROOT, "Benchmarks", "article.md")


def block_edit(text, n):
    """`text` with `print("serve-bench-N")` at the end of its first shown run block."""
    match = re.search(r"^```swift run(?![^\n]*\b(?:silent|hide)\b)[^\n]*\n(.*?)^```$", text, re.S | re.M)
    end = match.end(1)
    return text[:end] + f'print("serve-bench-{n}")\n' + text[end:]


def prose_edit(text, n):
    """`text` with its first paragraph (line 3) prefixed by a marker."""
    lines = text.split("\n")
    lines[2] = f"Prose edit {n}. " + lines[2]
    return "\n".join(lines)


def measure(serve, page, edit, marker, runs, timeout):
    original = open(ARTICLE).read()
    times = []
    for n in range(runs):
        time.sleep(0.3)  # let the previous reload settle
        start = time.perf_counter()
        serve.write("article.md", edit(original, n))
        wait_for_text(page, marker.format(n), timeout)
        times.append(time.perf_counter() - start)
    return times


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    serve = Serve({"article.md": open(ARTICLE).read()})
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_page()
            page.goto(serve.url + "article.html")
            results = {
                "block": measure(serve, page, block_edit, "serve-bench-{}", args.runs, 120),
                "prose": measure(serve, page, prose_edit, "Prose edit {}.", args.runs, 30),
            }
            browser.close()
    finally:
        serve.stop()
    print("\n".join(line for line in serve.lines if line.startswith("rebuild")))
    print(f"load average {os.getloadavg()[0]:.1f}; {args.runs} runs each, save -> new text in the page")
    for name, times in results.items():
        print(f"{name}: median {statistics.median(times):.3f} s  min {min(times):.3f} s  max {max(times):.3f} s")


if __name__ == "__main__":
    main()
