"""A figure passes when one of its claim's quotes states it, in any form the format names."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main as cli
from tests.content.bad_cases import stated_by
from tests.content.test_bad_inputs import make_briefing

STATED = {
    "digits": ("Officials counted 2700 damaged boats.", "value: 2700"),
    "separators": ("Officials counted 2,700 damaged boats.", "value: 2700"),
    "decimals": ("Losses reached 1.5 per cent of the fleet.", "value: 1.5"),
    "scale-word": ("Repairs will cost 12 million dollars.", "value: 12000000"),
    "currency-and-scale": ("Repairs will cost $540 million.", "value: 540000000"),
    "abbreviated-scale": ("Repairs will cost 1.2bn.", "value: 1200000000"),
    "scale-in-the-unit": ("Repairs will cost $540 million.", "value: 540"),
    "words": ("Forty-two boats sank.", "value: 42"),
    "a-dozen": ("A dozen boats sank.", "value: 12\n  qualifier: about"),
    "convention-words": ("Tens of thousands of boats.", "low: 10000\n  qualifier: at least"),
    "convention-range": ("Hundreds of boats sank.", "low: 100\n  high: 1000"),
    "range-in-words": ("Between 40 and 60 boats sank.", "low: 40\n  high: 60"),
}


@pytest.mark.parametrize("form", sorted(STATED))
def test_a_stated_figure_passes(
    form: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sentence, figure = STATED[form]
    root = make_briefing(tmp_path, stated_by(sentence, figure))
    monkeypatch.chdir(root)
    monkeypatch.setenv("BRIEFING_NO_CACHE", "1")
    code = cli.main(["check"])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert "figure-not-in-quote" not in out + err


def test_a_claim_without_a_measure_is_not_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    overlay = stated_by("The mayor demanded an inquiry.", "value: 40")
    figure = "  measure: damaged\n  value: 40\n"
    text = str(overlay["content/claims/figures.yml"]).replace(figure, "")
    root = make_briefing(tmp_path, {**overlay, "content/claims/figures.yml": text})
    monkeypatch.chdir(root)
    monkeypatch.setenv("BRIEFING_NO_CACHE", "1")
    assert cli.main(["check"]) == 0, capsys.readouterr()
