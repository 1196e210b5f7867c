"""Search from disk, in headless Chromium: a page opened from file:// with the network off, a
query typed into the box, a result clicked, landing on the section; the same from Chinese; the
box without JavaScript opening the index page; and the query latency under CPU throttling.

usage: python3 Tests/Browser/search_test.py [SITE_DIR] [--throttle RATE ...]
       (default Site; needs `pip install playwright` and Debian's /usr/bin/chromium)

Not part of `swift test` (tests need no browser). The latency is measured with the page's own
`droplabSearch(query)` (what every keystroke runs), with Chromium's CPU slowed down by the
DevTools `Emulation.setCPUThrottlingRate` (4 to 6 is phone-class; 1 is this machine); it prints the median and the
worst of every query and prefix, and fails if the worst exceeds 50 ms.
"""
import pathlib, statistics, sys
from playwright.sync_api import sync_playwright

args = sys.argv[1:]
rates = [1.0, 4.0, 6.0]
if "--throttle" in args:
    i = args.index("--throttle")
    rates = [float(r) for r in args[i + 1:]]
    args = args[:i]
site = pathlib.Path(args[0] if args else "Site").resolve()
BUDGET_MS = 50
problems = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        problems.append(what)


def watch(page):
    """Every request must stay in the site folder (file://), every script must run cleanly."""
    page.on("request", lambda r: r.url.startswith(site.as_uri()) or problems.append(f"request leaving the site: {r.url}"))
    page.on("pageerror", lambda e: problems.append(f"script error: {e}"))


def in_view(page, anchor):
    return page.evaluate("""id => { const e = document.getElementById(id); if (!e) return false;
        const r = e.getBoundingClientRect(); return r.top >= -1 && r.top < innerHeight; }""", anchor)


with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
    context = browser.new_context(offline=True)
    page = context.new_page()
    watch(page)

    # Type a query, click the first result, land on its section.
    page.goto((site / "01-dropout.html").as_uri())
    page.fill("form.search input[type=search]", "ladder of mask shapes")
    first = page.locator("form.search .search-results a").first
    first.wait_for(state="visible", timeout=5000)
    href = first.get_attribute("href")
    check(href == "03-mask-shapes.html#the-ladder-of-mask-shapes", f"first result for 'ladder of mask shapes' is {href}")
    first.click()
    page.wait_for_url("**/03-mask-shapes.html#the-ladder-of-mask-shapes")
    check(in_view(page, "the-ladder-of-mask-shapes"), "the click lands on the section, in view")

    # A prefix as typed so far, and Enter going to the best result.
    page.fill("form.search input[type=search]", "stochastic dep")
    page.locator("form.search .search-results a").first.wait_for(state="visible", timeout=5000)
    page.press("form.search input[type=search]", "Enter")
    page.wait_for_load_state()
    check("#" in page.url, f"Enter on 'stochastic dep' lands on a section: {page.url.rsplit('/', 1)[-1]}")

    # Chinese, by character bigrams: a term of the glossary.
    page.goto((site / "index.html").as_uri())
    page.fill("form.search input[type=search]", "保留概率")
    links = page.locator("form.search .search-results a")
    links.first.wait_for(state="visible", timeout=5000)
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    check(any("glossary" in h for h in hrefs), f"'保留概率' finds the glossary among {hrefs}")

    # search.html?q= lists the results too.
    page.goto((site / "search.html").as_uri() + "?q=dropout2d")
    results = page.locator("#search-page-results li a")
    results.first.wait_for(state="visible", timeout=5000)
    check(results.count() > 0, f"search.html?q=dropout2d lists {results.count()} results")

    # Without JavaScript the box opens the index page, which needs none.
    plain = browser.new_context(offline=True, java_script_enabled=False).new_page()
    watch(plain)
    plain.goto((site / "02-droppath.html").as_uri())
    plain.fill("form.search input[type=search]", "mask")
    plain.press("form.search input[type=search]", "Enter")
    plain.wait_for_load_state()
    check("search.html" in plain.url and plain.locator("dl.book-index dt").count() > 20,
          f"without JavaScript, Enter opens the index page ({plain.locator('dl.book-index dt').count()} terms)")
    check(plain.locator("a.search-index").get_attribute("href") == "search.html", "the Index link is there without JavaScript")

    # Latency: every query and every prefix of it, as typing runs them, under throttling.
    page.goto((site / "01-dropout.html").as_uri())
    queries = ["dropout", "stochastic depth", "ladder of mask shapes", "broadcasting", "torch.manual_seed",
               "keep probability", "保留概率", "drop path vit", "variance", "layer norm attention"]
    typed = sorted({q[:n] for q in queries for n in range(1, len(q) + 1)})
    cdp = context.new_cdp_session(page)
    for rate in rates:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
        # Timers are coarse (0.1 ms): each figure is the mean of 20 runs of one query.
        times = page.evaluate("""queries => queries.map(q => {
            const t = performance.now();
            for (let i = 0; i < 20; i++) droplabSearch(q);
            return (performance.now() - t) / 20; })""", typed)
        worst = max(times)
        slowest = typed[times.index(worst)]
        print(f"throttle {rate:g}x: {len(typed)} queries and prefixes, median {statistics.median(times):.2f} ms, "
              f"worst {worst:.2f} ms ({slowest!r})")
        check(worst <= BUDGET_MS, f"every query answers within {BUDGET_MS} ms at {rate:g}x throttling")
        # Loading the index is paid once per page: time it too.
        load = page.evaluate("""() => { const t = performance.now();
            const s = document.createElement('script'); s.src = 'search-index.js';
            return new Promise(r => { s.onload = () => r(performance.now() - t); document.head.append(s); }); }""")
        print(f"throttle {rate:g}x: loading and parsing search-index.js again: {load:.1f} ms")
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
    browser.close()

for problem in problems:
    print("problem:", problem)
print("search test: " + ("passed" if not problems else f"{len(problems)} problems"))
sys.exit(1 if problems else 0)
