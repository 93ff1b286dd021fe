"""Figure analysis: derived totals, histories, originators, spread, discrepancies, gaps."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from generator.content.check import Settings, check
from generator.view.analyse import analyse
from generator.view.figures import FigureRow, MeasureFigures
from generator.view.views import BriefingView
from tests.helpers import DEFAULT, MINIMAL

MEASURES = """\
- id: damaged
  label: Vessels damaged
  unit: vessels
- id: sunk
  label: Vessels sunk
  unit: vessels
- id: lost
  label: Vessels damaged or sunk
  unit: vessels
  sum_of: [damaged, sunk]
"""


def claim(ident: str, claimant: str, measure: str, figure: str, quote: str, extra: str = "") -> str:
    """One claim in YAML, quoting the minimal briefing's article, and a tally line stating
    its figure (added to the article by view_of, so the figure check passes)."""
    numbers = " and ".join(re.findall(r"(?:value|low|high): ([0-9.]+)", figure))
    return (
        f"- id: {ident}\n  statement: {claimant} gives a figure.\n  claimant: {claimant}\n"
        f"  topic: damage\n  measure: {measure}\n  {figure}\n{extra}"
        f"  evidence:\n    - source: update\n      quote: {quote}\n"
        f"    - source: update\n      quote: Tally {ident} gives {numbers}.\n"
    )


DAMAGED = "40 vessels were damaged"
SUNK = "with 12 sunk"
MAYOR = "more than 60"


def view_of(tmp_path: Path, claims: str) -> BriefingView:
    """Analyse the minimal briefing with other measures and claims."""
    root = tmp_path / "b"
    shutil.copytree(MINIMAL[0].parent, root)
    (root / "content" / "measures.yml").write_text(MEASURES)
    (root / "content" / "claims" / "figures.yml").write_text(claims)
    tallies = "".join(f"{t}\n" for t in re.findall(r"Tally .*", claims))
    article = root / "seeds" / "report.txt"
    article.write_text(article.read_text() + tallies)
    (root / "content" / "questions.yml").unlink()
    (root / "content" / "briefing.yml").write_text("title: T\nsummary: S\nas_of: 2030-05-06\n")
    return analyse(check(Settings(root / "content", root / "seeds")))


def measure(view: BriefingView, ident: str) -> MeasureFigures:
    return view.measure(ident)


def row(m: MeasureFigures, claimant: str, derived: bool = False) -> FigureRow:
    return next(r for r in m.rows if r.claimant == claimant and r.derived == derived)


def test_parts_of_a_claimant_give_a_derived_total(tmp_path: Path) -> None:
    view = view_of(
        tmp_path,
        claim("a-damaged", "Authority", "damaged", "value: 40", DAMAGED, "  date: 2030-05-06\n")
        + claim("a-sunk", "Authority", "sunk", "value: 12", SUNK, "  date: 2030-05-06\n")
        + claim("m-lost", "Mayor", "lost", "value: 60\n  qualifier: more than", MAYOR),
    )
    total = row(measure(view, "lost"), "Authority", derived=True)
    assert (total.interval.low, total.interval.high, total.figure) == (52, 52, "52")
    assert [c.id for c in total.claims] == ["a-damaged", "a-sunk"]
    assert total.role_label == "derived"
    assert row(measure(view, "lost"), "Mayor").figure == "more than 60"


def test_no_total_is_derived_when_a_part_is_missing(tmp_path: Path) -> None:
    view = view_of(tmp_path, claim("a-damaged", "Authority", "damaged", "value: 40", DAMAGED))
    assert measure(view, "lost").rows == []


def test_earlier_figures_of_a_claimant_are_history(tmp_path: Path) -> None:
    view = view_of(
        tmp_path,
        claim("a-old", "Authority", "damaged", "value: 12", SUNK, "  date: 2030-04\n")
        + claim("a-new", "Authority", "damaged", "value: 40", DAMAGED, "  date: 2030-05-06\n"),
    )
    m = measure(view, "damaged")
    roles = {r.claims[0].id: r.role for r in m.rows}
    assert roles == {"a-new": "current", "a-old": "history"}
    assert m.spread.text() == "40" and m.spread.originators == 1
    assert m.discrepancies == []


def test_same_claimant_same_time_different_figures_is_a_discrepancy(tmp_path: Path) -> None:
    view = view_of(
        tmp_path,
        claim("a-one", "Authority", "damaged", "value: 12", SUNK, "  date: 2030-05\n")
        + claim("a-two", "Authority", "damaged", "value: 40", DAMAGED, "  date: 2030-05\n"),
    )
    [d] = measure(view, "damaged").discrepancies
    assert d.claimant == "Authority" and {c.id for c in d.claims} == {"a-one", "a-two"}


def test_a_figure_reported_under_a_part_and_its_total_is_a_discrepancy(tmp_path: Path) -> None:
    view = view_of(
        tmp_path,
        claim("a-part", "Authority", "damaged", "value: 40", DAMAGED, "  date: 2030-05\n")
        + claim("a-same", "Authority", "lost", "value: 40", DAMAGED, "  date: 2030-05\n")
        + claim("a-undated", "Authority", "lost", "value: 40", DAMAGED)
        + claim("a-later", "Authority", "lost", "value: 40", DAMAGED, "  date: 2030-06\n")
        + claim("a-other", "Authority", "lost", "value: 52", DAMAGED, "  date: 2030-05\n")
        + claim("m-same", "Mayor", "lost", "value: 40", DAMAGED, "  date: 2030-05\n"),
    )
    found = [[c.id for c in d.claims] for d in measure(view, "damaged").discrepancies]
    # Same claimant, same figure, times that cannot be told apart (one undated counts);
    # not a later date, another figure or another claimant.
    assert [ids for ids in found if ids[0] == "a-part"] == [
        ["a-part", "a-same"],
        ["a-part", "a-undated"],
    ]
    assert all("m-same" not in ids and "a-later" not in ids for ids in found)


def test_originators_count_claimants_not_outlets(tmp_path: Path) -> None:
    twice = "    - source: update\n      quote: damaged in the storm\n"
    view = view_of(
        tmp_path,
        claim("a", "Authority", "damaged", "value: 40", DAMAGED + "\n" + twice)
        + claim("b", "Harbour master", "damaged", "value: 41", DAMAGED)
        + claim("c", "Mayor", "damaged", "value: 60\n  qualifier: more than", MAYOR),
    )
    m = measure(view, "damaged")
    authority = row(m, "Authority")
    assert authority.originators == 2 and authority.corroborated
    assert authority.reports == 2  # one report per (claim, source): two claims, one outlet each
    assert row(m, "Mayor").originators == 1
    assert m.spread.contested and m.spread.originators == 3


def test_intervals_follow_qualifiers(tmp_path: Path) -> None:
    view = view_of(
        tmp_path,
        claim("a", "A", "damaged", "value: 60\n  qualifier: more than", MAYOR)
        + claim("b", "B", "damaged", "value: 40\n  qualifier: up to", DAMAGED)
        + claim("c", "C", "damaged", "low: 10\n  high: 30", DAMAGED),
    )
    m = measure(view, "damaged")
    a, b, c = row(m, "A").interval, row(m, "B").interval, row(m, "C").interval
    assert a.unbounded and a.low_open and a.low == 60
    assert (b.low, b.high) == (0, 40) and not b.unbounded
    assert (c.low, c.high) == (10, 30)


def test_default_briefing_puts_derived_nis_total_beside_others() -> None:
    view = analyse(check(Settings(*DEFAULT)))
    m = view.measure("nk-killed-or-wounded")
    nis = row(m, "South Korea's NIS", derived=True)
    assert nis.figure == "about 3,000" and nis.current
    assert {c.id for c in nis.claims} == {"nis-killed-300", "nis-wounded-2700"}
    claimants = {r.claimant for r in m.rows if r.current}
    assert {"Volodymyr Zelensky", "United States", "South Korea's NIS"} <= claimants
    assert m.spread.contested
    messages = [d.message for d in m.discrepancies]
    assert any("Zelensky" in msg and "killed" in msg for msg in messages)


def test_gaps_of_the_default_briefing() -> None:
    gaps = analyse(check(Settings(*DEFAULT))).gaps()
    # Killed: the only figure apart from the agency's is disputed, so the measure is not
    # contested; killed or wounded: reported figures of different originators clash.
    assert [m.measure.id for m in gaps.contested] == ["nk-killed-or-wounded"]
    assert gaps.undated and gaps.single_originator and gaps.disputed and gaps.ungraded
