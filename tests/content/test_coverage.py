"""Coverage: every figure no claim quotes, with its position, sentence and reading."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.content.check import Settings, check
from generator.content.coverage import format_coverage, scan, sentences, uncovered
from tests.content.test_schema import run_editor
from tests.helpers import DEFAULT, MINIMAL

EXTRA = (
    "Divers later found three people missing near the pier. The U.S. Coast Guard sent "
    "2 cutters.\nOn May 7, the harbour reopened.\n"
    "Insurers expect claims above $4 million, and 15 fishing crews, 200 sailors and "
    "tens of thousands of residents were affected.\n"
)


def briefing_with_extra_text(tmp_path: Path) -> Settings:
    root = tmp_path / "b"
    shutil.copytree(MINIMAL[0].parent, root)
    with (root / "seeds" / "report.txt").open("a", encoding="utf-8") as handle:
        handle.write(EXTRA)
    return Settings(root / "content", root / "seeds")


def test_sentences_keep_offsets_and_skip_abbreviations() -> None:
    text = "First line. The U.S. Army said so.\r\nSecond line, one sentence!\n\nThird?  Yes."
    found = sentences(text)
    assert [s.text for s in found] == [
        "First line.",
        "The U.S. Army said so.",
        "Second line, one sentence!",
        "Third?",
        "Yes.",
    ]
    for s in found:
        assert text[s.start : s.end] == s.text


def test_minimal_briefing_lists_the_unquoted_figure_of_a_quoted_sentence() -> None:
    checked = check(Settings(*MINIMAL))
    found = scan(checked)
    assert [(f.figure.text, f.covered) for f in found] == [
        ("40", True),
        ("12", False),
        ("60", True),
    ]
    (missing,) = uncovered(checked)
    assert (missing.line, missing.col, missing.figure.text) == (3, 86, "12")
    assert missing.sentence.text.endswith("with 12 sunk.")
    assert format_coverage(found).endswith("2 of 3 figures are covered by a quote (66%); 1 is not.")


def test_uncovered_figures_are_found_placed_and_ranked(tmp_path: Path) -> None:
    checked = check(briefing_with_extra_text(tmp_path))
    found = uncovered(checked)
    assert [(f.line, f.col, f.figure.text) for f in found] == [
        (5, 20, "three"),
        (7, 30, "$4 million"),
        (7, 46, "15"),
        (7, 64, "200"),
        (7, 80, "tens of thousands"),
        (3, 86, "12"),  # near figure words only: ranked after those counting one
        (5, 82, "2"),
    ]
    text = checked.articles["update"].text
    for f in found:
        line = text.splitlines()[f.line - 1]
        assert line[f.col - 1 :].startswith(f.figure.text)
    assert [f.figure.describe() for f in found[1:5]] == [
        "more than 4,000,000 dollars",
        "15 crews",
        "200 sailors",
        "at least 10,000 residents",
    ]
    assert found[-1].sentence.text == "The U.S. Coast Guard sent 2 cutters."


def test_a_figure_quoted_elsewhere_ranks_after_one_quoted_nowhere(tmp_path: Path) -> None:
    settings = briefing_with_extra_text(tmp_path)
    with (settings.seeds_dir / "report.txt").open("a", encoding="utf-8") as handle:
        handle.write("Later 40 vessels and 41 vessels were counted.\n")
    found = [f for f in uncovered(check(settings)) if f.line == 8]
    assert [(f.figure.text, f.quoted) for f in found] == [("41", False), ("40", True)]


def test_dates_years_and_ids_are_not_listed(tmp_path: Path) -> None:
    settings = briefing_with_extra_text(tmp_path)
    with (settings.seeds_dir / "report.txt").open("a", encoding="utf-8") as handle:
        handle.write("On 9 May 2030 at 06:00 the KN-23 team (page 4) called 0800 555 0199.\n")
    assert [f for f in uncovered(check(settings)) if f.line == 8] == []


def test_formatter_prints_positions_readings_and_counts(tmp_path: Path) -> None:
    settings = briefing_with_extra_text(tmp_path)
    lines = format_coverage(scan(check(settings)), "b").splitlines()
    assert lines[0] == "b/seeds/report.txt:5:20: 3 people ('three'), quoted nowhere"
    assert lines[1] == '    "Divers later found three people missing near the pier."'
    assert lines[-1] == "coverage: 2 of 9 figures are covered by a quote (22%); 7 are not."


def test_coverage_command_on_the_default_briefing(capsys: pytest.CaptureFixture[str]) -> None:
    content, seeds = DEFAULT
    assert run_editor(["coverage", "--content", str(content), "--seeds", str(seeds)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert re.fullmatch(r"coverage: \d+ of \d+ figures .*", out[-1])
    for line in out[:-1]:
        assert line.startswith('    "') or re.match(r".*seeds/\S+\.txt:\d+:\d+: .+ \('.+'\)", line)


def test_coverage_command_reports_content_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "b"
    shutil.copytree(MINIMAL[0].parent, root)
    (root / "seeds" / "report.txt").write_text("Rewritten.\n", encoding="utf-8")
    argv = ["coverage", "--content", str(root / "content"), "--seeds", str(root / "seeds")]
    assert run_editor(argv) == 1
    assert "quote-not-found" in capsys.readouterr().err
