"""Site search with Pagefind: a chunked index the reader fetches a query's fragments of.

Material's search downloads one index holding the text of every page before it
shows a result, so it grows with the briefing. An online build instead keeps
Material's search box, results list and keys, and answers its queries from a
Pagefind index written into the site's `pagefind/` folder after the build: the
browser fetches the index chunks of the words typed and the fragments of the
pages shown, nothing else. Material's own index is then built empty (its search
plugin stays, so the theme shows the search box and highlights a result's terms).

Pagefind indexes what Material's search indexed: the body of every page not
excluded from search (`data-pagefind-body` on its article), without charts,
the labels of table cells on phones, heading permalinks, the page actions and the
commit small print of What's new. An offline build (file://) keeps Material's
search: Pagefind needs fetch and WebAssembly, which a page read from disk lacks.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import importlib.util
import json
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.briefing.search")

PAGEFIND = "pagefind"  # the folder of the site that holds the index and Pagefind's scripts
WORKER = "assets/briefing/search-worker.js"  # answers Material's search box from Pagefind
ARTICLE = '<article class="md-content__inner md-typeset">'  # Material's page body
INDEXED_ARTICLE = '<article class="md-content__inner md-typeset" data-pagefind-body>'
# What Material's search leaves out, and what no reader searches for.
EXCLUDED = (
    ".bf-chart",  # charts: tick labels repeat the tables beside them
    ".bf-cell-label",  # a table cell's column name, shown on phones only
    ".bf-commits",  # What's new: the commit subjects under each date
    ".headerlink",  # the permalink mark after each heading
    ".md-content__button",  # "Edit this page"
    "[data-search-exclude]",
)
# Pagefind's files the worker uses; its prebuilt search interfaces are not shipped.
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


FRAGMENT_SIGNATURE = b"pagefind_dcd"


class SearchError(Exception):
    """Pagefind could not index the site."""


def indexed(output: str, page: Page) -> str:
    """Mark a page's body for Pagefind, unless the page is kept out of search."""
    search = page.meta.get("search") or {}
    if isinstance(search, dict) and search.get("exclude"):
        return output
    return output.replace(ARTICLE, INDEXED_ARTICLE, 1)


def theme_worker() -> str | None:
    """The path, under the site's assets/, of Material's search worker (its name is hashed)."""
    spec = importlib.util.find_spec("material")
    if spec is None or spec.origin is None:  # pragma: no cover - the theme is a dependency
        return None
    folder = Path(spec.origin).parent / "templates" / "assets" / "javascripts" / "workers"
    found = sorted(folder.glob("search.*.min.js"))
    return f"javascripts/workers/{found[0].name}" if len(found) == 1 else None


def use_pagefind(extra: Any) -> bool:
    """Point the theme's search box at the Pagefind worker; False when the theme has none."""
    worker = theme_worker()
    if worker is None:
        return False
    extra["briefing_search"] = {"theme": worker, "ours": WORKER.removeprefix("assets/")}
    return True


def empty_theme_index(plugins: Iterable[Any]) -> None:
    """Let Material's search plugin write its configuration and no entries."""
    for plugin in plugins:
        index = getattr(plugin, "search_index", None)
        if index is not None and hasattr(index, "add_entry_from_context"):
            index.add_entry_from_context = lambda page: None


def index_site(site: Path, out: Path | None = None) -> int:
    """Index a built site with Pagefind into `out` (default: its pagefind/ folder).

    Returns the number of HTML files Pagefind read (pages without a marked body among them).
    """
    target = out if out is not None else site / PAGEFIND
    shutil.rmtree(target, ignore_errors=True)
    try:
        pages = asyncio.run(run_pagefind(site, target))
    except SearchError:
        raise
    except Exception as error:  # the service reports its failures as plain exceptions
        raise SearchError(f"Pagefind failed to index {site}: {error}") from None
    for name in UNUSED:
        (target / name).unlink(missing_ok=True)
    if not any((target / "fragment").glob("*.pf_fragment")):
        raise SearchError(f"Pagefind found no page body to index in {site}")
    return pages


async def run_pagefind(site: Path, target: Path) -> int:
    """Run Pagefind's indexing service over a site folder; write the bundle to `target`."""
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(
        exclude_selectors=list(EXCLUDED),
        force_language="en",
        output_path=str(target),
    )
    async with PagefindIndex(config=config) as index:
        response = await index.add_directory(str(site))
        if response.get("type") != "IndexedDir":
            raise SearchError(f"Pagefind did not index {site}: {response}")
        return int(response["page_count"])


class BackgroundIndex:
    """Index a served site after each build, in the background, so a save shows at once.

    Each build's index is made in a folder of its own outside the site, then put in the
    site's pagefind/ folder, unless another build started meanwhile (that build is
    indexed next). Until a build's index is in, its pages search the previous one, which
    each build puts back (as hard links) as soon as it has written the site.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.generation = 0
        self.building = False
        self.pending: Path | None = None
        self.worker: threading.Thread | None = None
        self.folder: Path | None = None
        self.latest: Path | None = None

    def build_started(self) -> None:
        """A build is about to clean and write the site: no index is put in meanwhile."""
        with self.lock:
            self.generation += 1
            self.building = True

    def build_done(self, site: Path) -> None:
        """Put back the last index, then index this build's site in the background."""
        with self.lock:
            self.building = False
            if self.latest is not None:
                link_tree(self.latest, site / PAGEFIND)
            self.pending = site
            if self.worker is None or not self.worker.is_alive():
                self.worker = threading.Thread(target=self.run, name="pagefind", daemon=True)
                self.worker.start()

    def run(self) -> None:
        """Index the newest built site until no build is waiting, at the lowest priority, so
        that a save's rebuild is never slowed by indexing (Pagefind inherits it)."""
        with contextlib.suppress(OSError, AttributeError):  # Linux sets it per thread
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
        while True:
            with self.lock:
                site, self.pending, generation = self.pending, None, self.generation
                if site is None:
                    return
                folder = self.folder = self.folder or Path(tempfile.mkdtemp(prefix="pagefind-"))
            out = folder / str(generation)
            try:
                index_site(site, out)
            except SearchError as error:
                log.warning(f"the search index was not updated: {error}")
                continue
            self.publish(site, out, generation)

    def publish(self, site: Path, out: Path, generation: int) -> None:
        """Put an index in the site, if it was made of the site as it is now."""
        with self.lock:
            if generation != self.generation or self.building:
                shutil.rmtree(out, ignore_errors=True)
                return
            link_tree(out, site / PAGEFIND)
            if self.latest is not None and self.latest != out:
                shutil.rmtree(self.latest, ignore_errors=True)
            self.latest = out

    def settled(self, timeout: float) -> bool:
        """Wait until no build waits to be indexed; tell whether that happened in time."""
        worker = self.worker
        if worker is not None:
            worker.join(timeout)
        return worker is None or not worker.is_alive()

    def close(self) -> None:
        """Remove the indexes kept outside the site (the server stops)."""
        with self.lock:
            self.pending = None
            self.generation += 1
            if self.folder is not None:
                shutil.rmtree(self.folder, ignore_errors=True)


def link_tree(source: Path, target: Path) -> None:
    """Make `target` a copy of `source` made of hard links (a copy where links fail)."""
    staging = target.with_name(f".{target.name}.new")
    shutil.rmtree(staging, ignore_errors=True)
    with contextlib.suppress(FileNotFoundError):
        shutil.copytree(source, staging, copy_function=link_or_copy)
        shutil.rmtree(target, ignore_errors=True)
        os.replace(staging, target)


def link_or_copy(source: str, target: str) -> None:
    """Hard-link a file, or copy it where the two folders are on different file systems."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def read_fragment(raw: bytes) -> dict[str, Any]:
    """A Pagefind fragment (gzip of a signature and JSON: a page's URL, title and text)."""
    data = gzip.decompress(raw)
    if not data.startswith(FRAGMENT_SIGNATURE):
        raise ValueError("not a Pagefind fragment")
    value = json.loads(data[len(FRAGMENT_SIGNATURE) :])
    if not isinstance(value, dict):
        raise ValueError("a Pagefind fragment holds no page")
    return value


def fragments(site: Path) -> list[dict[str, Any]]:
    """Every page a site's Pagefind index holds, as its fragment says it."""
    folder = site / PAGEFIND / "fragment"
    return [read_fragment(path.read_bytes()) for path in sorted(folder.glob("*.pf_fragment"))]
