#!/usr/bin/env python3
"""How long `lessons serve` takes from saving a change to the open page showing it.

    python3 Benchmarks/serve_bench.py [--runs 10] [--lessons .build/debug/lessons]

Two cases over a copy of Benchmarks/article.md (the article's code, ten run blocks):
  block   one block gains `print("serve-bench-N")`: the lesson is compiled and run again
  prose   the first paragraph changes: re-parsed and re-rendered, nothing compiled
and two ways of seeing the change, each its own round of runs:
  browser  Playwright driving /usr/bin/chromium holds the page open; the time is from just
           before the file is written to the moment the page has swapped in the new lesson (read
           from the page's own clock, window.droplabShownAt, so Playwright's latency is left out)
  sse      a socket listening on /__droplab/events: from the write to the event, plus fetching
           the new page (what the server does, without a browser's reload)
Prints the median and min/max of each, and the server's rebuild lines.
"""

import argparse
import os
import re
import socket
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Browser"))
from playwright.sync_api import sync_playwright  # noqa: E402

from serve_common import LESSONS, ROOT, Serve, launch  # noqa: E402

ARTICLE = os.path.join(ROOT, "Benchmarks", "article.md")
ORIGINAL = open(ARTICLE).read()


def block_edit(n):
    """The article with `print("serve-bench-N")` at the end of its first shown run block."""
    match = re.search(r"^```swift run(?![^\n]*\b(?:silent|hide)\b)[^\n]*\n(.*?)^```$", ORIGINAL, re.S | re.M)
    return ORIGINAL[: match.end(1)] + f'print("serve-bench-{n}")\n' + ORIGINAL[match.end(1):]


def prose_edit(n):
    """The article with its first paragraph (line 3) prefixed by a marker."""
    lines = ORIGINAL.split("\n")
    lines[2] = f"Prose edit {n}. " + lines[2]
    return "\n".join(lines)


CASES = {"block": (block_edit, "serve-bench-{}"), "prose": (prose_edit, "Prose edit {}.")}


def browser_round(serve, page, case, runs, offset):
    edit, marker = CASES[case]
    times = []
    for n in range(offset, offset + runs):
        time.sleep(0.3)  # let the previous reload settle
        start_ms = time.time() * 1000
        serve.write("article.md", edit(n))
        # The page swaps in the new lesson in place and records when (window.droplabShownAt).
        shown = page.wait_for_function(
            "(text) => document.body.innerText.includes(text) && window.droplabShownAt",
            arg=marker.format(n), timeout=120_000, polling="raf").json_value()
        times.append((shown - start_ms) / 1000)
    return times


def http_get(address, target):
    with socket.create_connection(address) as connection:
        connection.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        response = b""
        while chunk := connection.recv(65536):
            response += chunk
    return response.decode()


def sse_round(serve, case, runs, offset):
    edit, marker = CASES[case]
    host, port = serve.url[len("http://"):].rstrip("/").split(":")
    address = (host, int(port))
    times = []
    for n in range(offset, offset + runs):
        time.sleep(0.3)
        with socket.create_connection(address) as events:
            events.sendall(b"GET /__droplab/events?since=-2 HTTP/1.1\r\nHost: x\r\n\r\n")
            received = b""
            while b"data:" not in received:  # the current generation, at once (since=-2)
                received += events.recv(4096)
            start = time.perf_counter()
            serve.write("article.md", edit(n))
            received = b""
            while b"data:" not in received:
                received += events.recv(4096)
            page = http_get(address, "/article.html")
            times.append(time.perf_counter() - start)
            assert marker.format(n) in page, "the fetched page holds the change"
    return times


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--lessons", default=LESSONS, help="the lessons executable")
    args = parser.parse_args()
    serve = Serve({"article.md": ORIGINAL}, lessons=args.lessons)
    results = {}
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_page()
            page.goto(serve.url + "article.html")
            for case in CASES:
                results[f"{case} browser"] = browser_round(serve, page, case, args.runs, 0)
            browser.close()
        for case in CASES:
            results[f"{case} sse+fetch"] = sse_round(serve, case, args.runs, 1000)
    finally:
        serve.stop()
    print("\n".join(line for line in serve.lines if line.startswith("rebuild")))
    print(f"{args.lessons}; load average {os.getloadavg()[0]:.1f}; {args.runs} runs each; save -> page shows it")
    for name, times in results.items():
        print(f"{name:16} median {statistics.median(times):.3f} s  min {min(times):.3f} s  max {max(times):.3f} s")


if __name__ == "__main__":
    main()
