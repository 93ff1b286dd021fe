"""Originator counts, unit by unit: distinct claimants agreeing with a figure, and their reports."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from generator.view.figures import TOLERANCE, FigureRow, count_originators
from generator.view.intervals import Interval


def claim(ident: str, *sources: str) -> Any:
    """A stand-in for a claim view: its id and the sources of its citations."""
    citations = [SimpleNamespace(source=SimpleNamespace(id=s)) for s in sources]
    return SimpleNamespace(id=ident, citations=citations)


def row(claimant: str, low: float, high: float | None = None, *claims: Any, **kw: Any) -> FigureRow:
    interval = Interval(low, low if high is None else high)
    return FigureRow(
        claimant,
        interval,
        str(low),
        None,
        kw.pop("status", "reported"),
        list(claims) or [claim(f"{claimant}-{low}", "s1")],
        **kw,
    )


def counts(rows: list[FigureRow]) -> list[tuple[int, int]]:
    count_originators(rows)
    return [(r.originators, r.reports) for r in rows]


def test_a_lone_figure_has_one_originator_and_its_reports() -> None:
    assert counts([row("NIS", 300, None, claim("a", "s1", "s2"))]) == [(1, 2)]


def test_agreeing_claimants_are_counted_once_each() -> None:
    rows = [row("NIS", 300), row("Pentagon", 310), row("Kyiv", 1000)]
    assert counts(rows) == [(2, 2), (2, 2), (1, 1)]


def test_five_outlets_repeating_one_claimant_are_one_originator_and_five_reports() -> None:
    outlets = claim("nis", "a", "b", "c", "d", "e")
    assert counts([row("NIS", 300, None, outlets)]) == [(1, 5)]


def test_two_claims_of_one_claimant_citing_one_source_are_two_reports() -> None:
    one = row("NIS", 300, None, claim("x", "s"), claim("y", "s"))
    assert counts([one]) == [(1, 2)]


def test_the_same_claim_and_source_twice_is_one_report() -> None:
    twice = claim("x", "s", "s")
    assert counts([row("NIS", 300, None, twice)]) == [(1, 1)]


def test_agreement_allows_the_tolerance_and_no_more() -> None:
    # The slack is the tolerance of the larger figure: 100 agrees with x while
    # x <= 100 + TOLERANCE * x, that is up to 100 / (1 - TOLERANCE) = 111.1...
    edge = 100 / (1 - TOLERANCE)
    assert counts([row("A", 100), row("B", edge - 0.01)]) == [(2, 2), (2, 2)]
    assert counts([row("A", 100), row("B", edge + 0.01)]) == [(1, 1), (1, 1)]


def test_ranges_agree_when_they_overlap() -> None:
    assert counts([row("A", 100, 200), row("B", 190, 400)])[0][0] == 2
    assert counts([row("A", 100, 200), row("B", 300, 400)])[0][0] == 1


def test_figures_that_do_not_count_neither_corroborate_nor_are_corroborated() -> None:
    rows = [
        row("A", 300),
        row("B", 300, status="superseded", role="superseded"),
        row("C", 300, status="denied"),
        row("D", 300, role="history"),
    ]
    assert counts(rows) == [(1, 1), (1, 1), (1, 1), (1, 1)]
    assert [r.counted for r in rows] == [True, False, False, False]


def test_a_relay_counts_as_its_originator_not_a_second_one() -> None:
    nis = row("NIS", 3000)
    lawmakers = row("Lawmakers", 3000, None, originator="NIS")
    assert counts([nis, lawmakers]) == [(1, 2), (1, 2)]
    assert lawmakers.relayed and lawmakers.claimant_label == "Lawmakers, citing NIS"
    assert not nis.relayed and nis.claimant_label == "NIS"


def test_a_relay_of_another_originator_still_corroborates() -> None:
    rows = [row("NIS", 3000), row("Lawmakers", 3000, None, originator="Pentagon")]
    assert counts(rows) == [(2, 2), (2, 2)]


def test_a_disputed_figure_corroborates_nothing_and_is_corroborated_by_nothing() -> None:
    nis, kyiv = row("NIS", 300), row("Kyiv", 310, None, status="disputed")
    assert counts([nis, kyiv]) == [(1, 1), (1, 1)]
