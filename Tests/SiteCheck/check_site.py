#!/usr/bin/env python3
"""Opens every page of a rendered site in headless Chromium with the network cut off.

Saves desktop (light and dark) and phone screenshots, and fails on console errors, uncaught
exceptions, any request that leaves the site folder, and relative links to missing files or
anchors. Talks to Chromium over --remote-debugging-pipe, so it needs nothing beyond Python.

usage: check_site.py SITE_DIR SCREENSHOT_DIR
"""
import base64, html.parser, json, os, subprocess, sys, tempfile, urllib.parse

VIEWS = [  # name, width, height, mobile, colour scheme, media
    ("desktop", 1280, 900, False, "light", "screen"),
    ("desktop-dark", 1280, 900, False, "dark", "screen"),
    ("phone", 390, 844, True, "light", "screen"),
    ("print", 800, 1100, False, "dark", "print"),  # print must ignore the dark scheme
]


class Chromium:
    """A headless Chromium driven over the DevTools protocol on fds 3 (in) and 4 (out)."""

    def __init__(self, profile):
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()
        # The child needs the pipe ends as fds 3 and 4 (dup2 makes them inheritable).
        def preexec():
            # Via fresh copies, in case a pipe end already is fd 3 or 4.
            read_end, write_end = os.dup(to_chrome_r), os.dup(from_chrome_w)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)
        self.process = subprocess.Popen(
            ["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
             "--no-first-run", "--no-default-browser-check", "--disable-extensions",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--proxy-server=127.0.0.1:9", "--hide-scrollbars", f"--user-data-dir={profile}", "about:blank"],
            preexec_fn=preexec, close_fds=False,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.replies = {}
        self.on_paused = None  # answers Fetch.requestPaused, even while waiting for a reply

    def _read_message(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.from_chrome, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium exited")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, session=None, **params):
        self.next_id += 1
        my_id = self.next_id
        message = {"id": my_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        # Replies may arrive out of order when an answer to a paused request nests in here.
        while my_id not in self.replies:
            incoming = self._read_message()
            if "id" in incoming:
                self.replies[incoming["id"]] = incoming
            elif incoming.get("method") == "Fetch.requestPaused" and self.on_paused:
                self.on_paused(incoming)  # the page waits on it, so our reply may too
            else:
                self.events.append(incoming)
        reply = self.replies.pop(my_id)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def close(self):
        try:
            self.send("Browser.close")
        except RuntimeError:
            pass
        self.process.wait(timeout=10)


class Links(html.parser.HTMLParser):
    """Collects ids and the href/src of every element."""

    def __init__(self):
        super().__init__()
        self.ids, self.targets = set(), []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id":
                self.ids.add(value)
            if name in ("href", "src") and value is not None:
                self.targets.append(value)


def html_pages(site):
    """The site's pages, with those of its translations (`zh/index.html`), relative to `site`."""
    pages = []
    for folder, _, names in os.walk(site):
        pages += [os.path.relpath(os.path.join(folder, n), site) for n in names if n.endswith(".html")]
    return sorted(pages)


def check_links(site):
    problems, pages = [], {}
    for name in html_pages(site):
        if True:
            parser = Links()
            with open(os.path.join(site, name), encoding="utf-8") as f:
                parser.feed(f.read())
            pages[name] = parser
    for name, parser in pages.items():
        for target in parser.targets:
            url = urllib.parse.urlsplit(target)
            if url.scheme in ("http", "https", "mailto"):
                continue  # a link a reader may follow, not something the page loads
            if url.scheme or target.startswith("/"):
                problems.append(f"{name}: non-relative link {target}")
                continue
            path = os.path.normpath(os.path.join(os.path.dirname(name), urllib.parse.unquote(url.path))) if url.path else name
            if not os.path.exists(os.path.join(site, path)):
                problems.append(f"{name}: link to missing file {target}")
            elif url.fragment and path in pages and urllib.parse.unquote(url.fragment) not in pages[path].ids:
                problems.append(f"{name}: link to missing anchor {target}")
    return problems


def main():
    site, shots = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    os.makedirs(shots, exist_ok=True)
    problems = check_links(site)
    site_url = "file://" + urllib.parse.quote(site) + "/"
    with tempfile.TemporaryDirectory() as profile:
        chrome = Chromium(profile)
        try:
            # The page Chromium opened itself: a created one never paints, so screenshots hang.
            targets = chrome.send("Target.getTargets")["targetInfos"]
            target = next(t["targetId"] for t in targets if t["type"] == "page")
            session = chrome.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
            for domain in ("Page", "Runtime", "Log"):
                chrome.send(f"{domain}.enable", session)
            # Every request pauses here; only files inside the site may continue.
            chrome.send("Fetch.enable", session, patterns=[{"urlPattern": "*"}])
            for page in html_pages(site):
                def on_paused(event, page=page):
                    params = event["params"]
                    url = params["request"]["url"]
                    if url.startswith(site_url):
                        chrome.send("Fetch.continueRequest", session, requestId=params["requestId"])
                    else:
                        problems.append(f"{page}: request leaving the site: {url}")
                        chrome.send("Fetch.failRequest", session, requestId=params["requestId"],
                                    errorReason="BlockedByClient")
                chrome.on_paused = on_paused
                for view, width, height, mobile, scheme, media in VIEWS:
                    chrome.send("Emulation.setDeviceMetricsOverride", session, width=width, height=height,
                                deviceScaleFactor=1, mobile=mobile)
                    chrome.send("Emulation.setEmulatedMedia", session, media=media,
                                features=[{"name": "prefers-color-scheme", "value": scheme}])
                    chrome.send("Page.navigate", session, url=site_url + page)
                    drain(chrome, session, site_url, page, problems, until="Page.loadEventFired")
                    metrics = chrome.send("Page.getLayoutMetrics", session)
                    content = metrics["cssContentSize"]
                    shot = chrome.send("Page.captureScreenshot", session, format="png", captureBeyondViewport=True,
                                       clip={"x": 0, "y": 0, "width": width,
                                             "height": min(content["height"], 6000), "scale": 1})
                    name = f"{page[:-5].replace('/', '-')}-{view}.png"
                    with open(os.path.join(shots, name), "wb") as f:
                        f.write(base64.b64decode(shot["data"]))
                    drain(chrome, session, site_url, page, problems, until=None)
        finally:
            chrome.close()
    for problem in problems:
        print("FAIL", problem)
    print(f"screenshots in {shots}")
    sys.exit(1 if problems else 0)


def drain(chrome, session, site_url, page, problems, until):
    """Answers paused requests and records errors, until the event `until` (or none left)."""
    while True:
        if until is None and not chrome.events:
            return
        event = chrome.events.pop(0) if chrome.events else chrome._read_message()
        method, params = event.get("method"), event.get("params", {})
        if method == "Fetch.requestPaused":
            chrome.on_paused(event)
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            problems.append(f"{page}: console error: {params.get('args')}")
        elif method == "Runtime.exceptionThrown":
            problems.append(f"{page}: exception: {params['exceptionDetails'].get('text')}")
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            problems.append(f"{page}: {params['entry'].get('text')} {params['entry'].get('url', '')}")
        elif method == until:
            return


if __name__ == "__main__":
    main()
