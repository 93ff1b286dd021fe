"""What a long-running process keeps between builds: the result always equals a fresh build."""

from __future__ import annotations

import gc
import re
import time
import weakref
from pathlib import Path

import pytest

from bench.synth import write_briefing
from generator.content.check import Settings
from generator.errors import BriefingError
from generator.pipeline import build_pages, collect_when_idle
from generator.publish.opendata import data_files
from generator.speed.reuse import Memo, Reuse


def edit(path: Path, pattern: str, replacement: str) -> None:
    """Replace the first match of a pattern in a content file; it must match."""
    text = path.read_text(encoding="utf-8")
    changed, count = re.subn(pattern, replacement, text, count=1, flags=re.M)
    assert count == 1, pattern
    path.write_text(changed, encoding="utf-8")


def claim(n: int) -> str:
    """A pattern that matches the start of one synthetic claim through its statement."""
    return rf"^- id: c{n:06d}\n  statement: [^\n]*"


EDITS: list[tuple[str, ...]] = [
    ("casualties.yml", claim(1), "- id: c000001\n  statement: A new statement for report 1."),
    # A figure corrected with the passage that states it, in the claim and in the article.
    ("casualties.yml", r"^  value: 24065$", "  value: 24066", "24,065", "24,066"),
    ("casualties.yml", r"^  date: 2025-10-10$", "  date: 2025-03-10"),
    ("../sources.yml", r"^  publisher: Outlet 0$", "  publisher: Outlet Zero"),
    ("../measures.yml", r"^  label: Soldiers killed$", "  label: Soldiers killed in action"),
    ("casualties.yml", r"^  credibility: 4$", "  credibility: 4\n  status: disputed"),
    # c000017 is replaced by c000001; then c000001's figure changes, and the link
    # from c000017's page, labelled with that figure, must change with it.
    (
        "casualties.yml",
        r"^(  date: 2025-06-18)$",
        r"\1\n  status: superseded\n  superseded_by: c000001",
    ),
    ("casualties.yml", r"^  value: 24066$", "  value: 25000", "24,066", "25,000"),
    ("casualties.yml", r'^  claimant: "Agency J"$', '  claimant: "Agency Jay"'),
    ("casualties.yml", r"^  qualifier: about$", "  qualifier: at least"),
    ("casualties.yml", r"^  topic: casualties$", "  topic: aid"),
    # a wording warning, and an article text whose passages all move
    ("casualties.yml", claim(9), "- id: c000009\n  statement: Borovia probably reports 13597."),
    ("../../seeds/s00000.txt", r"\A", "A new first line of the report.\n"),
    (
        "aid.yml",
        r"\A",
        "- id: c999999\n  statement: Added.\n  claimant: New agency\n  topic: aid\n"
        "  date: 2025-01-01\n  evidence:\n    - source: s00000\n      quote: in report 1.\n",
    ),
]


@pytest.fixture
def briefing(tmp_path: Path) -> Settings:
    write_briefing(tmp_path, 20, 200, claims_per_page=10)
    return Settings(tmp_path / "content", tmp_path / "seeds")


def test_memo_hands_back_only_what_was_made_from_an_equal_input() -> None:
    memo, calls = Memo(), []

    def make() -> int:
        calls.append(1)
        return len(calls)

    assert memo.made("a", b"one", make) == 1
    assert memo.made("a", b"one", make) == 1, "an equal input takes the kept result"
    assert memo.made("a", b"two", make) == 2, "another input makes a new one"
    assert memo.made("b", b"two", make) == 3, "results are kept per key"
    assert memo.made("a", b"two", make) == 2


def test_builds_that_reuse_equal_fresh_builds_after_every_kind_of_edit(briefing: Settings) -> None:
    reuse = Reuse()
    first = build_pages(briefing, reuse)
    assert build_pages(briefing, reuse).pages == first.pages
    claims = briefing.content_dir / "claims"
    for name, pattern, replacement, *passage in EDITS:
        before = build_pages(briefing).pages
        edit(claims / name, pattern, replacement)
        if passage:  # the quote and the article text state the new figure too
            edit(claims / name, re.escape(passage[0]), passage[1])
            edit(briefing.seeds_dir / "s00000.txt", re.escape(passage[0]), passage[1])
        fresh = build_pages(briefing)
        assert fresh.pages != before, f"the edit {pattern!r} changes no page"
        again = build_pages(briefing, reuse)
        assert again.pages == fresh.pages, pattern
        assert again.checked.warnings == fresh.checked.warnings, pattern
        assert data_files(again.view, reuse.exported) == data_files(fresh.view), pattern


def test_a_bad_edit_then_a_fix_still_equals_a_fresh_build(briefing: Settings) -> None:
    reuse = Reuse()
    build_pages(briefing, reuse)
    claims = briefing.content_dir / "claims" / "casualties.yml"
    good = claims.read_text(encoding="utf-8")
    claims.write_text(good.replace("qualifier: about", "qualifier: around", 1), encoding="utf-8")
    with pytest.raises(BriefingError):
        build_pages(briefing, reuse)
    claims.write_text(good.replace("report 1.", "report one.", 1), encoding="utf-8")
    assert build_pages(briefing, reuse).pages == build_pages(briefing).pages


def test_a_serving_process_collects_garbage_cycles_once_idle() -> None:
    class Node:
        other: object = None

    enabled = gc.isenabled()
    gc.disable()  # only the idle collection may free the cycle
    try:
        first, second = Node(), Node()
        first.other, second.other = second, first
        alive = weakref.ref(first)
        del first, second
        assert alive() is not None
        collect_when_idle(0.01)
        deadline = time.monotonic() + 5
        while alive() is not None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert alive() is None
    finally:
        if enabled:
            gc.enable()


def test_a_figure_its_quotes_no_longer_state_is_refused_as_in_a_fresh_build(
    briefing: Settings,
) -> None:
    reuse = Reuse()
    build_pages(briefing, reuse)
    claims = briefing.content_dir / "claims" / "casualties.yml"
    edit(claims, r"^  value: 24065$", "  value: 24066")
    with pytest.raises(BriefingError) as fresh:
        build_pages(briefing)
    with pytest.raises(BriefingError) as reused:
        build_pages(briefing, reuse)
    assert "figure-not-in-quote" in {p.code for p in fresh.value.problems}
    assert reused.value.problems == fresh.value.problems
