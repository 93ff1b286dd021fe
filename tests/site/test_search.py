"""Site search with Pagefind: what is indexed, the theme's index left empty, serve's index."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from generator.site.search import (
    ARTICLE,
    INDEXED_ARTICLE,
    PAGEFIND,
    WORKER,
    BackgroundIndex,
    SearchError,
    empty_theme_index,
    fragments,
    index_site,
    indexed,
    read_fragment,
    theme_worker,
    use_pagefind,
)

PAGE = """<!doctype html><html><head><title>T</title></head><body>
<nav>Navigation words</nav>
<article class="md-content__inner md-typeset"{body}>
<h1 id="kursk">Kursk<a class="headerlink" href="#kursk">¶</a></h1>
<p>About 2,700 wounded &lt;img src=x onerror=alert(1)&gt;.</p>
<figure class="bf-chart" data-search-exclude><svg><text>9,999 ticks</text></svg></figure>
<td><span class="bf-cell-label" data-search-exclude>Claimant</span> Agency</td>
<small class="bf-commits">Commits: Add a figure</small>
</article></body></html>"""


def page_with(meta: dict[str, Any]) -> Any:
    return SimpleNamespace(meta=meta)


def site(tmp_path: Path, pages: dict[str, str]) -> Path:
    for name, html in pages.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    return tmp_path


def test_a_page_body_is_marked_for_the_index_unless_search_excludes_it() -> None:
    html = f"<body>{ARTICLE}x</article></body>"
    assert indexed(html, page_with({})) == f"<body>{INDEXED_ARTICLE}x</article></body>"
    assert indexed(html, page_with({"search": {"exclude": True}})) == html


def test_the_theme_worker_is_named_and_the_briefings_replaces_it() -> None:
    worker = theme_worker()
    assert worker is not None and worker.startswith("javascripts/workers/search.")
    extra: dict[str, Any] = {}
    assert use_pagefind(extra)
    assert extra["briefing_search"] == {"theme": worker, "ours": WORKER.removeprefix("assets/")}


def test_the_themes_index_takes_no_entries() -> None:
    entries: list[str] = []
    index = SimpleNamespace(add_entry_from_context=entries.append)
    plugin = SimpleNamespace(search_index=index)
    empty_theme_index([plugin, SimpleNamespace()])
    index.add_entry_from_context("a page")
    assert entries == []


def test_pagefind_indexes_marked_bodies_only_without_what_search_leaves_out(
    tmp_path: Path,
) -> None:
    root = site(
        tmp_path,
        {
            "claims/index.html": PAGE.format(body=" data-pagefind-body"),
            "print/index.html": PAGE.format(body=""),
        },
    )
    index_site(root)
    [page] = fragments(root)
    assert page["url"] == "/claims/"
    text = str(page["content"])
    assert "2,700 wounded" in text and "<img src=x onerror=alert(1)>" in text
    for left_out in ("Navigation", "9,999", "Claimant", "Commits", "¶"):
        assert left_out not in text, left_out
    assert not (root / PAGEFIND / "pagefind-ui.js").exists(), "unused interfaces are shipped"
    assert (root / PAGEFIND / "pagefind.js").is_file()


def test_a_site_pagefind_cannot_read_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SearchError):
        index_site(tmp_path / "missing")


def test_a_fragment_is_read_only_when_it_is_one() -> None:
    import gzip

    assert read_fragment(gzip.compress(b'pagefind_dcd{"url": "/a/"}')) == {"url": "/a/"}
    for raw in (gzip.compress(b'{"url": "/a/"}'), gzip.compress(b"pagefind_dcd[1]")):
        with pytest.raises(ValueError):
            read_fragment(raw)


def test_serve_indexes_in_the_background_and_keeps_the_last_index(tmp_path: Path) -> None:
    root = site(tmp_path / "site", {"a/index.html": PAGE.format(body=" data-pagefind-body")})
    background = BackgroundIndex()
    background.build_started()
    background.build_done(root)
    assert background.settled(60)
    assert [p["url"] for p in fragments(root)] == ["/a/"]
    # The next build cleans the site: the last index is put back as soon as it is written.
    background.build_started()
    for path in sorted(root.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    site(root, {"a/index.html": PAGE.format(body=" data-pagefind-body")})
    background.build_done(root)
    assert [p["url"] for p in fragments(root)] == ["/a/"]
    assert background.settled(60)
    kept = background.folder
    background.close()
    assert kept is not None and not kept.exists()


def test_an_index_of_a_site_rebuilt_meanwhile_is_dropped(tmp_path: Path) -> None:
    root = site(tmp_path / "site", {"a/index.html": PAGE.format(body=" data-pagefind-body")})
    background = BackgroundIndex()
    out = tmp_path / "out"
    index_site(root, out)
    background.build_started()  # a save: the site is being written again
    background.publish(root, out, generation=0)
    assert not out.exists() and not (root / PAGEFIND).exists()
    index_site(root, out)
    background.building = False
    background.publish(root, out, background.generation)
    assert (root / PAGEFIND / "pagefind.js").is_file() and background.latest == out
