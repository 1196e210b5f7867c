#!/usr/bin/env python3
"""The live preview in a real browser (Playwright driving Debian's Chromium): a served lesson
shows a block's new output after the test edits the block, without a manual reload; a broken
lesson shows the error page, and fixing it brings the lesson back. Ctrl-C then exits 130.

    python3 Tests/Browser/serve_test.py        # after `swift build`; prints `serve_test: ok`
"""

import sys

from playwright.sync_api import sync_playwright

from serve_common import Serve, launch, wait_for_text


def lesson(code):
    return f"# Live\n\nA lesson the browser test edits.\n\n```swift run\n{code}\n```\n"


def main():
    serve = Serve({"live.md": lesson('print("value", 1)')})
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_page()
            page.goto(serve.url + "live.html")
            wait_for_text(page, "value 1", 10)
            loads = []
            page.on("load", lambda: loads.append(1))

            serve.write("live.md", lesson('print("value", 2)'))
            wait_for_text(page, "value 2", 120)
            assert not loads, "the page swaps the new lesson in place, without a reload"
            assert page.evaluate("window.droplabShownAt > 0"), "the swap records when it showed"

            serve.write("live.md", lesson("print(notDefined)"))
            wait_for_text(page, "error: [compile] block 1", 120)
            assert "live.md:6:7: error: [compile] block 1: cannot find 'notDefined' in scope" in page.inner_text("pre")
            assert "> 6 | print(notDefined)" in page.inner_text("pre"), "the lesson lines around the error"

            serve.write("live.md", lesson('print("value", 3)'))
            wait_for_text(page, "value 3", 120)
            assert page.title().startswith("Live"), page.title()
            browser.close()
    finally:
        code = serve.stop()
    assert code == 130, f"Ctrl-C exits 130, not {code}"
    print("\n".join(serve.lines))
    print("serve_test: ok")


if __name__ == "__main__":
    sys.exit(main())
