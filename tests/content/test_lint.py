"""Wording lint: estimative words outside ICD 203 and mixed scales are warnings with positions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.content import parsecache
from generator.content.check import Settings, check
from tests.helpers import MINIMAL


def warnings_for(tmp_path: Path, statement: str, judgment: str) -> list[tuple[int, int, str]]:
    root = tmp_path / "b"
    shutil.copytree(MINIMAL[0].parent, root)
    claims = root / "content" / "claims" / "figures.yml"
    text = claims.read_text().replace(
        "statement: The harbour authority counts 40 damaged vessels.", f"statement: {statement}"
    )
    claims.write_text(text)
    briefing = root / "content" / "briefing.yml"
    briefing.write_text(
        briefing.read_text().replace("The authority's count is the more complete one.", judgment)
    )
    checked = check(Settings(root / "content", root / "seeds"))
    return [(w.span.line, w.span.col, w.code) for w in checked.warnings if w.span]


def test_estimative_words_are_flagged_at_their_column(tmp_path: Path) -> None:
    found = warnings_for(tmp_path, "The authority probably counts 40.", "It seems complete.")
    assert (2, 28, "wording-estimative") in found  # 'probably' in claims/figures.yml line 2
    assert (5, 11, "wording-estimative") in found  # 'It seems' in briefing.yml line 5


def test_mixed_confidence_and_likelihood(tmp_path: Path) -> None:
    found = warnings_for(tmp_path, "Counts 40.", "We have high confidence it is likely complete.")
    assert [code for *_, code in found] == ["wording-mixed-scales"]


def test_plain_wording_passes(tmp_path: Path) -> None:
    assert warnings_for(tmp_path, "Counts 40 vessels.", "The count is complete.") == []


def test_warnings_keep_their_positions_when_files_come_from_the_parse_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    statement, judgment = "The authority probably counts 40.", "It seems complete."
    cold = warnings_for(tmp_path / "cold", statement, judgment)
    assert cold and list((tmp_path / "cache").iterdir())
    hits: list[bool] = []
    fetch = parsecache.fetch
    monkeypatch.setattr(parsecache, "fetch", lambda *a: hits.append(fetch(*a)[0]) or fetch(*a))
    assert warnings_for(tmp_path / "warm", statement, judgment) == cold
    assert hits and all(hits)
