"""Pages that show the whole briefing are kept while nothing they show was edited."""

from __future__ import annotations

import re
from pathlib import Path

from bench.synth import write_briefing
from generator.content.check import Settings
from generator.pipeline import build_pages
from generator.publish.inputs import WORDING, ignored_fields
from generator.speed.reuse import Reuse


def edit(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed, count = re.subn(pattern, replacement, text, count=1, flags=re.M)
    assert count == 1, pattern
    path.write_text(changed, encoding="utf-8")


def kept(before: dict[str, str], after: dict[str, str], prefix: str) -> list[bool]:
    """For each page under a prefix: whether the rebuild handed back the very same text."""
    return [after[p] is before[p] for p in sorted(before) if p.startswith(prefix)]


def test_a_reworded_claim_keeps_the_figures_pages_and_a_new_figure_does_not(
    tmp_path: Path,
) -> None:
    write_briefing(tmp_path, 20, 200, claims_per_page=10)
    settings = Settings(tmp_path / "content", tmp_path / "seeds")
    claims = tmp_path / "content" / "claims" / "casualties.yml"
    reuse = Reuse()
    first = build_pages(settings, reuse).pages
    assert any(p.startswith("estimates/measure-") for p in first)

    edit(claims, r"^(- id: c000001\n  statement: )[^\n]*", r"\1Reworded for report 1.")
    reworded = build_pages(settings, reuse).pages
    assert reworded == build_pages(settings).pages
    assert all(kept(first, reworded, "estimates")), "no figures page shows a statement"
    assert not all(kept(first, reworded, "timeline")), "the timeline shows statements"

    edit(claims, r"^  value: 24065$", "  value: 24066")
    edit(claims, "24,065", "24,066")
    edit(tmp_path / "seeds" / "s00000.txt", "24,065", "24,066")
    refigured = build_pages(settings, reuse).pages
    assert refigured == build_pages(settings).pages
    assert not all(kept(reworded, refigured, "estimates")), "a new figure changes its pages"
    assert build_pages(settings, reuse).pages == refigured, "a rebuild with no edit"


def test_only_pages_that_show_no_wording_may_ignore_it() -> None:
    assert ignored_fields({"m.rows[]": frozenset({"figure", "date"})}) == WORDING
    assert ignored_fields({"claims[]": frozenset({"statement"})}) == frozenset()
    assert ignored_fields({"claims[]": frozenset({"note_refs"})}) == frozenset()
    assert ignored_fields({}) == WORDING
