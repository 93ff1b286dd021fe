"""The reader's view: built sites opened in a real headless Chromium.

Each site is built once per module (`briefing site`, strict) and served from
localhost by a threaded http.server started here; the offline build is read
from file://. The browser is Debian's chromium (never a downloaded one);
accessibility checks use axe-core from tests/browser/node_modules (`make test`
installs it). Without chromium or axe-core these tests skip with the reason,
and fail when CI is set. Screenshots of every page kind go to
$BRIEFING_SCREENSHOTS (default /tmp/briefing-screenshots), outside the repo.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from generator.site.search import PAGEFIND, fragments
from tests.browser.harness import (
    AXE,
    AXE_JS,
    CHARTS_JS,
    CHROMIUM,
    CHROMIUM_ARGS,
    CONTRAST_JS,
    DESKTOP,
    HOSTILE_DOM_JS,
    IN_VIEW_JS,
    OVERFLOW_JS,
    PHONE,
    SCREENSHOTS,
    Site,
    Watch,
    build_site,
    overlaps,
    require,
    same_page_links,
    serve,
    visit,
)
from tests.conftest import FIXTURES
from tests.helpers import DEFAULT, VOLCANO, mkdocs_config

HOSTILE = (
    FIXTURES / "briefings" / "hostile" / "content",
    FIXTURES / "briefings" / "hostile" / "seeds",
)

# Search terms, and the page each must find (a claims page, with claim anchors).
SEARCHES = {
    "Kursk": "claims/deployment/",
    "2,700": "claims/casualties/",
    "Zelensky": "claims/casualties/",
}

# Every kind of page a reader meets; 'source' and 'topic' are one of each.
PAGE_KINDS = (
    "overview",
    "estimates",
    "reactions",
    "questions",
    "timeline",
    "gaps",
    "sources",
    "source",
    "topic",
    "methodology",
)
REQUIRED_KINDS = set(PAGE_KINDS) - {"gaps"}


# Fixtures: the browser, the builds, the servers.


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "the playwright package is not installed (pip install -e '.[test]')")
    require(
        CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK),
        f"no chromium at {CHROMIUM} (apt-get install chromium; never `playwright install`)",
    )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def default_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("browser-default")
    config = mkdocs_config(folder, *DEFAULT, name="North Korean troops in Russia")
    return build_site(config, folder / "site")


@pytest.fixture(scope="module")
def offline_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("browser-offline")
    config = mkdocs_config(folder, *DEFAULT, name="North Korean troops in Russia")
    return build_site(config, folder / "site", offline=True)


@pytest.fixture(scope="module")
def served(default_build: Path) -> Iterator[Site]:
    with serve(default_build) as base:
        yield Site(default_build, base, "localhost")


@pytest.fixture(scope="module")
def offline(offline_build: Path) -> Site:
    root = offline_build.resolve()
    return Site(root, root.as_uri() + "/", "file")


@pytest.fixture(params=["localhost", "file"])
def site(request: pytest.FixtureRequest) -> Site:
    """The default briefing, served from localhost and read offline from file://."""
    name = "served" if request.param == "localhost" else "offline"
    result: Site = request.getfixturevalue(name)
    return result


@pytest.fixture(scope="module")
def volcano(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The second test briefing: it has superseded figures, drawn as older marks."""
    folder = tmp_path_factory.mktemp("browser-volcano")
    config = mkdocs_config(folder, *VOLCANO, name="Mount Kestrel eruption")
    root = build_site(config, folder / "site")
    with serve(root) as base:
        yield Site(root, base, "volcano")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("browser-hostile")
    config = mkdocs_config(folder, *HOSTILE, name="Hostile briefing")
    root = build_site(config, folder / "site")
    with serve(root) as base:
        yield Site(root, base, "hostile")


@pytest.fixture(scope="module")
def theme_scripts(default_build: Path) -> set[str]:
    """The inline scripts Material writes into every page of a clean build."""
    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S)
    return {
        match.group(1).strip()
        for path in default_build.rglob("*.html")
        for match in inline.finditer(path.read_text(encoding="utf-8"))
    }


# Helpers used by several tests.


@contextlib.contextmanager
def open_page(
    browser: Any, site: Site, viewport: dict[str, int] = DESKTOP, scheme: str = "light"
) -> Iterator[tuple[Any, Watch]]:
    """A fresh browser context (no stored palette) with one page and its watch."""
    context = browser.new_context(
        viewport=viewport,
        color_scheme=scheme,
        reduced_motion="reduce",
        service_workers="block",
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    watch = Watch(site).attach(page)
    try:
        yield page, watch
    finally:
        context.close()


def kind_key(site: Site, kind: str) -> str | None:
    """The page key of one page of a kind, or None when the build has no such page."""
    keys = site.pages()
    if kind == "overview":
        return ""
    if kind in ("source", "topic"):
        folder = "sources/" if kind == "source" else "claims/"
        inside = [k for k in keys if k.startswith(folder) and k != folder]
        return inside[0] if inside else None
    return f"{kind}/" if f"{kind}/" in keys else None


def search(page: Any, term: str) -> list[str]:
    """Type a term into Material's search box like a reader; return the result links."""
    box = page.locator("input.md-search__input")
    button = page.locator("label.md-header__button[for='__search']")
    if not box.is_visible() or button.is_visible():  # a phone opens the box with a button
        button.click()
    box.click()
    page.keyboard.type(term, delay=15)
    page.wait_for_function(
        "() => /matching/i.test(document.querySelector('.md-search-result__meta').textContent)"
    )
    hrefs: list[str] = page.eval_on_selector_all(
        ".md-search-result__item a", "els => els.map(e => e.href)"
    )
    return hrefs


def wait_in_view(page: Any, selector_js: str) -> dict[str, float]:
    """Give the browser a moment to finish scrolling, then measure the element."""
    with contextlib.suppress(Exception):
        page.wait_for_function(
            f"""() => {{ const el = {selector_js}; if (!el) return false;
                const r = el.getBoundingClientRect();
                const h = document.querySelector('.md-header');
                const top = h ? h.getBoundingClientRect().bottom : 0;
                return r.top >= top - 1 && r.top < window.innerHeight; }}""",
            timeout=3_000,
        )
    box: dict[str, float] = page.evaluate(f"({IN_VIEW_JS})({selector_js})")
    return box


def assert_in_view(box: dict[str, float], what: str) -> None:
    visible_height = box["innerHeight"] - box["headerBottom"]
    assert box["top"] >= box["headerBottom"] - 1, f"{what} is hidden under the header: {box}"
    assert box["top"] < box["innerHeight"], f"{what} is below the viewport: {box}"
    if box["height"] <= visible_height:
        assert box["bottom"] <= box["innerHeight"] + 1, f"{what} is cut off: {box}"


# 1. Search.


@pytest.mark.parametrize("term", list(SEARCHES))
def test_search_finds_claims_and_lands_on_them(browser: Any, site: Site, term: str) -> None:
    expected = SEARCHES[term]
    with open_page(browser, site) as (page, watch):
        page.goto(site.url(""))
        hrefs = search(page, term)
        found = {site.key(h) for h in hrefs}
        assert expected in found, f"searching {term!r} did not find {expected}: {sorted(found)}"
        claim_links = page.locator(".md-search-result__item a[href*='#claim-']").filter(
            visible=True
        )
        assert claim_links.count() > 0, f"no visible result for {term!r} links to a claim"
        link = claim_links.first
        target = urlsplit(link.evaluate("e => e.href")).fragment
        link.click()
        page.wait_for_url(lambda url: "#claim-" in url)
        page.wait_for_load_state("load")
        fragment = urlsplit(page.url).fragment
        assert fragment == target and fragment.startswith("claim-")
        assert page.locator(f"[id='{fragment}']").count() == 1, f"no element #{fragment}"
        box = wait_in_view(page, f"document.getElementById('{fragment}')")
        assert_in_view(box, f"claim #{fragment}")
        assert not watch.problems()


def chart_texts(site_root: Path) -> list[str]:
    """Each chart's tick labels run together, as a search result would show them."""
    page = site_root / "estimates" / "index.html"
    if not page.is_file():  # an offline build's pages are files, not folders
        page = site_root / "estimates.html"
    html = page.read_text(encoding="utf-8")
    charts = re.findall(r'<figure class="bf-chart"[^>]*>(.*?)</figure>', html, re.S)
    return ["".join(re.findall(r'<text class="bf-tick"[^>]*>([^<]*)<', c)) for c in charts]


def indexed_texts(site_root: Path) -> list[str]:
    """Every text the site's search index holds: Pagefind's pages, or Material's entries."""
    if (site_root / PAGEFIND).is_dir():
        return [str(page["content"]) for page in fragments(site_root)]
    index = json.loads((site_root / "search" / "search_index.json").read_text("utf-8"))
    return [doc["text"] for doc in index["docs"]]


@pytest.mark.parametrize("build", ["default_build", "offline_build"])
def test_chart_text_stays_out_of_the_search_index(
    request: pytest.FixtureRequest, build: str
) -> None:
    site_root: Path = request.getfixturevalue(build)
    ticks = chart_texts(site_root)
    assert len(ticks) > 3 and all(ticks), "the estimates page has no chart ticks to look for"
    texts = indexed_texts(site_root)
    assert any("2,700" in text for text in texts), "the index does not hold the figure 2,700"
    leaked = [t for t in ticks for text in texts if t in text]
    assert not leaked, f"chart tick labels are in the search index: {leaked}"
    assert not any("bf-tick" in text or "bf-cell-label" in text for text in texts)


def test_the_online_index_holds_page_bodies_only(default_build: Path) -> None:
    """Pagefind indexes what Material's search did: no navigation, no print page, no 404,
    no permalink marks, no phone cell labels, no commit small print."""
    pages = {str(page["url"]): str(page["content"]) for page in fragments(default_build)}
    assert "/claims/casualties/" in pages and "/print/" not in pages
    assert not any(url.startswith("/404") for url in pages)
    casualties = pages["/claims/casualties/"]
    assert "Claims by topic" not in casualties and "Methodology" not in casualties  # the nav
    assert "¶" not in casualties and "Edit this page" not in casualties
    estimates = (default_build / "estimates" / "index.html").read_text(encoding="utf-8")
    label = re.compile(r'<span class="bf-cell-label"[^>]*>([^<]+)</span>')
    labels = set(label.findall(estimates))
    assert labels, "the figures page has no cell labels to look for"
    unlabelled = re.sub(r"<[^>]+>", " ", label.sub("", estimates))
    for name in labels:  # the indexed text says a column's name no more often than its header
        assert pages["/estimates/"].count(name) <= unlabelled.count(name), name
    commits = (default_build / "whats-new" / "index.html").read_text(encoding="utf-8")
    for small in re.findall(r'<small class="bf-commits">([^<]+)</small>', commits):
        assert small not in pages.get("/whats-new/", "")


def test_searching_a_figure_shows_no_chart_text(browser: Any, served: Site) -> None:
    ticks = chart_texts(served.root)
    with open_page(browser, served) as (page, watch):
        page.goto(served.url(""))
        assert search(page, "2,700"), "searching 2,700 found nothing"
        shown = page.locator(".md-search-result").inner_text()
        assert "2,700" in shown
        leaked = [t for t in ticks if t in shown.replace("\n", "")]
        assert not leaked, f"search results show chart tick labels: {leaked}"
        assert not watch.problems()


def search_fits(page: Any, width: int) -> None:
    """The open search box and its results lie within the screen's width."""
    boxes = page.eval_on_selector_all(
        ".md-search__form, .md-search-result__item",
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.left, r.right]; })",
    )
    assert boxes, "no search box or result is shown"
    assert all(left >= -1 and right <= width + 1 for left, right in boxes), boxes


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_search_is_worked_with_the_keyboard_at_any_width(
    browser: Any, served: Site, viewport: dict[str, int]
) -> None:
    """The header's search opens (by its button on a phone, by '/' on a desktop), lists
    results within the screen, and the arrow keys and Enter open one."""
    with open_page(browser, served, viewport) as (page, watch):
        visit(page, served.url("timeline/"))
        if viewport is PHONE:
            page.locator("label.md-header__button[for='__search']").click()
        else:
            page.keyboard.press("/")
        page.keyboard.type("Zelensky", delay=15)
        page.wait_for_function(
            "() => /matching/i.test(document.querySelector('.md-search-result__meta').textContent)"
        )
        search_fits(page, viewport["width"])
        listed = {
            served.key(h.split("?")[0])
            for h in page.eval_on_selector_all(
                ".md-search-result__item a", "els => els.map(e => e.href)"
            )
        }
        page.keyboard.press("ArrowDown")
        focused = page.evaluate("() => document.activeElement.getAttribute('href') || ''")
        assert focused, "ArrowDown did not move to the first result"
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url: "h=zelensky" in url)
        assert served.key(urlsplit(page.url)._replace(query="").geturl()) in listed
        assert page.locator("article mark[data-md-highlight]").count() > 0, "no term marked"
        assert not watch.problems()


def test_online_search_fetches_a_few_fragments_not_a_whole_index(
    browser: Any, served: Site
) -> None:
    """A query loads Pagefind, the index chunk of its word and the fragments of the pages it
    lists; Material's index, which the theme still fetches, holds no entries."""
    fetched: dict[str, int] = {}
    with open_page(browser, served) as (page, watch):
        page.context.on(
            "response", lambda r: fetched.__setitem__(urlsplit(r.url).path, len(r.body()))
        )
        visit(page, served.url(""))
        hrefs = search(page, "Kursk")
        assert hrefs
        assert not watch.problems()
    assert fetched.get("/search/search_index.json", 0) < 2048, "the theme's index is not empty"
    fragments_fetched = [p for p in fetched if p.startswith("/pagefind/fragment/")]
    chunks = [p for p in fetched if p.startswith("/pagefind/index/")]
    assert fragments_fetched and chunks, sorted(fetched)
    on_disk = list((served.root / PAGEFIND / "index").iterdir())
    assert len(chunks) <= 2 and len(chunks) < len(on_disk), chunks
    assert len(fragments_fetched) <= 20


# 2. Citations.


TARGET_JS = """
(id) => {
  const anchor = document.getElementById(id);
  if (!anchor) return {found: false};
  // Quotes that start at the same place stack their anchors before one mark.
  let mark = anchor.nextElementSibling;
  while (mark && mark.matches('span.bf-anchor')) mark = mark.nextElementSibling;
  const style = mark ? getComputedStyle(mark) : null;
  const parts = [...document.getElementsByClassName('bf-' + id)];
  return {
    found: true,
    anchor: anchor.matches('span.bf-anchor'),
    targeted: anchor.matches(':target'),
    mark: !!mark && mark.matches('mark.bf-quote') && mark.classList.contains('bf-' + id),
    text: parts.map((m) => m.textContent).join('').trim(),
    outline: style ? style.outlineStyle : 'none',
    unhighlighted: parts.filter((m) => ['rgba(0, 0, 0, 0)', 'transparent']
      .includes(getComputedStyle(m).backgroundColor)).length,
  };
}
"""

MARK_JS = """
(() => { let m = document.getElementById(%r).nextElementSibling;
  while (m && m.matches('span.bf-anchor')) m = m.nextElementSibling; return m; })()
"""


def test_citation_links_land_on_the_highlighted_passage(browser: Any, site: Site) -> None:
    with open_page(browser, site) as (page, watch):
        page.goto(site.url("estimates/"))
        links = page.locator("article table a[href*='#q-']")
        count = links.count()
        assert count > 0, "the estimates tables have no citation links"
        for index in sorted({0, count // 2, count - 1}):
            page.goto(site.url("estimates/"))
            link = links.nth(index)
            href = link.evaluate("e => e.href")
            key = site.key(href)
            assert key and key.startswith("sources/"), f"citation {href} is not a source page"
            link.click()
            page.wait_for_url(lambda url: "#q-" in url)
            page.wait_for_load_state("load")
            assert site.key(page.url) == key
            fragment = urlsplit(page.url).fragment
            state = page.evaluate(TARGET_JS, fragment)
            assert state["found"], f"{href}: no element #{fragment}"
            assert state["anchor"] and state["mark"], f"{href}: not an anchored quote: {state}"
            assert state["targeted"] and state["outline"] != "none", f"{href}: not outlined"
            assert state["text"], f"{href}: the quoted passage is empty"
            assert not state["unhighlighted"], f"{href}: part of the passage is not highlighted"
            box = wait_in_view(page, MARK_JS % fragment)
            assert_in_view(box, f"the passage {fragment}")
        assert not watch.problems()


# 3. Charts.


@pytest.mark.parametrize("width", [1280, 390])
def test_charts_are_named_readable_and_uncluttered(browser: Any, served: Site, width: int) -> None:
    viewport = DESKTOP if width == DESKTOP["width"] else PHONE
    with open_page(browser, served, viewport) as (page, _watch):
        page.goto(served.url("estimates/"))
        svgs = page.locator("figure.bf-chart svg")
        charts = page.evaluate(CHARTS_JS)
        assert charts, "the estimates page has no chart"
        problems: list[str] = []
        for index, chart in enumerate(charts):
            name = chart["names"][0] if chart["names"] else f"chart {index + 1}"
            svgs.nth(index).scroll_into_view_if_needed()
            if not svgs.nth(index).is_visible():
                problems.append(f"{name}: not visible")
            if chart["role"] != "img":
                problems.append(f"{name}: role is {chart['role']!r}, not 'img'")
            if not chart["ids"] or not all(chart["names"]):
                problems.append(f"{name}: aria-labelledby {chart['ids']} resolves to {chart}")
            texts = chart["labels"] + chart["ticks"]
            for a, b in combinations(texts, 2):
                if overlaps(a["box"], b["box"]):
                    both = "tick labels" if a in chart["ticks"] and b in chart["ticks"] else "text"
                    problems.append(f"{name}: {both} {a['text']!r} and {b['text']!r} overlap")
            svg_box = chart["box"]
            for label in texts:
                box = label["box"]
                if box["right"] > svg_box["right"] + 0.5 or box["left"] < svg_box["left"] - 0.5:
                    problems.append(f"{name}: {label['text']!r} is longer than the chart")
                if width < 600 and label["px"] < 11:
                    problems.append(f"{name}: {label['text']!r} renders at {label['px']:.1f}px")
        assert not problems, "\n".join(problems)


PRINT_JS = """
() => {
  const style = (sel, prop) => [...document.querySelectorAll(sel)].map(
    (el) => getComputedStyle(el)[prop]);
  return {
    marks: style('figure.bf-chart .bf-mark:not(.bf-hollow)', 'stroke'),
    text: style('figure.bf-chart text:not(.bf-old)', 'fill'),
    charts: document.querySelectorAll('figure.bf-chart').length,
    heads: style('article table:has(.bf-cell-label) thead', 'display'),
    breaks: [...document.querySelectorAll('article h1')].map(
      (h) => [h.id, getComputedStyle(h).breakBefore]),
    hidden: style('.md-header, .md-sidebar--primary', 'display'),
  };
}
"""


def test_the_print_page_prints_charts_in_black_and_each_section_on_a_new_sheet(
    browser: Any, site: Site
) -> None:
    with open_page(browser, site, scheme="dark") as (page, watch):
        page.emulate_media(media="print")
        visit(page, site.url("print/"), search=False)
        state = page.evaluate(PRINT_JS)
        assert not watch.problems()
    assert state["charts"] >= 5, state["charts"]
    assert set(state["marks"]) == {"rgb(0, 0, 0)"}, set(state["marks"])
    assert set(state["text"]) == {"rgb(0, 0, 0)"}, set(state["text"])
    assert state["heads"] and set(state["heads"]) == {"table-header-group"}, "tables stacked"
    breaks = dict(state["breaks"])
    assert next(iter(breaks)) == "print-index" and breaks["print-index"] == "auto"
    assert len(breaks) == 7 and all(breaks[h] == "page" for h in list(breaks)[1:]), breaks
    assert set(state["hidden"]) == {"none"}, "the site's header and navigation are printed"


# 4. Every page: no errors, no failed requests, no other hosts.


def test_every_page_loads_cleanly_and_stays_on_the_site(browser: Any, site: Site) -> None:
    found: dict[str, list[str]] = {}
    with open_page(browser, site) as (page, watch):
        queue = [""]
        while queue:
            key = queue.pop(0)
            if key in found:
                continue
            watch.clear()
            ready = visit(page, site.url(key))
            found[key] = watch.problems() + ([] if ready else ["search never became ready"])
            queue.extend(sorted(same_page_links(page, site) - set(found)))
    unreached = sorted(set(site.pages()) - set(found))
    assert not unreached, f"pages no link leads to: {unreached}"
    bad = [f"{key or '(home)'}: {p}" for key, problems in found.items() for p in problems]
    assert not bad, "\n".join(bad)


# 5. Phone width.

# Pages whose tables must fit a phone's width without scrolling sideways (their rows stack
# as cards); other pages may scroll a wide table inside its own box.
FITTING = ("", "estimates/")

STACKED_JS = """
() => [...document.querySelectorAll('article table')]
  .filter((t) => t.querySelector('.bf-cell-label'))
  .map((t) => ({head: getComputedStyle(t.querySelector('thead')).display,
                row: getComputedStyle(t.querySelector('tbody tr')).display,
                label: getComputedStyle(t.querySelector('.bf-cell-label')).display}))
"""


def fits_phone(key: str) -> bool:
    """Whether a page's tables must fit a phone's width (the overview, the figures pages)."""
    return key in FITTING or key.startswith("estimates/")


def test_phone_width_fits_figure_tables_and_scrolls_others_inside_their_box(
    browser: Any, served: Site
) -> None:
    problems: list[str] = []
    stacked: dict[str, int] = {}
    with open_page(browser, served, PHONE) as (page, _watch):
        for key in served.pages():
            page.goto(served.url(key))
            data = page.evaluate(OVERFLOW_JS)
            where = key or "(home)"
            if data["scrollWidth"] > data["innerWidth"]:
                problems.append(
                    f"{where}: page is {data['scrollWidth']}px wide at {data['innerWidth']}px"
                    f" (sticking out: {data['wide']})"
                )
            for number, table in enumerate(data["tables"], 1):
                if not table["wrapped"]:
                    problems.append(f"{where}: table {number} has no scroll box")
                    continue
                if table["right"] > data["innerWidth"] + 1:
                    problems.append(f"{where}: table {number}'s box sticks out: {table}")
                wide = table["tableWidth"] > table["wrapWidth"] + 1
                if wide and fits_phone(key):
                    problems.append(f"{where}: table {number} scrolls sideways: {table}")
                elif wide and (
                    table["overflowX"] not in ("auto", "scroll") or not table["scrolls"]
                ):
                    problems.append(f"{where}: wide table {number} does not scroll: {table}")
            if fits_phone(key):
                cards = page.evaluate(STACKED_JS)
                stacked[where] = len(cards)
                flat = [
                    c
                    for c in cards
                    if (c["head"], c["row"], c["label"]) != ("none", "block", "inline-block")
                ]
                if flat:
                    problems.append(f"{where}: tables not stacked as cards at phone width: {flat}")
    assert not problems, "\n".join(problems)
    # The check proved something: the overview and the figures page have stacked tables.
    assert stacked.get("(home)") and stacked.get("estimates/"), stacked


def test_figure_tables_stay_tables_on_a_desktop(browser: Any, served: Site) -> None:
    with open_page(browser, served) as (page, _watch):
        for key in FITTING:
            page.goto(served.url(key))
            cards = page.evaluate(STACKED_JS)
            assert cards, f"{key or '(home)'} has no table with column names in its cells"
            for card in cards:
                assert (card["head"], card["row"], card["label"]) == (
                    "table-header-group",
                    "table-row",
                    "none",
                ), f"{key or '(home)'}: {card}"


# 6. Dark mode.


@pytest.mark.parametrize("briefing", ["served", "volcano"])
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_chart_text_keeps_its_contrast_in_both_palettes(
    browser: Any, request: pytest.FixtureRequest, scheme: str, briefing: str
) -> None:
    site: Site = request.getfixturevalue(briefing)
    with open_page(browser, site) as (page, watch):
        visit(page, site.url("estimates/"))
        if scheme == "slate":
            page.locator("form[data-md-component='palette'] label").filter(visible=True).click()
            page.wait_for_function(
                "() => document.body.getAttribute('data-md-color-scheme') === 'slate'"
            )
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
        results = page.evaluate(CONTRAST_JS, "figure.bf-chart text")
        assert results, "no chart text on the estimates page"
        low = [
            f"{r['text']!r}: {r['ratio']:.2f}:1 ({r['fill']} on {r['background']})"
            for r in results
            if r["ratio"] < 4.5
        ]
        assert not low, "chart text below 4.5:1 contrast:\n" + "\n".join(low)
        assert not watch.problems()


# 7. Accessibility (axe-core).


# Every kind in the light palette; the kinds with their own colours (charts,
# badges, quoted passages) in the dark one too.
AXE_RUNS = [(kind, "light") for kind in PAGE_KINDS] + [
    (kind, "dark") for kind in ("overview", "estimates", "source", "topic")
]


@pytest.mark.parametrize(("kind", "scheme"), AXE_RUNS)
def test_axe_finds_no_serious_violation(browser: Any, served: Site, kind: str, scheme: str) -> None:
    require(
        AXE.is_file(),
        f"axe-core is not installed ({AXE}); run `make test` "
        "or `npm install --prefix tests/browser`",
    )
    key = kind_key(served, kind)
    if key is None:
        assert kind not in REQUIRED_KINDS, f"the default briefing has no {kind} page"
        pytest.skip(f"the default briefing has no {kind} page")
    with open_page(browser, served, scheme=scheme) as (page, _watch):
        visit(page, served.url(key))
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(AXE_JS)
    problems = [
        f"{v['impact']} {v['id']} {node}"
        for v in violations
        if v["impact"] in ("serious", "critical")
        for node in v["nodes"]
    ]
    assert not problems, "\n".join(problems)


# 8. Hostile content.


def is_inert_json(text: str) -> bool:
    """Structured data the browser never runs: valid JSON with no '<' that could end it."""
    try:
        json.loads(text)
    except ValueError:
        return False
    return "<" not in text


def is_theme_data(script: dict[str, Any]) -> bool:
    """The theme's JSON configuration, or the page's JSON-LD: data, never run."""
    if script["id"] == "__config" and script["type"] == "application/json":
        return True
    return bool(script["type"] == "application/ld+json" and is_inert_json(script["text"]))


def script_problems(scripts: list[dict[str, Any]], site: Site, allowed: set[str]) -> list[str]:
    """Every script element that the theme did not write."""
    problems = []
    for script in scripts:
        if script["src"]:
            path = urlsplit(script["src"]).path
            theirs = any(f"/assets/{d}/" in path for d in ("javascripts", "briefing", "vendor"))
            if not site.is_own(script["src"]) or not theirs:
                problems.append(f"script src={script['src']}")
        elif is_theme_data(script):
            continue
        elif script["text"] not in allowed:
            problems.append(f"inline script {script['text'][:80]!r}")
    return problems


def hostile_check(page: Any, watch: Watch, site: Site, allowed: set[str]) -> list[str]:
    state = page.evaluate(HOSTILE_DOM_JS)
    problems = [*watch.problems(), *state["bad"]]
    if state["pwned"]:
        problems.append("window.__pwned was set")
    problems += script_problems(state["scripts"], site, allowed)
    if "root:x:0:0" in state["text"]:
        problems.append("a snippet include read /etc/passwd")
    return problems


def test_hostile_content_is_shown_as_text_and_runs_nothing(
    browser: Any, hostile: Site, theme_scripts: set[str]
) -> None:
    report: dict[str, list[str]] = {}
    with open_page(browser, hostile) as (page, watch):
        for key in [*hostile.pages(), "404.html"]:
            watch.clear()
            visit(page, hostile.base + key)
            problems = hostile_check(page, watch, hostile, theme_scripts)
            if problems:
                report[key or "(home)"] = problems
        page.goto(hostile.url(""))
        text = page.locator("article").inner_text()
    bad = [f"{key}: {p}" for key, problems in report.items() for p in problems]
    assert not bad, "\n".join(bad)
    for payload in ("<script>alert(1)</script>", "{{ 7*7 }}", "{% raw %}", "!!! note"):
        assert payload in text, f"the overview does not show {payload!r} as text"


@pytest.mark.parametrize(
    "term,shown",
    [("script", "<script>"), ("alert", "alert(1)"), ("onerror", "<img src=x onerror=")],
)
def test_hostile_search_results_run_nothing(
    browser: Any, hostile: Site, theme_scripts: set[str], term: str, shown: str
) -> None:
    """Titles and excerpts from Pagefind show hostile markup as text: nothing runs, no
    element is made of it, no dialog opens."""
    with open_page(browser, hostile) as (page, watch):
        visit(page, hostile.url(""))
        hrefs = search(page, term)
        assert hrefs, f"searching {term!r} found nothing in the hostile briefing"
        page.locator(".md-search-result").hover()
        page.mouse.wheel(0, 5_000)
        page.wait_for_timeout(300)
        text = page.locator(".md-search-result").inner_text()
        problems = hostile_check(page, watch, hostile, theme_scripts)
    assert not problems, "\n".join(problems)
    assert shown in text, f"the results do not show {shown!r} as text"


# 9. Screenshots.


def test_screenshots_of_every_page_kind(browser: Any, served: Site) -> None:
    """Full-page screenshots for people to look at; each is as wide as its screen (nothing
    pushes the page sideways) and shows the scheme it was taken in."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("*-*-*.png"):  # last run's shots, so none is stale
        if old.name.split("-")[0] in PAGE_KINDS:
            old.unlink()
    kinds = [(kind, key) for kind in PAGE_KINDS if (key := kind_key(served, kind)) is not None]
    runs = [(DESKTOP, "light", kinds), (PHONE, "light", kinds)]
    runs += [
        (viewport, "dark", [k for k in kinds if k[0] in ("estimates", "source")])
        for viewport in (DESKTOP, PHONE)
    ]
    written = []
    for viewport, scheme, pages in runs:
        with open_page(browser, served, viewport, scheme) as (page, watch):
            for kind, key in pages:
                visit(page, served.url(key), search=False)
                path = SCREENSHOTS / f"{kind}-{viewport['width']}-{scheme}.png"
                page.screenshot(path=str(path), full_page=True, animations="disabled")
                written.append(path)
                assert png_width(path) == viewport["width"], f"{path.name} is wider than its screen"
                lightness = page.evaluate(BACKGROUND_LIGHTNESS_JS)
                assert (lightness > 0.8) if scheme == "light" else (lightness < 0.3), path.name
            assert not watch.problems()
    assert len(written) == 2 * len(kinds) + 4


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_screenshots_of_search_results(
    browser: Any, served: Site, viewport: dict[str, int]
) -> None:
    """The search box open with results for a figure, as a reader sees it."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with open_page(browser, served, viewport) as (page, watch):
        visit(page, served.url(""))
        assert search(page, "2,700")
        page.locator(".md-search-result__item").first.wait_for(state="visible")
        search_fits(page, viewport["width"])
        path = SCREENSHOTS / f"search-{viewport['width']}-light.png"
        page.screenshot(path=str(path), animations="disabled")
        assert png_width(path) == viewport["width"]
        assert not watch.problems()


# The lightness (0 to 1) of the page's background, as the reader sees it.
BACKGROUND_LIGHTNESS_JS = """() => {
  const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/[0-9.]+/g).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}"""


def png_width(path: Path) -> int:
    """The width of a PNG image, from its header."""
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return int.from_bytes(data[16:20], "big")
