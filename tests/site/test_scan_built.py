"""The scanner over real builds: every site a build writes scans clean, the pages the scanner's
own tests plant payloads into are the pages a build writes today, and the scanner sees in every
generated page what a second HTML5 parser (html5lib) sees.

The scanner's detailed tests (tests/site/test_scan.py) run on saved pages, without a build, so
that mutation testing can run them once per mutant; this file is what keeps those pages true.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.cli import main as cli
from generator.site.scan import elements, scan_site
from tests.browser.harness import build_site
from tests.conftest import assert_golden, remove_orphans
from tests.helpers import DEFAULT, HOSTILE, MINIMAL, mkdocs_config
from tests.site.test_scan import OFFLINE_SCRIPTS, SAVED
from tests.site.test_scan_differential import html5lib_elements

# The pages kept for the scanner's tests: the theme's chrome and scripts, content pages with
# articles, a source page with its highlighted text, hostile content escaped, Material's search
# index (the offline build's; an online build's is empty).
KEPT = {
    "minimal": (
        "index.html",
        "404.html",
        "claims/damage/index.html",
        "sources/update/index.html",
        "search/search_index.json",
    ),
    "hostile": (
        "claims/damage/index.html",
        "claims/response/index.html",
        "sources/mayor/index.html",
        "sources/report/index.html",
    ),
    # Material's search index: an online build's holds no entries (Pagefind searches it).
    "offline": ("index.html", "search/search_index.json"),
}
BRIEFINGS = {"minimal": MINIMAL, "hostile": HOSTILE, "offline": MINIMAL, "default": DEFAULT}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    built = {}
    for name, briefing in BRIEFINGS.items():
        folder = tmp_path_factory.mktemp(f"scan-{name}")
        config = mkdocs_config(folder, *briefing)
        built[name] = build_site(config, folder / "site", offline=name == "offline")
    return built


@pytest.mark.parametrize("name", ["default", "hostile", "minimal"])
def test_every_built_site_scans_clean(
    name: str, sites: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert cli.main(["scan", str(sites[name])]) == 0, capsys.readouterr().err
    assert "holds no live markup" in capsys.readouterr().out


def test_the_offline_site_scans_clean_with_the_polyfill_its_config_adds(
    sites: dict[str, Path],
) -> None:
    assert "iframe-worker" in (sites["offline"] / "index.html").read_text(encoding="utf-8")
    assert scan_site(sites["offline"], config_scripts=OFFLINE_SCRIPTS) == []


def without_history(page: str, text: str) -> str:
    """A search index without What's new, which tells this repository's own git history (its
    commits and dates), not what the scanner is tested on; pages as they are."""
    if not page.endswith("search_index.json"):
        return text
    index = json.loads(text)
    index["docs"] = [d for d in index["docs"] if not d["location"].startswith("whats-new")]
    return json.dumps(index, ensure_ascii=False, separators=(",", ":")) + "\n"


def test_the_saved_pages_are_the_pages_a_build_writes(
    sites: dict[str, Path], update_golden: bool
) -> None:
    expected = set()
    for name, pages in KEPT.items():
        for page in pages:
            saved = SAVED / name / page
            built = without_history(page, (sites[name] / page).read_text(encoding="utf-8"))
            assert_golden(saved, built, update_golden)
            expected.add(saved)
    remove_orphans(SAVED, "**/*", expected, update_golden)


@pytest.mark.parametrize("name", ["default", "hostile"])
def test_the_scanner_and_html5lib_see_the_same_elements_in_every_generated_page(
    name: str, sites: dict[str, Path]
) -> None:
    pages = sorted(sites[name].rglob("*.html"))
    assert len(pages) > 12
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert elements(text) == html5lib_elements(text), page
