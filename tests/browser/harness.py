"""What tests/site/test_browser.py needs around a real headless Chromium.

Builds a briefing site, serves it from localhost with a threaded http.server
(or addresses it as file:// for the offline build), launches Debian's
chromium through Playwright, and records everything a page does that a
reader would not want: console errors, failed or foreign requests, dialogs.
Nothing here downloads a browser: the tests use the system's chromium or
skip (fail under CI) with the reason.
"""

from __future__ import annotations

import contextlib
import functools
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import ROOT

CHROMIUM = Path(os.environ.get("BRIEFING_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
    # Every host name fails to resolve: a request that leaves the machine fails
    # fast and the same way everywhere (the tests still see and report it).
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
BROWSER_DIR = ROOT / "tests" / "browser"
AXE = BROWSER_DIR / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(os.environ.get("BRIEFING_SCREENSHOTS", "/tmp/briefing-screenshots"))
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def require(ok: bool, reason: str) -> None:
    """Skip with the reason when something the browser tests need is missing; fail under CI."""
    if ok:
        return
    if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
        pytest.fail(f"{reason} (CI is set: a missing requirement is a failure)", pytrace=False)
    pytest.skip(reason)


def build_site(config: Path, site_dir: Path, *, offline: bool = False) -> Path:
    """Run `briefing site` (strict MkDocs build) for a config into site_dir."""
    args = ["site", "--config", str(config), "--site-dir", str(site_dir)]
    if offline:
        args.insert(1, "--offline")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, f"briefing {' '.join(args)} failed:\n{result.stderr}"
    return site_dir


class QuietHandler(SimpleHTTPRequestHandler):
    """Serve files without logging every request to stderr."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve a folder on a free localhost port; yield its base URL (with a trailing slash)."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@dataclass(frozen=True)
class Site:
    """A built site and the address a browser reads it from."""

    root: Path
    base: str
    name: str

    @property
    def offline(self) -> bool:
        return self.base.startswith("file:")

    def url(self, key: str) -> str:
        """The address of a page by its key: '' for the home page, 'estimates/', 'sources/x/'."""
        if not self.offline:
            return self.base + key
        if not key:
            return self.base + "index.html"
        stem = key.rstrip("/")
        if (self.root / f"{stem}.html").is_file():
            return f"{self.base}{stem}.html"
        return f"{self.base}{stem}/index.html"

    def key(self, url: str) -> str | None:
        """The key of a page address on this site, or None for anything else."""
        parts = urlsplit(url)
        clean = f"{parts.scheme}://{parts.netloc}{parts.path}"
        if not clean.startswith(self.base):
            return None
        rest = unquote(clean[len(self.base) :])
        if rest.endswith("index.html"):
            rest = rest[: -len("index.html")]
        elif rest.endswith(".html"):
            rest = rest[: -len(".html")] + "/"
        if rest and not rest.endswith("/"):
            return None
        if rest.startswith(("assets/", "search/")) or rest == "404/":
            return None
        return rest

    def pages(self) -> list[str]:
        """Every page of the build, from the files on disk (no 404 page)."""
        found = []
        for path in sorted(self.root.rglob("*.html")):
            rel = path.relative_to(self.root).as_posix()
            if rel == "404.html" or rel.startswith(("assets/", "search/")):
                continue
            key = self.key(self.base + rel)
            if key is not None:
                found.append(key)
        return sorted(set(found))

    def is_own(self, url: str) -> bool:
        """Whether a request stays on this site (data: and blob: URLs are local too)."""
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            return True
        if self.offline:
            if parts.scheme != "file":
                return False
            path = Path(unquote(parts.path)).resolve()
            return path == self.root or self.root in path.parents
        return url.startswith(self.base)


@dataclass
class Watch:
    """Everything a page did that a reader would not want, recorded as it happens."""

    site: Site
    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def attach(self, page: Any) -> Watch:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        page.on("request", self._request)
        page.on("requestfailed", self._failed)
        page.on("response", self._response)
        page.on("dialog", self._dialog)
        return self

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text} at {message.location.get('url')}")

    def _request(self, request: Any) -> None:
        if not self.site.is_own(request.url):
            self.foreign.append(request.url)

    def _failed(self, request: Any) -> None:
        # ERR_ABORTED is a request the browser dropped because the test moved on
        # to the next page (the favicon, typically); a missing file is a 404.
        if "ERR_ABORTED" not in (request.failure or ""):
            self.failed.append(f"{request.url} ({request.failure})")

    def _response(self, response: Any) -> None:
        if response.status >= 400:
            self.failed.append(f"{response.url} (HTTP {response.status})")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        with contextlib.suppress(Exception):
            dialog.dismiss()

    def problems(self) -> list[str]:
        return [
            *self.errors,
            *(f"failed request: {f}" for f in self.failed),
            *(f"request to another host: {f}" for f in self.foreign),
            *(f"dialog opened: {d}" for d in self.dialogs),
        ]

    def clear(self) -> None:
        self.errors.clear()
        self.failed.clear()
        self.foreign.clear()
        self.dialogs.clear()


# Served, the search worker reports readiness in the result meta line; from
# file:// (offline build) it starts on first use, once search_index.js is loaded.
SEARCH_READY_JS = """
() => { const meta = document.querySelector('.md-search-result__meta');
  const text = meta ? meta.textContent.trim() : '';
  if (location.protocol === 'file:') return typeof window.__index === 'object';
  return text !== '' && !/initializing/i.test(text); }
"""


def visit(page: Any, url: str, *, search: bool = True) -> bool:
    """Open a page and wait until it has loaded and (unless told not to) its search is ready.

    Returns False when search did not become ready within five seconds.
    """
    page.goto(url, wait_until="load")
    if not search:
        return True
    try:
        page.wait_for_function(SEARCH_READY_JS, timeout=5_000)
    except Exception:
        return False
    return True


def same_page_links(page: Any, site: Site) -> set[str]:
    """The keys of every page the current page links to on the same site."""
    hrefs: list[str] = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    return {k for k in (site.key(h) for h in hrefs) if k is not None}


# JavaScript run in the page. Each returns plain data for Python to judge.

IN_VIEW_JS = """
(el) => {
  const r = el.getBoundingClientRect();
  const header = document.querySelector('.md-header');
  const top = header ? header.getBoundingClientRect().bottom : 0;
  return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height,
          headerBottom: top, innerHeight: window.innerHeight, innerWidth: window.innerWidth};
}
"""

CHARTS_JS = """
() => [...document.querySelectorAll('figure.bf-chart svg')].map((svg) => {
  const box = (el) => { const r = el.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom,
            width: r.width, height: r.height}; };
  const ids = (svg.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
  const names = ids.map((id) => { const el = document.getElementById(id);
    return el ? el.textContent.trim() : null; });
  const scale = svg.getScreenCTM() ? svg.getScreenCTM().a : 0;
  const text = (sel) => [...svg.querySelectorAll(sel)].map((t) => ({
    text: t.textContent, box: box(t),
    px: parseFloat(getComputedStyle(t).fontSize) * scale}));
  return {box: box(svg), role: svg.getAttribute('role'), ids, names,
          labels: text('text.bf-label'), ticks: text('text.bf-tick')};
})
"""

CONTRAST_JS = """
(selector) => {
  const parse = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) return c;
    }
    return {r: 255, g: 255, b: 255, a: 1};
  };
  const opacity = (el) => {
    let o = 1;
    for (let e = el; e; e = e.parentElement) o *= parseFloat(getComputedStyle(e).opacity);
    return o;
  };
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  return [...document.querySelectorAll(selector)].map((el) => {
    const fill = parse(getComputedStyle(el).fill) || {r: 0, g: 0, b: 0, a: 1};
    const bg = background(el);
    const a = fill.a * opacity(el);
    const shown = {r: fill.r * a + bg.r * (1 - a), g: fill.g * a + bg.g * (1 - a),
                   b: fill.b * a + bg.b * (1 - a)};
    const [hi, lo] = [lum(shown), lum(bg)].sort((x, y) => y - x);
    return {text: el.textContent, fill: getComputedStyle(el).fill,
            background: `rgb(${bg.r}, ${bg.g}, ${bg.b})`, ratio: (hi + 0.05) / (lo + 0.05)};
  });
}
"""

OVERFLOW_JS = """
() => ({
  scrollWidth: document.documentElement.scrollWidth,
  innerWidth: window.innerWidth,
  wide: [...document.querySelectorAll('body *')].filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.right > window.innerWidth + 1
        && !el.closest('.md-typeset__scrollwrap, .md-sidebar, .md-search, .md-nav, pre');
    }).slice(0, 5).map((el) => el.tagName.toLowerCase() + '.' + [...el.classList].join('.')),
  tables: [...document.querySelectorAll('article table')].map((t) => {
    const wrap = t.closest('.md-typeset__scrollwrap');
    if (!wrap) return {wrapped: false};
    const r = wrap.getBoundingClientRect();
    const before = wrap.scrollLeft;
    wrap.scrollLeft = 10000;
    const moved = wrap.scrollLeft - before;
    wrap.scrollLeft = before;
    return {wrapped: true, overflowX: getComputedStyle(wrap).overflowX, right: r.right,
            tableWidth: t.scrollWidth, wrapWidth: wrap.clientWidth, scrolls: moved > 0};
  }),
})
"""

HOSTILE_DOM_JS = """
() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      const value = a.value.replace(/[\\s\\u0000-\\u001f]+/g, '').toLowerCase();
      if (name.startsWith('on')) bad.push(`${el.tagName} has ${name}="${a.value}"`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data'].includes(name)
          && value.startsWith('javascript:'))
        bad.push(`${el.tagName} ${name}="${a.value}"`);
    }
  }
  const never = 'iframe, object, embed, frame, base, meta[http-equiv]';
  for (const el of document.querySelectorAll(never))
    bad.push(`element <${el.tagName.toLowerCase()}>`);
  // Markup that only an injection could have put into content, titles or search results.
  for (const el of document.querySelectorAll(
      ':is(article, .md-search-result) :is(style, link, script, img, iframe, object, embed, form)'
      + ', article svg:not(figure.bf-chart > svg), .md-search-result svg, .md-ellipsis *'))
    bad.push(`element <${el.tagName.toLowerCase()}> in content`);
  for (const el of document.querySelectorAll('.admonition'))
    bad.push('an admonition was rendered from content');
  return {
    bad,
    pwned: typeof window.__pwned !== 'undefined',
    scripts: [...document.scripts].map((s) => ({
      src: s.getAttribute('src') === null ? null : s.src, type: s.getAttribute('type'), id: s.id,
      text: s.src ? '' : s.textContent.trim()})),
    text: document.body.innerText,
  };
}
"""

AXE_JS = """
async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => n.target.join(' ') + ' | ' + n.failureSummary),
  }));
}
"""


def overlaps(a: dict[str, float], b: dict[str, float], slack: float = 0.5) -> bool:
    """Whether two client rectangles overlap by more than a rounding error."""
    return (
        a["left"] < b["right"] - slack
        and b["left"] < a["right"] - slack
        and a["top"] < b["bottom"] - slack
        and b["top"] < a["bottom"] - slack
    )
