"""Figure analysis: derived totals, claimant histories, originators, spread, discrepancies.

Works on claim views of one briefing; every rule is a small pure function.
Corroboration counts distinct originators, never outlets and never relays: a
claimant citing someone else's figure adds a report, not an originator. Only
reported and confirmed current figures make a measure's spread and its
"contested" mark; disputed ones are shown beside them, marked.
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
from generator.view.dates import DateKey, span_label
from generator.view.intervals import Interval, interval_text

TOLERANCE = 0.10  # figures within 10% of each other agree
NOT_COUNTED = frozenset({"superseded", "erroneous", "denied"})
# The statuses whose current figures make a measure's spread and can make it contested.
IN_SPREAD = frozenset({"reported", "confirmed", "derived"})
MAX_CLASHES = 3
# What a figure is in its claimant's series: the one that stands now, an earlier different
# one, an earlier statement of the same figure, or one its claimant replaced or withdrew.
Role = Literal["current", "history", "reaffirmed", "superseded", "erroneous"]
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
    originator: str = ""  # whose figure it first was; the claimant's own when empty
    disputed_part: bool = False  # a derived total with a disputed part
    first_given: DateKey | None = None  # when its claimant first gave this same figure

    def __post_init__(self) -> None:
        self.originator = self.originator or self.claimant

    @property
    def relayed(self) -> bool:
        """True when the claimant relays another originator's figure."""
        return self.originator != self.claimant

    @property
    def claimant_label(self) -> str:
        """The claimant, with the originator it relays."""
        return f"{self.claimant}, citing {self.originator}" if self.relayed else self.claimant

    @property
    def in_spread(self) -> bool:
        """True when the figure makes the spread: current, and reported, confirmed or derived
        from such parts."""
        return self.current and self.status in IN_SPREAD and not self.disputed_part

    @property
    def struck(self) -> bool:
        """True when tables strike the figure through: replaced, withdrawn or changed since."""
        return self.role in ("history", "superseded", "erroneous")

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
        if self.role == "reaffirmed":
            return "reaffirmed later"
        if self.derived and self.role == "current":
            return "derived, with a disputed part" if self.disputed_part else "derived"
        return self.status


@dataclass
class Discrepancy:
    """One claimant reported as saying different things about the same figure."""

    claimant: str
    message: str
    claims: list[ClaimView]


@dataclass
class Spread:
    """The spread of a measure's reported and confirmed current figures across originators."""

    rows: list[FigureRow]  # the figures that make it
    disputed: list[FigureRow]  # current disputed figures, shown beside it, never in it
    originators: int
    first: DateKey | None
    last: DateKey | None
    clashes: list[tuple[FigureRow, FigureRow]]  # figures of different originators apart

    @property
    def shown(self) -> bool:
        """True when the measure has a current figure to sum up, disputed or not."""
        return bool(self.rows or self.disputed)

    @property
    def contested(self) -> bool:
        """True when figures of different originators do not overlap."""
        return bool(self.clashes)

    @property
    def low(self) -> float | None:
        """The lowest number the figures state (not an open end)."""
        numbers = [x for r in self.rows for x in stated_numbers(r)]
        return min(numbers) if numbers else None

    @property
    def high(self) -> float | None:
        """The highest number the figures state (an open end is not a number)."""
        numbers = [x for r in self.rows for x in stated_numbers(r)]
        return max(numbers) if numbers else None

    @property
    def open_above(self) -> bool:
        """True when a figure is open upwards ('at least', 'more than')."""
        return any(r.interval.unbounded for r in self.rows)

    def text(self) -> str:
        """The range as readers should take it: '91 to at least 150', 'about 300 to 4,000'."""
        if not self.rows:
            return "no undisputed figure"
        low_row = min(self.rows, key=lambda r: (min(stated_numbers(r)), r.interval.high))
        high_row = max(self.rows, key=lambda r: (max(stated_numbers(r)), r.interval.high))
        top = max(stated_numbers(high_row))
        opened = [r for r in self.rows if r.interval.unbounded]
        open_row = max(opened, key=lambda r: r.interval.low) if opened else None
        if open_row is not None and open_row.interval.low >= top:
            high_row, top_text = open_row, open_row.figure
        else:
            top_text = end_text(high_row, top)
            if open_row is not None and open_row is not low_row:
                top_text += f" (and {open_row.figure})"
        if low_row is high_row:
            also = open_row is not None and open_row is not low_row
            return low_row.figure + (f" (and {open_row.figure})" if also and open_row else "")
        low_text = end_text(low_row, min(stated_numbers(low_row)))
        return top_text if low_text == top_text else f"{low_text} to {top_text}"

    def dates(self) -> str:
        """The span of the figures' dates: 'Oct 2024', 'Jan to Feb 2025', or 'undated'."""
        return span_label(self.first, self.last)

    def clash_text(self) -> str:
        """The figures that clash: '91 (agency) vs at least 120 (governor) and 150 (mayor)'."""
        against: dict[int, list[FigureRow]] = defaultdict(list)
        lower: dict[int, FigureRow] = {}
        for a, b in self.clashes:
            lower[id(a)] = a
            against[id(a)].append(b)
        groups = [
            f"{cited(lower[key])} vs {joined([cited(b) for b in others])}"
            for key, others in against.items()
        ]
        more = len(groups) - MAX_CLASHES
        return "; ".join(groups[:MAX_CLASHES]) + (f"; and {more} more" if more > 0 else "")

    def clash_summary(self) -> str:
        """The widest clash, for a table cell: 'about 1,200 (A) vs 4,000 (B), and 2 more'."""
        if not self.clashes:
            return ""
        a, b = max(self.clashes, key=lambda pair: pair[1].interval.low - pair[0].interval.high)
        more = len(self.clashes) - 1
        return f"{cited(a)} vs {cited(b)}" + (
            f", and {more} more clashing pair{'s' * (more != 1)}" if more else ""
        )

    @property
    def extremes(self) -> tuple[FigureRow, FigureRow] | None:
        """The lowest and highest figures of different originators, when they do not overlap."""
        capped = [r for r in self.rows if not r.interval.unbounded]
        if not capped:
            return None
        lower = min(capped, key=lambda r: (r.interval.high, r.interval.low))
        higher = max(self.rows, key=lambda r: (r.interval.low, r.interval.high))
        if lower.originator == higher.originator or lower.interval.high <= 0:
            return None
        if lower.interval.overlaps(higher.interval, TOLERANCE):
            return None
        return lower, higher

    @property
    def ratio(self) -> float | None:
        """How many times the highest figure is the lowest, when they do not overlap."""
        pair = self.extremes
        return pair[1].interval.low / pair[0].interval.high if pair else None

    def ratio_text(self) -> str:
        """The ratio and what it compares, or '' when the figures overlap."""
        pair = self.extremes
        if pair is None or self.ratio is None:
            return ""
        lower, higher = pair
        exact = lower.interval.low == lower.interval.high and not higher.interval.unbounded
        exact = exact and higher.interval.low == higher.interval.high
        times = f"{'' if exact else 'at least '}{self.ratio:.1f} times"
        return (
            f"the highest ({higher.figure}, {higher.claimant_label}) is {times} "
            f"the lowest ({lower.figure}, {lower.claimant_label})"
        )


def cited(row: FigureRow) -> str:
    """A figure with who gives it: 'about 300 (the emergency office)'."""
    return f"{row.figure} ({row.claimant_label})"


def joined(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def end_text(row: FigureRow, value: float) -> str:
    """One end of a spread, with the words that hedge it: 'about 300', 'up to 11,000'."""
    iv = row.interval
    if iv.unbounded:
        return row.figure
    if iv.low == 0 and 0 < iv.high == value:
        return row.figure  # 'up to 11,000' keeps its words
    return ("about " if iv.approximate else "") + number(value)


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
        claim.claimant,
        view.interval,
        view.figure,
        view.date,
        claim.status,
        [view],
        role=role,
        originator=view.originator,
    )


def date_key(row: FigureRow) -> tuple[int, int, int]:
    """Sort key of a row's date; undated rows first."""
    return row.date.sort_key() if row.date else (0, 0, 0)


def same_time(a: FigureRow, b: FigureRow) -> bool:
    """True when two figures cannot be ordered in time (same date, or one undated)."""
    return a.date is None or b.date is None or a.date.sort_key() == b.date.sort_key()


def mark_histories(rows: list[FigureRow]) -> None:
    """Per claimant, the newest figure is current; dated earlier ones become history, or,
    when they give the same figure, statements it reaffirmed."""
    by_claimant: dict[str, list[FigureRow]] = defaultdict(list)
    for row in rows:
        if row.current:
            by_claimant[row.claimant].append(row)
    for series in by_claimant.values():
        series.sort(key=date_key)
        newest = series[-1]
        for row in series[:-1]:
            if same_time(row, newest):
                continue
            if row.interval == newest.interval and row.status == newest.status:
                row.role = "reaffirmed"
                newest.first_given = newest.first_given or row.date
            else:
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
    originators = {p.originator for p in parts}
    return FigureRow(
        claimant,
        interval,
        interval_text(interval),
        date,
        "derived",
        claims,
        derived=True,
        originator=originators.pop() if len(originators) == 1 else claimant,
        disputed_part=any(p.status == "disputed" or p.disputed_part for p in parts),
    )


def count_originators(rows: list[FigureRow]) -> None:
    """For each counted figure: distinct originators agreeing with it, and their reports.

    A relay counts as its originator; a disputed figure neither corroborates another nor is
    corroborated: it stands alone, with its own reports."""
    counted = [r for r in rows if r.counted]
    for row in counted:
        agreeing = [
            o
            for o in counted
            if o is row
            or (row.in_spread and o.in_spread and o.interval.overlaps(row.interval, TOLERANCE))
        ]
        row.originators = len({o.originator for o in agreeing})
        row.reports = len(
            {(c.id, cit.source.id) for o in agreeing for c in o.claims for cit in c.citations}
        )
    for row in rows:
        if not row.counted:
            row.reports = len({(c.id, cit.source.id) for c in row.claims for cit in c.citations})


def spread_of(rows: list[FigureRow]) -> Spread:
    """The reported and confirmed current figures: their originators, dates, and clashes."""
    made = sorted((r for r in rows if r.in_spread), key=lambda r: (r.interval.low, r.claimant))
    disputed = [r for r in rows if r.counted and not r.in_spread]
    dates = sorted((r.date for r in made if r.date), key=lambda d: d.sort_key())
    clashes = [
        (a, b)
        for i, a in enumerate(made)
        for b in made[i + 1 :]
        if a.originator != b.originator and not a.interval.overlaps(b.interval, TOLERANCE)
    ]
    return Spread(
        made,
        disputed,
        len({r.originator for r in made}),
        dates[0] if dates else None,
        dates[-1] if dates else None,
        clashes,
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
    order = {"current": 0, "reaffirmed": 1, "history": 2, "superseded": 3, "erroneous": 4}
    return sorted(rows, key=lambda r: (order.get(r.role, 4), r.interval.low, r.claimant, r.figure))
