"""What the browser test and the benchmark share: a `lessons serve` on a free port over a copy
of some lessons, stopped with Ctrl-C (SIGINT to its process group) at the end."""

import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LESSONS = os.path.join(ROOT, ".build", "debug", "lessons")
CHROMIUM = "/usr/bin/chromium"


class Serve:
    """`lessons serve --port 0` over a scratch folder holding `files` (name -> text)."""

    def __init__(self, files, lessons=LESSONS):
        if not os.access(lessons, os.X_OK):
            raise SystemExit(f"{lessons} is missing: run `swift build` first")
        self.folder = tempfile.mkdtemp(prefix="droplab-serve-")
        self.lessons = os.path.join(self.folder, "lessons")
        os.mkdir(self.lessons)
        for name, text in files.items():
            self.write(name, text)
        self.lines = []
        self.process = subprocess.Popen(
            [lessons, "serve", "--lessons", self.lessons, "--port", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True, cwd=ROOT)
        self.url = None
        ready = threading.Event()

        def read():
            for line in self.process.stdout:
                self.lines.append(line.rstrip("\n"))
                match = re.match(r"serving (http://\S+) ", line)
                if match:
                    self.url = match.group(1)
                    ready.set()
            ready.set()

        threading.Thread(target=read, daemon=True).start()
        if not ready.wait(300) or self.url is None:
            self.stop()
            raise SystemExit("lessons serve did not start:\n" + "\n".join(self.lines))

    def write(self, name, text):
        with open(os.path.join(self.lessons, name), "w") as file:
            file.write(text)

    def stop(self):
        """Ctrl-C, as a terminal sends it; returns the exit status."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
        try:
            code = self.process.wait(30)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
        return code


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM)


def wait_for_text(page, text, timeout_s):
    """Seconds until `text` shows in the page (across the reloads the server causes)."""
    start = time.perf_counter()
    page.get_by_text(text, exact=False).first.wait_for(timeout=timeout_s * 1000)
    return time.perf_counter() - start
