"""The gaps page's "overtaken" rule: a figure older than the horizon while a newer one exists."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.content.check import Settings
from generator.pipeline import build_pages
from tests.helpers import MINIMAL


def briefing(tmp_path: Path, *, mayor_date: str, stale_after_days: int | None) -> Settings:
    """The minimal briefing, the mayor's figure counted (reported) and dated `mayor_date`."""
    content = MINIMAL[0]
    root = tmp_path / "b"
    shutil.copytree(content.parent, root)
    claims = root / "content" / "claims"
    [path] = [p for p in claims.glob("*.yml") if "mayor-damaged" in p.read_text()]
    text = path.read_text(encoding="utf-8")
    text = text.replace("  date: 2030-05\n", f"  date: {mayor_date}\n", 1)
    text = text.replace("  status: disputed\n", "", 1)
    path.write_text(text, encoding="utf-8")
    if stale_after_days is not None:
        info = root / "content" / "briefing.yml"
        info.write_text(
            info.read_text(encoding="utf-8") + f"stale_after_days: {stale_after_days}\n",
            encoding="utf-8",
        )
    return Settings(root / "content", root / "seeds")


def stale(settings: Settings) -> tuple[list[str], str]:
    built = build_pages(settings)
    rows = [r.claimant for r in built.view.gaps().stale]
    page = built.pages["gaps.md"]
    section = page.split("## Figures overtaken by newer ones", 1)[1].split("\n## ", 1)[0]
    return rows, section


# as_of is 2030-05-06; the authority's figure of that day is the newer one.
@pytest.mark.parametrize(
    "days,mayor_date,is_stale",
    [
        (35, "2030-04-01", False),  # exactly at the horizon (2030-04-01): not yet overtaken
        (34, "2030-04-01", True),  # one day past it
        (90, "2030-02-05", False),  # the default horizon, 90 days: 2030-02-05 is on it
        (90, "2030-02-04", True),
        (None, "2030-02-04", True),  # no stale_after_days: the default, 90
        (35, "2030-03", True),  # a month counts by its last day (2030-03-31)
        (36, "2030-03", False),
    ],
)
def test_a_figure_is_overtaken_only_past_the_horizon(
    tmp_path: Path, days: int | None, mayor_date: str, is_stale: bool
) -> None:
    rows, section = stale(briefing(tmp_path, mayor_date=mayor_date, stale_after_days=days))
    assert rows == (["Mayor"] if is_stale else [])
    assert ("Mayor" in section) is is_stale, section
    assert f"more than {days or 90} days before" in section


def test_the_newest_figure_is_never_overtaken(tmp_path: Path) -> None:
    rows, _ = stale(briefing(tmp_path, mayor_date="2030-01-01", stale_after_days=1))
    assert rows == ["Mayor"], "the authority's figure, the newest, stays current"
