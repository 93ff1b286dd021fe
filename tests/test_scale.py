"""Structural gates for scale, no timers: page size does not grow with the number of pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bench.synth import write_briefing
from generator.site.search import PAGEFIND, fragments
from tests.helpers import mkdocs_config
from tests.site.test_site import briefing


def built_site(folder: Path, sources: int, claims: int, per_page: int | None = None) -> Path:
    write_briefing(folder, sources, claims, claims_per_page=per_page)
    config = mkdocs_config(folder, folder / "content", folder / "seeds")
    result = briefing("site", "--config", str(config), "--site-dir", str(folder / "site"))
    assert result.returncode == 0, result.stderr[-2000:]
    return folder / "site"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    small = built_site(tmp_path_factory.mktemp("s30"), 30, 60)
    large = built_site(tmp_path_factory.mktemp("s300"), 300, 600)
    return small, large


@pytest.mark.parametrize("page", ["methodology/index.html", "sources/s00001/index.html"])
def test_page_size_does_not_grow_with_the_source_count(sites: tuple[Path, Path], page: str) -> None:
    small, large = sites
    assert (large / page).stat().st_size <= 1.5 * (small / page).stat().st_size


def test_every_source_has_a_page_linked_from_the_index(sites: tuple[Path, Path]) -> None:
    small, large = sites
    index = (small / "sources" / "index.html").read_text(encoding="utf-8")
    assert index.count('href="s00') >= 30, "a short list of sources is one page"
    index = (large / "sources" / "index.html").read_text(encoding="utf-8")
    assert len(list((large / "sources").glob("s*/index.html"))) == 300
    assert "300 sources, too many for one page" in index and 'href="s00' not in index
    parts = sorted((large / "sources" / "published").glob("*/index.html"))
    assert len(parts) > 1
    linked: list[str] = []
    for part in parts:
        html = part.read_text(encoding="utf-8")
        assert f'href="../{part.parent.name}/"' not in index
        assert f'href="published/{part.parent.name}/"' in index
        linked += re.findall(r'href="\.\./\.\./(s\d{5})/"', html)
    assert sorted(linked) == [f"s{n:05d}" for n in range(300)], "each source linked once"


def searched_pages(site: Path) -> set[str]:
    """The pages the site's search index holds, as paths inside the site."""
    return {str(page["url"]).lstrip("/") for page in fragments(site)}


@pytest.fixture(scope="module")
def split_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A briefing whose topic and timeline lists are longer than one page may hold."""
    return built_site(tmp_path_factory.mktemp("split"), 20, 200, per_page=10)


def test_long_lists_are_split_by_period_and_every_claim_has_one_home(split_site: Path) -> None:
    pages = {
        p.relative_to(split_site).as_posix(): p.read_text(encoding="utf-8")
        for p in split_site.rglob("index.html")
    }
    homes: dict[str, list[str]] = {}
    for path, html in pages.items():
        for anchor in re.findall(r'id="(claim-c\d+)"', html):
            homes.setdefault(anchor, []).append(path)
    assert len(homes) == 200
    assert all(len(found) == 1 for found in homes.values()), homes
    assert all(
        re.fullmatch(r"claims/\w+/\d{4}-\d\d(-\d+)?/index.html", p[0]) for p in homes.values()
    )
    topic = pages["claims/casualties/index.html"]
    assert "too many for one page" in topic and 'id="claim-' not in topic
    timeline = pages["timeline/index.html"]
    assert "200 dated claims" in timeline
    parts = sorted(p for p in pages if p.startswith("timeline/2025-"))
    assert any(p.startswith("timeline/2025-01-2/") for p in parts), "a long month is cut in pieces"
    assert all(0 < pages[p].count("<li><strong>") <= 10 for p in parts)


def test_parts_stay_out_of_the_navigation(split_site: Path) -> None:
    methodology = (split_site / "methodology" / "index.html").read_text(encoding="utf-8")
    assert "timeline/2025-01/" not in methodology
    assert "claims/casualties/2025-" not in methodology
    located = searched_pages(split_site)
    assert "timeline/2025-01/" in located and any(
        loc.startswith("claims/casualties/2025-") for loc in located
    )


def test_a_long_figures_page_gives_each_measure_a_page(split_site: Path) -> None:
    figures = (split_site / "estimates" / "index.html").read_text(encoding="utf-8")
    assert 'id="measure-killed"' in figures and "bf-chart" not in figures
    killed = (split_site / "estimates" / "measure-killed" / "index.html").read_text(
        encoding="utf-8"
    )
    assert 'href="measure-killed/"' in figures
    assert killed.count('class="bf-chart"') == 1
    assert 'href="../#measure-killed"' in killed


def test_a_long_table_of_figures_is_cut_into_pages(split_site: Path) -> None:
    exported = json.loads((split_site / "data" / "claims.json").read_text(encoding="utf-8"))
    [killed] = [m for m in exported["measures"] if m["id"] == "killed"]
    figures = len(killed["figures"])
    assert figures > 10, "the fixture should give this measure more figures than a page holds"
    folder = split_site / "estimates" / "measure-killed"
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert "<table>" not in page and "current figures by claimant" in page
    current = sum(1 for f in killed["figures"] if f["role"] == "current")
    assert page.count('class="bf-mark') - page.count('class="bf-mark bf-old') == min(current, 10)
    if current > 10:
        assert f"The chart shows the 10 lowest of the {current} current figures." in page
    else:
        assert "The chart shows each claimant's current figure." in page
    parts = sorted(folder.glob("[0-9]*/index.html"), key=lambda p: int(p.parent.name))
    assert len(parts) == -(-figures // 10)
    rows = 0
    for n, part in enumerate(parts, start=1):
        html = part.read_text(encoding="utf-8")
        assert f'href="{n}/"' in page
        assert 'href="../"' in html, "each part links back to the measure's page"
        count = html.count("<tr>") - 1  # the header row
        assert 0 < count <= 10
        rows += count
    assert rows == figures
    methodology = (split_site / "methodology" / "index.html").read_text(encoding="utf-8")
    assert "measure-killed/1/" not in methodology, "parts stay out of the navigation"
    located = searched_pages(split_site)
    assert {f"estimates/measure-killed/{n}/" for n in range(1, len(parts) + 1)} <= located


@pytest.fixture(scope="module")
def split_site_triple(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The split briefing at three times the claims (and sources, so each cites as many)."""
    return built_site(tmp_path_factory.mktemp("split3"), 60, 600, per_page=10)


PART_LINE = re.compile(r"<li><a href=\"[^\"]*\">[^<]*</a>(: [\d,]+ \w+)?</li>")


def page_sizes(site: Path) -> dict[str, int]:
    """The size of each page's own content (its article, without the theme around it), less
    the lines that list the parts of a split list: one per part, so one per split size."""
    sizes = {}
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        start, end = html.find("<article"), html.rfind("</article>")
        if start >= 0:
            sizes[page.relative_to(site).as_posix()] = len(PART_LINE.sub("", html[start:end]))
    return sizes


def family(path: str) -> str:
    """Pages of one kind: a path with each numbered part (a source, a period, a part) as *."""
    return "/".join("*" if any(ch.isdigit() for ch in part) else part for part in path.split("/"))


# A measure's summary names each originator once: it grows with the originators (18 in the
# synthetic briefing, all reached at a few thousand claims), not with the claims.
BOUNDED_ELSEWHERE = re.compile(r"estimates/measure-[a-z]+/index\.html")


def test_no_page_grows_with_the_claim_count_beyond_the_split_size(
    split_site: Path, split_site_triple: Path
) -> None:
    """Three times the claims make more pages, not larger ones: a page that is not a part
    is at most a little larger than with a third of the claims, and a part of a split list
    holds at most the split size (10 here)."""
    small, large = page_sizes(split_site), page_sizes(split_site_triple)
    assert len(large) > 2 * len(small)
    grown = {
        path: (small[path], size)
        for path, size in large.items()
        if path in small and "*" not in family(path) and not BOUNDED_ELSEWHERE.fullmatch(path)
        if size > 1.25 * small[path]
    }
    assert not grown, grown
    for kind, item in (("reactions", "<li>"), ("sources", "<tr>")):
        parts = sorted((split_site_triple / kind).glob("*/index.html"))
        parts += sorted((split_site_triple / kind).glob("published/*/index.html"))
        parts = [p for p in parts if p.parent.name[:1].isdigit()]
        assert len(parts) > 1, kind
        for part in parts:
            html = part.read_text(encoding="utf-8")
            article = html[html.find("<article") : html.rfind("</article>")]
            assert 0 < article.count(item) - (item == "<tr>") <= 10, part


# What one search fetches: the index chunks of its words and the fragments of the pages it
# shows. Pagefind cuts the index into chunks by word; a page is a fragment of its own.
CHUNK_BOUND = 64 * 1024
FRAGMENT_BOUND = 16 * 1024
META_PER_PAGE = 16  # bytes of the index's page list (loaded by every search) per page


def index_files(site: Path) -> tuple[list[int], list[int], int, int]:
    """Sizes of a site's index chunks and fragments, its page list, and its page count."""
    folder = site / PAGEFIND
    chunks = [p.stat().st_size for p in (folder / "index").glob("*.pf_index")]
    pages = [p.stat().st_size for p in (folder / "fragment").glob("*.pf_fragment")]
    [meta] = folder.glob("*.pf_meta")
    return chunks, pages, meta.stat().st_size, len(pages)


def test_what_a_search_fetches_does_not_grow_with_the_claim_count(
    split_site: Path, split_site_triple: Path
) -> None:
    """Three times the claims make more index chunks and fragments, none larger than a bound
    that holds at any size; the list of pages every search loads grows by a few bytes a
    page; and Material's search index, which a reader would load whole, holds nothing."""
    sizes = {
        name: index_files(site)
        for name, site in (("small", split_site), ("large", split_site_triple))
    }
    (small_chunks, _, _, _), (large_chunks, _, _, _) = sizes["small"], sizes["large"]
    assert len(large_chunks) > len(small_chunks), "the index is not cut into more chunks"
    for name, (chunks, pages, meta, count) in sizes.items():
        assert max(chunks) <= CHUNK_BOUND, (name, max(chunks))
        assert max(pages) <= FRAGMENT_BOUND, (name, max(pages))
        assert meta <= META_PER_PAGE * count, (name, meta, count)
    for site in (split_site, split_site_triple):
        theme = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert theme["docs"] == []
