"""Coverage: sentences stating figures that no claim quotes, with their positions."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.content.check import Settings, check
from generator.content.coverage import (
    FIGURE_WORDS,
    figures_in,
    format_coverage,
    scan,
    sentences,
    uncovered,
)
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


@pytest.mark.parametrize(
    "sentence,figures",
    [
        ("About 300 soldiers were killed.", ["300"]),
        ("The toll rose to 2,700 wounded and 300 dead.", ["2,700", "300"]),
        ("Tens of thousands of troops took part.", ["Tens of thousands"]),
        ("It earned $540 million from arms sales.", ["$540 million"]),
        ("In 2024 the troops arrived.", []),
        ("On February 27, soldiers moved.", []),
        ("KN-23 missiles were fired.", []),
        ("The army's 77th anniversary parade.", []),
        ("2 min read", []),
        ("He and about 100 others travelled by ferry.", ["100"]),
        ("Two of the dead were elderly residents.", ["Two"]),
    ],
)
def test_figures_in_sentences(sentence: str, figures: list[str]) -> None:
    assert figures_in(sentence, FIGURE_WORDS) == figures


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


def test_minimal_briefing_is_fully_covered() -> None:
    checked = check(Settings(*MINIMAL))
    found = scan(checked)
    assert len(found) == 2 and all(f.covered for f in found)
    assert uncovered(checked) == []
    assert format_coverage(found).endswith(
        "2 of 2 sentences stating a figure are covered by a quote (100%); 0 are not."
    )


def test_uncovered_sentences_are_found_placed_and_ranked(tmp_path: Path) -> None:
    checked = check(briefing_with_extra_text(tmp_path))
    found = uncovered(checked)
    assert [(f.line, f.col) for f in found] == [(7, 1), (5, 1), (5, 56)]
    first = found[0]
    assert first.file == "seeds/report.txt" and first.source == "update"
    assert first.figures == ("$4 million", "15", "200", "tens of thousands")
    assert first.unquoted == first.figures
    text = checked.articles["update"].text
    line = text.splitlines()[first.line - 1]
    assert line[first.col - 1 :].startswith("Insurers expect")
    assert found[2].text == "The U.S. Coast Guard sent 2 cutters."


def test_formatter_prints_positions_and_counts(tmp_path: Path) -> None:
    settings = briefing_with_extra_text(tmp_path)
    text = format_coverage(scan(check(settings)), "b")
    lines = text.splitlines()
    assert lines[0].startswith("b/seeds/report.txt:7:1: 4 figures, 4 quoted nowhere")
    assert lines[-1] == (
        "coverage: 2 of 5 sentences stating a figure are covered by a quote (40%); 3 are not."
    )


def test_coverage_command_on_the_default_briefing(capsys: pytest.CaptureFixture[str]) -> None:
    content, seeds = DEFAULT
    assert run_editor(["coverage", "--content", str(content), "--seeds", str(seeds)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert re.fullmatch(r"coverage: \d+ of \d+ sentences .*", out[-1])
    for line in out[:-1]:
        assert line.startswith('    "') or re.match(r".*seeds/\S+\.txt:\d+:\d+: \d+ figures?", line)


def test_coverage_command_reports_content_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "b"
    shutil.copytree(MINIMAL[0].parent, root)
    (root / "seeds" / "report.txt").write_text("Rewritten.\n", encoding="utf-8")
    argv = ["coverage", "--content", str(root / "content"), "--seeds", str(root / "seeds")]
    assert run_editor(argv) == 1
    assert "quote-not-found" in capsys.readouterr().err
