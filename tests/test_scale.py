"""Structural gates for scale, no timers: page size does not grow with the number of pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.synth import write_briefing
from tests.helpers import mkdocs_config
from tests.test_site import briefing


def built_site(folder: Path, sources: int, claims: int) -> Path:
    write_briefing(folder, sources, claims)
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
    _, large = sites
    index = (large / "sources" / "index.html").read_text(encoding="utf-8")
    assert len(list((large / "sources").glob("s*/index.html"))) == 300
    assert index.count('href="s00') == 300
