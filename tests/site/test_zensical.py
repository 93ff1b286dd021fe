"""`briefing build --engine zensical`: a project Zensical 0.0.73 builds strictly, as MkDocs does.

Zensical lives in a virtual environment of its own (`make .venv-zensical/bin/zensical`,
which `make test` runs); without it these tests skip, and fail when CI is set.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.content.check import Settings
from generator.pipeline import outputs
from generator.site.scan import scan_site
from generator.site.zensical import (
    FEATURES,
    PALETTE,
    SEARCH_SEPARATOR,
    toml_string,
    zensical_toml,
)
from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, build_site, require, serve
from tests.conftest import ROOT
from tests.helpers import DEFAULT, HOSTILE, VOLCANO, mkdocs_config

ZENSICAL_VENV = ROOT / ".venv-zensical"
ZENSICAL = ZENSICAL_VENV / "bin" / "zensical"


def zensical_templates() -> Path:
    found = sorted(ZENSICAL_VENV.glob("lib/python3*/site-packages/zensical/templates"))
    require(bool(found), f"no Zensical templates under {ZENSICAL_VENV}")
    return found[0]


def zensical_site(folder: Path, briefing: tuple[Path, Path], *offline: str) -> Path:
    """Write the Zensical project of a briefing and build it with `zensical build --strict`."""
    require(ZENSICAL.is_file(), f"no {ZENSICAL} (make .venv-zensical/bin/zensical)")
    content, seeds = briefing
    command = [sys.executable, "-m", "generator.cli.main", "build", "--engine", "zensical"]
    command += ["--out", str(folder), "--content", str(content), "--seeds", str(seeds), *offline]
    subprocess.run(command, check=True, capture_output=True, text=True)
    done = subprocess.run(
        [str(ZENSICAL), "build", "--strict"], cwd=folder, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return folder / "site"


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def mkdocs_yml() -> dict[str, Any]:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    return dict(yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader))


def test_the_zensical_theme_and_search_are_those_of_mkdocs_yml() -> None:
    config = mkdocs_yml()
    theme = config["theme"]
    assert [f for f in theme["features"] if not f.startswith("content.action")] == FEATURES
    assert theme["palette"] == PALETTE
    search = next(p["search"] for p in config["plugins"] if isinstance(p, dict) and "search" in p)
    assert search["separator"] == SEARCH_SEPARATOR


def test_the_config_parses_as_toml_with_the_navigation_of_the_site() -> None:
    view = outputs(Settings(*DEFAULT)).built.view
    config = tomllib.loads(zensical_toml(view))["project"]
    assert config["docs_dir"] == "docs" and config["extra_css"] == ["assets/briefing/briefing.css"]
    titles = [next(iter(item)) for item in config["nav"]]
    assert titles[:2] == ["Overview", "Claims by topic"] and titles[-2:] == ["Methodology", "Print"]
    assert config["plugins"]["search"]["separator"] == SEARCH_SEPARATOR
    assert "partials" not in str(config), "Material's search partial is not carried over"


@given(st.text())
def test_any_text_is_one_toml_string(text: str) -> None:
    assert tomllib.loads(f"a = {toml_string(text)}")["a"] == text


@pytest.mark.parametrize("briefing", [DEFAULT, VOLCANO], ids=["default", "volcano"])
def test_zensical_builds_the_same_pages_as_mkdocs(
    briefing: tuple[Path, Path], tmp_path: Path
) -> None:
    site = zensical_site(tmp_path / "zensical", briefing)
    mkdocs = build_site(mkdocs_config(tmp_path / "m", *briefing), tmp_path / "mkdocs-site")
    assert pages(site) == pages(mkdocs)
    assert (site / "feed.xml").is_file() and (site / "data" / "claims.json").is_file()


def test_an_offline_project_carries_its_polyfill_and_plain_file_links(tmp_path: Path) -> None:
    site = zensical_site(tmp_path / "zensical", DEFAULT, "--offline")
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "assets/vendor/iframe-worker-shim.js" in index and "unpkg.com" not in index
    assert (site / "estimates.html").is_file()


def test_a_hostile_briefing_puts_no_live_markup_in_a_zensical_site(tmp_path: Path) -> None:
    site = zensical_site(tmp_path / "zensical", HOSTILE)
    assert scan_site(site, theme=zensical_templates()) == []
    unscanned = scan_site(site)  # Material's scripts alone: Zensical's own are unknown to it
    assert unscanned and {p.code for p in unscanned} == {"scan-script"}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "the playwright package is not installed (pip install -e '.[test]')")
    require(CHROMIUM.is_file(), f"no chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.mark.parametrize(
    "term,expected",
    [("2,700", "claims/casualties/"), ("Zelensky", "claims/casualties/"), ("Kursk", "")],
)
def test_search_in_a_zensical_site_finds_figures_and_names(
    browser: Any, tmp_path: Path, term: str, expected: str
) -> None:
    site = zensical_site(tmp_path / "zensical", DEFAULT)
    with serve(site) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base)
        page.locator(".md-search__button").first.click()
        page.locator("dialog[aria-label='Search'] input").first.fill(term)
        results = page.locator("dialog[aria-label='Search'] li a")
        wanted = base + expected
        hrefs: list[str] = []
        for _ in range(100):  # results follow the query as it is typed: wait for them to settle
            hrefs = results.evaluate_all("els => els.map(e => e.href)")
            if any(h.startswith(wanted) for h in hrefs):
                break
            page.wait_for_timeout(100)
        page.close()
    assert hrefs, f"searching {term!r} found nothing"
    assert any(h.startswith(wanted) for h in hrefs), hrefs
