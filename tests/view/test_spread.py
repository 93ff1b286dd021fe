"""A measure's summary is exactly as strong as its figures: spread, contested, ratio, history."""

from __future__ import annotations

import math
from types import SimpleNamespace
from typing import Any

import pytest

from generator.view.dates import DateKey, span_label
from generator.view.figures import (
    FigureRow,
    date_key,
    end_text,
    joined,
    mark_histories,
    rank,
    spread_of,
    stated_numbers,
    stated_row,
    sum_row,
)
from generator.view.intervals import Interval, interval_text


def fig(claimant: str, low: float, high: float | None = None, **kw: Any) -> FigureRow:
    """A figure row: a point, a range, with `open_="at least"` (or "more than") a figure
    open upwards, with `up_to=True` (or "fewer than") one open downwards."""
    opened = kw.pop("open_", None)
    up_to = kw.pop("up_to", False)
    if opened:
        interval = Interval(low, math.inf, low_open=opened == "more than", unbounded=True)
    elif up_to:
        interval = Interval(0.0, low, high_open=up_to == "fewer than")
    else:
        interval = Interval(low, low if high is None else high, approximate=kw.pop("about", False))
    date = kw.pop("date", None)
    return FigureRow(
        claimant,
        interval,
        interval_text(interval),
        DateKey.parse(date) if date else None,
        kw.pop("status", "reported"),
        [],
        **kw,
    )


def claim_view(status: str, interval: Interval | None) -> Any:
    """A stand-in for a claim view: what stated_row reads of it."""
    claim = SimpleNamespace(claimant="A", status=status)
    return SimpleNamespace(interval=interval, claim=claim, figure="5", date=None, originator="B")


@pytest.mark.parametrize(
    ("status", "role"),
    [
        ("reported", "current"),
        ("disputed", "current"),
        ("superseded", "superseded"),
        ("erroneous", "erroneous"),
    ],
)
def test_a_claims_status_decides_whether_its_figure_stands(status: str, role: str) -> None:
    row = stated_row(claim_view(status, Interval(5, 5)))
    assert row is not None and (row.role, row.status, row.figure) == (role, status, "5")
    assert row.struck is (role != "current") and row.claimant_label == "A, citing B"
    assert stated_row(claim_view(status, None)) is None  # a claim without a figure


def test_disputed_figures_never_make_the_spread_or_contest_it() -> None:
    nis, zelensky = fig("NIS", 300, about=True), fig("Zelensky", 4000, status="disputed")
    s = spread_of([nis, zelensky])
    assert not s.contested and s.rows == [nis] and s.disputed == [zelensky]
    assert (s.low, s.high, s.text(), s.originators) == (300, 300, "about 300", 1)
    assert s.ratio is None and s.ratio_text() == ""


def test_a_measure_with_only_disputed_figures_has_no_spread_but_shows_them() -> None:
    s = spread_of([fig("Analysts", 10000, open_="at least", status="disputed")])
    assert s.rows == [] and s.shown and s.text() == "no undisputed figure"


@pytest.mark.parametrize("status", ["confirmed", "reported"])
def test_reported_and_confirmed_figures_contest(status: str) -> None:
    s = spread_of([fig("Agency", 91), fig("Governor", 120, open_="at least", status=status)])
    assert s.contested
    assert s.clash_text() == "91 (Agency) vs at least 120 (Governor)"


def test_contested_names_each_clash_grouped_by_its_lowest_figure() -> None:
    rows = [fig("US", 1200), fig("NIS", 3000), fig("Kyiv", 4000)]
    s = spread_of(rows)
    assert (
        s.clash_text() == "1,200 (US) vs 3,000 (NIS) and 4,000 (Kyiv); 3,000 (NIS) vs 4,000 (Kyiv)"
    )


def test_figures_of_one_originator_never_contest_each_other() -> None:
    rows = [fig("NIS", 300), fig("Lawmakers", 3000, originator="NIS")]
    s = spread_of(rows)
    assert not s.contested and s.originators == 1


def test_figures_within_the_tolerance_do_not_contest() -> None:
    assert not spread_of([fig("A", 100), fig("B", 109)]).contested
    assert spread_of([fig("A", 100), fig("B", 1000)]).contested


def test_no_ratio_between_overlapping_figures() -> None:
    s = spread_of([fig("A", 1000, 3000), fig("B", 2500)])
    assert s.ratio is None and s.ratio_text() == ""
    s = spread_of([fig("A", 1000, 2000), fig("B", 1900, open_="at least")])
    assert s.ratio is None  # the highest figure's open interval overlaps the lowest's range


def test_a_ratio_says_what_it_compares_and_stays_open() -> None:
    s = spread_of([fig("NIS", 300, about=True), fig("Kyiv", 4000)])
    assert s.ratio == pytest.approx(4000 / 300)
    assert s.ratio_text() == "the highest (4,000, Kyiv) is 13.3 times the lowest (about 300, NIS)"
    s = spread_of([fig("Agency", 91), fig("Governor", 150, open_="at least")])
    assert s.ratio_text().startswith("the highest (at least 150, Governor) is at least 1.6 times")


@pytest.mark.parametrize(
    ("rows", "times"),
    [
        ([fig("A", 10, 20), fig("B", 100)], "at least 5.0 times the lowest (10\u201320, A)"),
        ([fig("A", 10), fig("B", 100, 200)], "at least 10.0 times the lowest (10, A)"),
        ([fig("A", 10), fig("B", 100)], "is 10.0 times the lowest (10, A)"),
    ],
)
def test_a_ratio_involving_a_range_is_at_least_its_value(rows: list[FigureRow], times: str) -> None:
    assert spread_of(rows).ratio_text().endswith(times)


@pytest.mark.parametrize(
    ("rows", "text"),
    [
        ([fig("A", 91), fig("B", 150, open_="at least")], "91 to at least 150"),
        ([fig("A", 1200), fig("B", 3000, open_="more than")], "1,200 to more than 3,000"),
        ([fig("A", 300, about=True), fig("B", 4000)], "about 300 to 4,000"),
        ([fig("A", 1000, 3000), fig("B", 2000)], "1,000\u20133,000"),
        ([fig("A", 500, up_to=True), fig("B", 3000)], "up to 500 to 3,000"),
        (
            [fig("A", 91), fig("B", 150, open_="at least"), fig("C", 200)],
            "91 to 200 (and at least 150)",
        ),
        ([fig("A", 11000, up_to=True)], "up to 11,000"),
        ([fig("A", 50, open_="at least"), fig("B", 51)], "at least 50 to 51"),
        (
            [fig("A", 6000, 8000), fig("B", 7500, open_="more than")],
            "6,000–8,000 (and more than 7,500)",
        ),
        ([fig("A", 20, about=True)], "about 20"),
        ([fig("A", 120, open_="at least")], "at least 120"),
        (
            [fig("A", 91), fig("B", 120, open_="at least"), fig("C", 150, open_="at least")],
            "91 to at least 150",
        ),
        ([fig("A", 100), fig("B", 300, 400)], "100 to 400"),  # a range's top end is its number
        ([fig("A", 300), fig("B", 300.004)], "300"),  # ends that read the same are said once
    ],
)
def test_open_ends_and_qualifiers_stay_in_the_spread(rows: list[FigureRow], text: str) -> None:
    assert spread_of(rows).text() == text


def test_a_repeated_figure_is_reaffirmed_not_history() -> None:
    first = fig("NIS", 11000, date="2024-10")
    again = fig("NIS", 11000, date="2025-01")
    mark_histories([first, again])
    assert (first.role, first.role_label, first.struck) == ("reaffirmed", "reaffirmed later", False)
    assert again.current and again.first_given is not None and again.first_given.text == "2024-10"


def test_only_a_different_figure_makes_history() -> None:
    first = fig("NIS", 11000, date="2024-10")
    later = fig("NIS", 12000, date="2025-01")
    mark_histories([first, later])
    assert (first.role, first.role_label, first.struck) == ("history", "earlier figure", True)
    assert later.current and later.first_given is None


def test_a_derived_total_with_a_disputed_part_stays_out_of_the_spread() -> None:
    total = sum_row("Kyiv", [fig("Kyiv", 300), fig("Kyiv", 2700, status="disputed")])
    assert total.disputed_part and not total.in_spread
    assert total.role_label == "derived, with a disputed part"
    assert spread_of([total]).disputed == [total]


def test_a_derived_total_keeps_the_originator_its_parts_share() -> None:
    total = sum_row("Lawmakers", [fig("Lawmakers", 300, originator="NIS")] * 2)
    assert total.originator == "NIS" and total.in_spread


def test_a_derived_total_of_parts_from_different_originators_is_its_claimants_own() -> None:
    parts = [fig("Lawmakers", 300, originator="NIS"), fig("Lawmakers", 20, originator="CIA")]
    total = sum_row("Lawmakers", parts)
    assert total.originator == "Lawmakers" and not total.relayed


def test_a_derived_total_keeps_its_parts_open_ends() -> None:
    more = sum_row("K", [fig("K", 10, open_="more than"), fig("K", 5)])
    assert more.interval.low_open is True and more.figure == "more than 15"
    fewer = sum_row("K", [fig("K", 10, up_to="fewer than"), fig("K", 5, up_to=True)])
    assert fewer.interval.high_open is True and fewer.figure == "fewer than 15"
    closed = sum_row("K", [fig("K", 10, up_to=True), fig("K", 5)])
    assert closed.interval.low_open is False and closed.interval.high_open is False


@pytest.mark.parametrize(
    ("first", "last", "text"),
    [
        ("2024", "2024-10", "2024"),
        ("2024-10", "2024-10", "Oct 2024"),
        ("2025-01", "2025-02", "Jan to Feb 2025"),
        ("2025-02-03", "2025-02-27", "3 to 27 Feb 2025"),
        ("2025-01-27", "2025-02-03", "27 Jan to 3 Feb 2025"),
        ("2024-12", "2025-01", "Dec 2024 to Jan 2025"),
        ("2024", "2025-02", "2024 to Feb 2025"),
        ("2025-01", "2025-02-27", "Jan to 27 Feb 2025"),
    ],
)
def test_date_spans_read_naturally(first: str, last: str, text: str) -> None:
    assert span_label(DateKey.parse(first), DateKey.parse(last)) == text


def test_an_undated_spread_says_so() -> None:
    assert spread_of([fig("A", 1)]).dates() == "undated"


def test_a_spread_is_dated_from_its_first_figure_to_its_last() -> None:
    rows = [fig("A", 10, date="2025-02"), fig("B", 10), fig("C", 11, date="2025-01")]
    assert spread_of(rows).dates() == "Jan to Feb 2025"


def test_a_table_cell_names_the_widest_clash() -> None:
    s = spread_of([fig("US", 1200), fig("NIS", 3000), fig("Kyiv", 4000)])
    assert s.clash_summary() == "1,200 (US) vs 4,000 (Kyiv), and 2 more clashing pairs"
    assert spread_of([fig("US", 1200), fig("Kyiv", 1250)]).clash_summary() == ""
    assert spread_of([fig("US", 1200), fig("Kyiv", 4000)]).clash_summary() == (
        "1,200 (US) vs 4,000 (Kyiv)"
    )
    pairs = spread_of([fig("US", 1200), fig("NIS", 3000, 4000), fig("Kyiv", 4000)])
    assert pairs.clash_summary() == "1,200 (US) vs 4,000 (Kyiv), and 1 more clashing pair"


@pytest.mark.parametrize(("count", "more"), [(4, ""), (5, "; and 1 more"), (6, "; and 2 more")])
def test_clashes_past_the_first_three_groups_are_counted_not_listed(count: int, more: str) -> None:
    rows = [fig(f"C{i}", 10**i) for i in range(count)]  # each apart from every other
    text = spread_of(rows).clash_text()
    assert text.count(" vs ") == min(count - 1, 3), text
    assert text.endswith("1,000 (C3)" if count == 4 else more), text


def test_rank_puts_current_figures_first_by_size_then_each_role_in_turn() -> None:
    rows = [
        fig("E", 1, role="erroneous"),
        fig("S", 2, role="superseded"),
        fig("H", 3, role="history"),
        fig("R", 4, role="reaffirmed"),
        fig("C2", 600),
        fig("C1", 500),
        fig("B", 500),
        fig("X", 9, role="unknown-role"),  # type: ignore[arg-type]
    ]
    ranked = rank(rows)
    assert [r.claimant for r in ranked] == ["B", "C1", "C2", "R", "H", "S", "E", "X"]


def test_an_undated_figure_sorts_before_every_dated_one() -> None:
    undated, early = fig("A", 1), fig("A", 2, date="1000")
    assert date_key(undated) == (0, 0, 0) and date_key(undated) < date_key(early)
    assert date_key(fig("A", 1, date="2025-02-03")) == (2025, 2, 3)


def test_every_earlier_dated_figure_of_a_claimant_is_history() -> None:
    rows = [
        fig("A", 5),
        fig("A", 10, date="2025-01"),
        fig("A", 15, date="2025-02"),
        fig("A", 20, date="2025-03"),
    ]
    mark_histories(rows)
    # the undated figure cannot be ordered against the newest; the dated ones can
    assert [r.role for r in rows] == ["current", "history", "history", "current"]


def test_an_undated_figure_is_current_when_its_claimant_has_no_later_one() -> None:
    undated, dated = fig("A", 10), fig("A", 20, date="2025-01")
    mark_histories([dated, undated])
    assert dated.current and undated.current  # they cannot be ordered in time


@pytest.mark.parametrize(
    ("items", "text"),
    [(["a"], "a"), (["a", "b"], "a and b"), (["a", "b", "c"], "a, b and c")],
)
def test_lists_are_joined_as_written(items: list[str], text: str) -> None:
    assert joined(items) == text


def test_spread_ends_keep_their_words() -> None:
    assert end_text(fig("A", 300, about=True), 300) == "about 300"
    assert end_text(fig("A", 500, up_to=True), 500) == "up to 500"
    assert end_text(fig("A", 1000, 3000), 1000) == "1,000"
    assert end_text(fig("A", 50, open_="more than"), 50) == "more than 50"
    assert end_text(fig("A", 0.5, up_to=True), 0.5) == "up to 0.5"
    assert end_text(fig("A", 1, up_to=True), 1) == "up to 1"


def test_a_zero_figure_reads_zero_however_it_is_qualified() -> None:
    zero = FigureRow("A", Interval(0.0, 0.0), "up to 0", None, "reported", [])
    assert end_text(zero, 0) == "0"
    assert spread_of([zero, fig("B", 50)]).text() == "0 to 50"


def test_the_numbers_a_figure_states_are_its_finite_ends() -> None:
    assert sorted(stated_numbers(fig("A", 1, 3))) == [1, 3]
    assert sorted(stated_numbers(fig("A", 0.5, 2))) == [0.5, 2]
    assert stated_numbers(fig("A", 0)) == [0]
    assert stated_numbers(fig("A", 500, up_to=True)) == [500]  # 0 is the open end, not a figure
    assert stated_numbers(fig("A", 50, open_="at least")) == [50]


def test_a_derived_total_adds_its_parts_and_keeps_their_hedges() -> None:
    parts = [fig("K", 300, about=True, date="2025-01"), fig("K", 20, open_="at least")]
    total = sum_row("K", parts)
    assert (total.interval.low, total.interval.unbounded) == (320, True)
    assert total.interval.approximate and not total.interval.low_open
    assert total.figure == "at least 320" and total.derived and total.status == "derived"
    assert total.date is None  # a part is undated, so the total is
    dated = sum_row("K", [fig("K", 1, date="2025-01"), fig("K", 2, date="2025-03")])
    assert dated.date is not None and dated.date.text == "2025-03"
    assert dated.claims == [] and (dated.interval.low, dated.interval.high) == (3, 3)
