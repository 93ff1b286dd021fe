"""Discrepancies and derived totals, unit by unit: which figures are compared, and what is said."""

from __future__ import annotations

from types import SimpleNamespace

from generator.content.models import Measure
from generator.view.figures import (
    FigureRow,
    cross_measure_discrepancies,
    derive_totals,
    mark_histories,
    same_measure_discrepancies,
    same_time_pairs,
)
from tests.view.test_spread import fig

LOST = Measure(id="lost", label="Vessels lost", unit="vessels", sum_of=["damaged", "sunk"])
DAMAGED = Measure(id="damaged", label="Vessels damaged", unit="vessels")
SUNK = Measure(id="sunk", label="Vessels sunk", unit="vessels")


def cites(row: FigureRow, ident: str) -> FigureRow:
    """The row, stated by a claim with this id."""
    row.claims = [SimpleNamespace(id=ident, citations=[])]  # type: ignore[list-item]
    return row


def lows(pairs: list[tuple[FigureRow, FigureRow]]) -> list[tuple[float, float]]:
    return sorted((a.interval.low, b.interval.low) for a, b in pairs)


def test_figures_that_cannot_be_ordered_in_time_are_paired_once_each() -> None:
    jan, jan_too, march = (
        fig("A", n, date=d) for n, d in [(1, "2025-01"), (2, "2025-01"), (3, "2025-03")]
    )
    undated, undated_too = fig("A", 4), fig("A", 5)
    pairs = list(same_time_pairs([jan, jan_too, march, undated, undated_too]))
    # the same date, or one undated: never a figure with itself, never a pair twice
    assert lows(pairs) == [(1, 2), (4, 1), (4, 2), (4, 3), (4, 5), (5, 1), (5, 2), (5, 3)]


def test_a_claimant_giving_two_figures_at_once_is_reported_with_both() -> None:
    rows = [
        cites(fig("Mayor", 40, date="2025-01"), "m-40"),
        cites(fig("Mayor", 12, date="2025-01"), "m-12"),
    ]
    [found] = same_measure_discrepancies(rows)
    assert found.claimant == "Mayor" and found.message == "Mayor is reported as giving 12 and 40"
    assert [c.id for c in found.claims] == ["m-40", "m-12"]


def test_an_undated_figure_clashes_with_a_dated_one_of_its_claimant() -> None:
    rows = [fig("Mayor", 40, date="2025-01"), fig("Mayor", 12)]
    assert [d.message for d in same_measure_discrepancies(rows)] == [
        "Mayor is reported as giving 12 and 40"
    ]


def test_figures_within_the_tolerance_are_no_discrepancy() -> None:
    rows = [fig("Mayor", 100, date="2025-01"), fig("Mayor", 105, date="2025-01")]
    assert list(same_measure_discrepancies(rows)) == []


def test_earlier_figures_given_at_once_are_a_discrepancy_too() -> None:
    rows = [
        fig("Mayor", 10, date="2025-01"),
        fig("Mayor", 20, date="2025-01"),
        fig("Mayor", 30, date="2025-03"),
    ]
    mark_histories(rows)
    assert [r.role for r in rows] == ["history", "history", "current"]
    assert [d.message for d in same_measure_discrepancies(rows)] == [
        "Mayor is reported as giving 10 and 20"
    ]


def test_a_replaced_or_withdrawn_figure_is_no_discrepancy() -> None:
    for role in ("superseded", "erroneous", "reaffirmed"):
        rows = [fig("Mayor", 40, date="2025-01"), fig("Mayor", 12, date="2025-01", role=role)]
        assert list(same_measure_discrepancies(rows)) == [], role


def test_a_figure_under_a_part_and_its_total_is_found_past_a_later_statement() -> None:
    part = cites(fig("Mayor", 40, date="2025-01"), "m-part")
    later = cites(fig("Mayor", 40, date="2025-03"), "m-later")
    same = cites(fig("Mayor", 40, date="2025-01"), "m-same")
    found = cross_measure_discrepancies(
        [DAMAGED, SUNK, LOST], {"damaged": [part], "lost": [later, same]}
    )
    message = "Mayor's 40 is reported as 'Vessels damaged' and as 'Vessels lost'"
    for measure in ("damaged", "lost"):
        [d] = found[measure]
        assert d.message == message and [c.id for c in d.claims] == ["m-part", "m-same"]


def test_derived_figures_are_passed_over_not_compared() -> None:
    derived = fig("Mayor", 40, date="2025-01", derived=True)
    part = cites(fig("Mayor", 40, date="2025-01"), "m-part")
    total = cites(fig("Mayor", 40, date="2025-01"), "m-total")
    rows = {
        "damaged": [derived, part],
        "lost": [total, fig("Mayor", 40, date="2025-01", derived=True)],
    }
    found = cross_measure_discrepancies([DAMAGED, SUNK, LOST], rows)
    assert [[c.id for c in d.claims] for d in found["lost"]] == [["m-part", "m-total"]]


def test_a_total_is_derived_only_from_current_counted_parts() -> None:
    denied = {"damaged": [fig("Mayor", 40)], "sunk": [fig("Mayor", 12, status="denied")]}
    assert derive_totals(LOST, denied, []) == []
    earlier = fig("Mayor", 30, date="2024-12", role="history")
    parts = {"damaged": [fig("Mayor", 40), earlier], "sunk": [fig("Mayor", 12)]}
    [total] = derive_totals(LOST, parts, [])
    assert total.figure == "52" and total.claimant == "Mayor"
