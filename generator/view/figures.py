"""Figure analysis: derived totals, claimant histories, originators, spread, discrepancies.

Works on claim views of one briefing; every rule is a small pure function.
Corroboration counts distinct claimants (originators), never outlets.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from generator.content.models import Measure, Status
from generator.content.numbers import number
from generator.view.claimview import ClaimView
from generator.view.dates import DateKey
from generator.view.intervals import Interval, interval_text

TOLERANCE = 0.10  # figures within 10% of each other agree
NOT_COUNTED = frozenset({"superseded", "erroneous", "denied"})
# What a figure is in its claimant's series: the one that stands now, an earlier one, or
# one its claimant replaced or withdrew.
Role = Literal["current", "history", "superseded", "erroneous"]
RowStatus = Status | Literal["derived"]  # a derived total has no status of its own


@dataclass
class FigureRow:
    """One figure in a measure's table: stated by a claim, or derived from a claimant's parts."""

    claimant: str
    interval: Interval
    figure: str
    date: DateKey | None
    status: RowStatus
    claims: list[ClaimView]  # the stating claim, or the parts of a derived total
    derived: bool = False
    role: Role = "current"
    originators: int = 1
    reports: int = 0
    measure_id: str = ""

    @property
    def current(self) -> bool:
        """True for the figure that stands for its claimant now."""
        return self.role == "current"

    @property
    def counted(self) -> bool:
        """True when the figure counts towards the spread and corroboration."""
        return self.current and self.status not in NOT_COUNTED

    @property
    def corroborated(self) -> bool:
        """True when independent originators agree with this figure."""
        return self.originators >= 2

    @property
    def role_label(self) -> str:
        """How the row is marked in tables and charts."""
        if self.role == "history":
            return "earlier figure"
        return "derived" if self.derived and self.role == "current" else self.status


@dataclass
class Discrepancy:
    """One claimant reported as saying different things about the same figure."""

    claimant: str
    message: str
    claims: list[ClaimView]


@dataclass
class Spread:
    """The spread of current figures of one measure across originators."""

    low: float | None
    high: float | None
    originators: int
    first: DateKey | None
    last: DateKey | None
    contested: bool

    @property
    def ratio(self) -> float | None:
        """Highest over lowest current figure, when both are positive."""
        if self.low and self.high and not math.isinf(self.high):
            return self.high / self.low
        return None

    def text(self) -> str:
        """The range as text: '300-4,000' or a single figure."""
        if self.low is None or self.high is None:
            return "no current figure"
        if self.low == self.high:
            return number(self.low)
        return f"{number(self.low)}\u2013{number(self.high)}"


@dataclass
class MeasureFigures:
    """Everything computed for one measure."""

    measure: Measure
    rows: list[FigureRow]
    spread: Spread
    discrepancies: list[Discrepancy] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        """The measure's anchor on the estimates page."""
        return f"measure-{self.measure.id}"


def stated_row(view: ClaimView) -> FigureRow | None:
    """The figure a claim states, or None when it has none."""
    if view.interval is None:
        return None
    claim = view.claim
    role: Role = "current"
    if claim.status == "superseded" or claim.status == "erroneous":
        role = claim.status
    return FigureRow(
        claim.claimant, view.interval, view.figure, view.date, claim.status, [view], role=role
    )


def date_key(row: FigureRow) -> tuple[int, int, int]:
    """Sort key of a row's date; undated rows first."""
    return row.date.sort_key() if row.date else (0, 0, 0)


def same_time(a: FigureRow, b: FigureRow) -> bool:
    """True when two figures cannot be ordered in time (same date, or one undated)."""
    return a.date is None or b.date is None or a.date.sort_key() == b.date.sort_key()


def mark_histories(rows: list[FigureRow]) -> None:
    """Per claimant, the newest figure is current; dated earlier ones become history."""
    by_claimant: dict[str, list[FigureRow]] = defaultdict(list)
    for row in rows:
        if row.current:
            by_claimant[row.claimant].append(row)
    for series in by_claimant.values():
        series.sort(key=date_key)
        newest = series[-1]
        for row in series[:-1]:
            if not same_time(row, newest):
                row.role = "history"


def derive_totals(
    measure: Measure, parts: dict[str, list[FigureRow]], stated: list[FigureRow]
) -> list[FigureRow]:
    """Sum a claimant's current parts into a total, when they give every part."""
    if not measure.sum_of:
        return []
    has_total = {r.claimant for r in stated if r.current}
    current = {
        part: {
            r.claimant: r for r in parts.get(part, []) if r.current and r.status not in NOT_COUNTED
        }
        for part in measure.sum_of
    }
    claimants = set.intersection(*(set(c) for c in current.values())) - has_total
    return [
        sum_row(claimant, [current[p][claimant] for p in measure.sum_of])
        for claimant in sorted(claimants)
    ]


def sum_row(claimant: str, parts: list[FigureRow]) -> FigureRow:
    """Add the parts' intervals into one derived figure citing every part."""
    low = sum(p.interval.low for p in parts)
    high = sum(p.interval.high for p in parts)
    interval = Interval(
        low,
        high,
        low_open=any(p.interval.low_open for p in parts),
        high_open=any(p.interval.high_open for p in parts),
        unbounded=math.isinf(high),
        approximate=any(p.interval.approximate for p in parts),
    )
    dates = [p.date for p in parts if p.date]
    date = max(dates, key=lambda d: d.sort_key()) if len(dates) == len(parts) else None
    claims = [c for p in parts for c in p.claims]
    return FigureRow(
        claimant, interval, interval_text(interval), date, "derived", claims, derived=True
    )


def count_originators(rows: list[FigureRow]) -> None:
    """For each counted figure: distinct claimants agreeing with it, and their reports."""
    counted = [r for r in rows if r.counted]
    for row in counted:
        agreeing = [o for o in counted if o.interval.overlaps(row.interval, TOLERANCE)]
        row.originators = len({o.claimant for o in agreeing})
        row.reports = len(
            {(c.id, cit.source.id) for o in agreeing for c in o.claims for cit in c.citations}
        )
    for row in rows:
        if not row.counted:
            row.reports = len({(c.id, cit.source.id) for c in row.claims for cit in c.citations})


def spread_of(rows: list[FigureRow]) -> Spread:
    """Lowest and highest current figures, originators, date span, and whether they clash."""
    counted = [r for r in rows if r.counted]
    numbers = [x for r in counted for x in stated_numbers(r)]
    dates = sorted((r.date for r in counted if r.date), key=lambda d: d.sort_key())
    contested = any(
        a.claimant != b.claimant and not a.interval.overlaps(b.interval, TOLERANCE)
        for i, a in enumerate(counted)
        for b in counted[i + 1 :]
    )
    return Spread(
        min(numbers) if numbers else None,
        max(numbers) if numbers else None,
        len({r.claimant for r in counted}),
        dates[0] if dates else None,
        dates[-1] if dates else None,
        contested,
    )


def stated_numbers(row: FigureRow) -> list[float]:
    """The finite numbers a figure states (not the open ends of its interval)."""
    iv = row.interval
    return [x for x in {iv.low, iv.high} if not math.isinf(x) and (x > 0 or iv.low == iv.high)]


def same_time_pairs(series: list[FigureRow]) -> Iterable[tuple[FigureRow, FigureRow]]:
    """Pairs of figures that cannot be ordered in time, without comparing every pair."""
    by_date: dict[tuple[int, int, int], list[FigureRow]] = defaultdict(list)
    undated = [r for r in series if r.date is None]
    for row in series:
        if row.date is not None:
            by_date[row.date.sort_key()].append(row)
    for group in [*by_date.values(), undated]:
        yield from ((a, b) for i, a in enumerate(group) for b in group[i + 1 :])
    yield from ((a, b) for a in undated for b in series if b.date is not None)


def same_measure_discrepancies(rows: list[FigureRow]) -> Iterable[Discrepancy]:
    """One claimant, one measure, the same time, different figures."""
    by_claimant: dict[str, list[FigureRow]] = defaultdict(list)
    for row in rows:
        if not row.derived and row.role in ("current", "history"):
            by_claimant[row.claimant].append(row)
    for claimant, series in sorted(by_claimant.items()):
        clashing = [
            (a, b)
            for a, b in same_time_pairs(series)
            if not a.interval.overlaps(b.interval, TOLERANCE)
        ]
        if clashing:
            claims = list({c.id: c for a, b in clashing for c in (*a.claims, *b.claims)}.values())
            figures = " and ".join(sorted({r.figure for pair in clashing for r in pair}))
            yield Discrepancy(claimant, f"{claimant} is reported as giving {figures}", claims)


def cross_measure_discrepancies(
    measures: list[Measure], rows: dict[str, list[FigureRow]]
) -> dict[str, list[Discrepancy]]:
    """The same figure of one claimant reported under a part and under its total."""
    found: dict[str, list[Discrepancy]] = defaultdict(list)
    labels = {m.id: m.label for m in measures}
    for total in measures:
        # A total's stated figures by claimant and interval: each part's figure is looked
        # up, not compared with every figure of the total.
        same: dict[tuple[str, float, float], list[FigureRow]] = defaultdict(list)
        for b in rows.get(total.id, []):
            if not b.derived:
                same[(b.claimant, b.interval.low, b.interval.high)].append(b)
        for part in total.sum_of or []:
            for a in rows.get(part, []):
                if a.derived:
                    continue
                for b in same.get((a.claimant, a.interval.low, a.interval.high), []):
                    if not same_time(a, b):
                        continue
                    message = (
                        f"{a.claimant}'s {a.figure} is reported as "
                        f"'{labels[part]}' and as '{labels[total.id]}'"
                    )
                    found[total.id].append(Discrepancy(a.claimant, message, [*a.claims, *b.claims]))
                    found[part].append(Discrepancy(a.claimant, message, [*a.claims, *b.claims]))
    return found


def analyse_figures(measures: list[Measure], views: Iterable[ClaimView]) -> list[MeasureFigures]:
    """Compute rows, derived totals, histories, originators and spread for every measure."""
    stated: dict[str, list[FigureRow]] = defaultdict(list)
    for view in views:
        row = stated_row(view)
        if row is not None and view.claim.measure:
            stated[view.claim.measure].append(row)
    for rows in stated.values():
        mark_histories(rows)
    cross = cross_measure_discrepancies(measures, stated)
    result = []
    for measure in measures:
        own = stated.get(measure.id, [])
        rows = own + derive_totals(measure, stated, own)
        for row in rows:
            row.measure_id = measure.id
        count_originators(rows)
        discrepancies = [*same_measure_discrepancies(rows), *cross.get(measure.id, [])]
        result.append(MeasureFigures(measure, rank(rows), spread_of(rows), discrepancies))
    return result


def rank(rows: list[FigureRow]) -> list[FigureRow]:
    """Current figures first, by size; then history, superseded and erroneous ones."""
    order = {"current": 0, "history": 1, "superseded": 2, "erroneous": 3}
    return sorted(rows, key=lambda r: (order.get(r.role, 4), r.interval.low, r.claimant, r.figure))
