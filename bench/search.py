"""What a reader's first search costs: bytes and seconds until the first result shows.

A built site is served from localhost by a threaded http.server that counts the bytes
of every response it sends (as files are, uncompressed). Chromium (Debian's, driven by
Playwright) opens the overview page in a fresh context (nothing cached), opens the search
box, types a query and waits for the first result. search_kib is everything sent from
the page's request to that moment (the page, its assets, the search index or the
fragments a query needs); search_first_s the time from the page's request to the first
result. Medians of several runs.

    python bench/search.py SITE_DIR [--query Highcliff] [--runs 3]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import statistics
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
QUERY = "Highcliff"  # a place named by claims at every size of bench/synth.py


class Counter:
    """Bytes sent by the server, safe across its threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.sent = 0

    def add(self, count: int) -> None:
        """Count a response's bytes."""
        with self.lock:
            self.sent += count

    def reset(self) -> None:
        """Start counting from zero."""
        with self.lock:
            self.sent = 0


class CountingHandler(http.server.SimpleHTTPRequestHandler):
    """A static file handler that counts the bytes of every file it sends."""

    counter: Counter

    def copyfile(self, source: Any, outputfile: Any) -> None:
        """Send a file and count its bytes."""
        data = source.read()
        outputfile.write(data)
        self.counter.add(len(data))

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet."""


@contextlib.contextmanager
def serving(site: Path) -> Iterator[tuple[str, Counter]]:
    """Serve a folder on a free localhost port; yield its URL and the byte counter."""
    counter = Counter()
    handler = type("Handler", (CountingHandler,), {"counter": counter})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", counter
    finally:
        server.shutdown()
        server.server_close()


def first_result(browser: Any, base: str, counter: Counter, query: str) -> tuple[float, int]:
    """Open the overview, search, and return seconds and bytes until the first result."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        counter.reset()
        start = time.perf_counter()
        page.goto(base, wait_until="load")
        box = page.locator("input.md-search__input")
        if not box.is_visible():  # a narrow screen shows a button that opens the box
            page.locator("label.md-header__button[for='__search']").click()
        box.click()
        page.keyboard.type(query)
        page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=120_000)
        seconds, sent = time.perf_counter() - start, counter.sent
        shown = page.locator(".md-search-result__item").first.inner_text()
        if query.lower() not in shown.lower():
            raise RuntimeError(f"the first result for {query!r} does not name it: {shown[:200]!r}")
        return seconds, sent
    finally:
        context.close()


def search_step(site: Path, runs: int, query: str = QUERY) -> dict[str, float]:
    """Median seconds and KiB until the first search result, over fresh browser contexts."""
    from playwright.sync_api import sync_playwright

    with serving(site) as (base, counter), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            results = [first_result(browser, base, counter, query) for _ in range(runs)]
        finally:
            browser.close()
    return {
        "search_first_s": statistics.median(r[0] for r in results),
        "search_kib": statistics.median(r[1] for r in results) / 1024,
    }


def main() -> None:
    """Measure one built site."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site", type=Path)
    parser.add_argument("--query", default=QUERY)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(search_step(args.site, args.runs, args.query))


if __name__ == "__main__":
    main()
