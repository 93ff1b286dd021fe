"""Figures of one measure drawn on one axis, as inline SVG built at build time.

Each claimant gets a row: a dot for a single figure, a bar for a range, an
arrow for an open interval ('at least', 'up to'). Colours come from CSS
classes, so the chart follows the light and dark palettes and prints in black.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from generator.content.numbers import number
from generator.publish.escape import attr
from generator.view.figures import FigureRow, MeasureFigures

WIDTH = 400
MAX_LABEL = 52  # characters that fit the chart's width at its label size
LEFT = 8
RIGHT = 392
ROW = 36
TOP = 8
AXIS_GAP = 34
NICE = (1, 2, 5, 10)  # tick steps are one of these times a power of ten
MOST_INTERVALS = 6
ZOOM = 0.5  # the axis leaves out zero when every figure lies above this share of the highest
TICK_SIZE = 13.0  # the tick labels' font size in the chart's units (briefing.css)
TICK_GAP = 10.0  # the least room between two tick labels
EDGE = 4.0  # the least room between a tick label and the chart's edge


@dataclass(frozen=True)
class Axis:
    """Where a chart's axis starts and ends, the step between its ticks, and where it is drawn."""

    start: float
    end: float
    step: float
    left: float = LEFT
    right: float = RIGHT

    def ticks(self) -> list[float]:
        """Every tick value from start to end, one step apart."""
        count = round((self.end - self.start) / self.step)
        return [self.start + self.step * i for i in range(count + 1)]

    def x(self, value: float) -> float:
        """Place a value on the axis; values beyond either end sit at that end."""
        share = (min(max(value, self.start), self.end) - self.start) / (self.end - self.start)
        return self.left + (self.right - self.left) * share


def nice_step(span: float, whole: bool, intervals: int) -> float:
    """The smallest step of 1, 2 or 5 times a power of ten that cuts a span into at most
    `intervals` steps; at least 1 when every figure is a whole number (no 1.25 generals)."""
    raw = span / intervals if span > 0 else 1.0
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in NICE if m * power >= raw * (1 - 1e-9))
    return max(step, 1.0) if whole else step


def text_width(text: str) -> float:
    """A generous estimate of a tick label's width in the chart's units."""
    return sum(0.32 if c in ",." else 0.6 if c.isdigit() else 0.8 for c in text) * TICK_SIZE


def axis_for(rows: list[FigureRow]) -> Axis:
    """An axis of nice ticks that holds every finite number the rows need, with as many
    ticks as fit without their labels touching.

    It starts at zero, where counts start, unless every figure lies in the upper part of
    the range (10,000 to 12,000): then it starts at the nice tick below the lowest, so the
    figures do not crowd into one end.
    """
    finite = [x for r in rows for x in (r.interval.low, r.interval.high) if not math.isinf(x)]
    high = max(finite, default=0.0)
    if high <= 0:
        return Axis(0.0, 1.0, 1.0)
    low = min(finite)
    whole = all(float(x).is_integer() for x in finite)
    base = low if ZOOM * high < low < high else 0.0
    arrow = max((r.interval.low for r in rows if r.interval.unbounded), default=-math.inf)
    for intervals in range(MOST_INTERVALS, 0, -1):
        axis = placed(ticked(base, high, nice_step(high - base, whole, intervals), arrow))
        if fits(axis):
            break
    return axis


def ticked(base: float, high: float, step: float, arrow: float) -> Axis:
    """The ticks from the step at or below `base` to the first at or above `high`, a step
    further when an arrow ('at least') starts there, so it has room to point on."""
    start = math.floor(base / step + 1e-9) * step
    end = math.ceil(high / step - 1e-9) * step
    if arrow >= high and end - high < step / 2:
        end += step
    return Axis(start, max(end, start + step), step)


def placed(axis: Axis) -> Axis:
    """Draw the axis where its first and last labels, centred on their ticks, stay inside."""
    labels = [text_width(compact(v, axis.end)) for v in axis.ticks()]
    left = max(LEFT, EDGE + labels[0] / 2)
    right = min(RIGHT, WIDTH - EDGE - labels[-1] / 2)
    return Axis(axis.start, axis.end, axis.step, left, right)


def fits(axis: Axis) -> bool:
    """Whether neighbouring tick labels, centred on their ticks, keep apart."""
    values = axis.ticks()
    widths = [text_width(compact(v, axis.end)) for v in values]
    spacing = (axis.right - axis.left) / (len(values) - 1)
    return all(spacing >= (a + b) / 2 + TICK_GAP for a, b in itertools.pairwise(widths))


def mark(row: FigureRow, y: float, axis: Axis) -> str:
    """The shape of one figure: dot, bar or arrow."""
    iv = row.interval
    cls = "bf-mark" if row.current else "bf-mark bf-old"
    if row.derived:
        cls += " bf-derived"
    lo, hi = axis.x(iv.low), axis.x(iv.high) if not iv.unbounded else RIGHT
    parts = []
    if iv.unbounded:
        dash = ' stroke-dasharray="4 3"'
        parts.append(
            f'<line class="{cls}" x1="{lo:.1f}" y1="{y}" x2="{hi - 6:.1f}" y2="{y}"{dash}/>'
        )
        parts.append(f'<path class="{cls} bf-fill" d="M{hi:.1f},{y} l-7,-4 v8 z"/>')
    elif iv.low != iv.high:
        dash = ' stroke-dasharray="4 3"' if iv.low == 0 else ""
        parts.append(
            f'<line class="{cls} bf-bar" x1="{lo:.1f}" y1="{y}" x2="{hi:.1f}" y2="{y}"{dash}/>'
        )
    dot_x = hi if (not iv.unbounded and iv.low == 0 and iv.high != iv.low) else lo
    hollow = iv.low_open or iv.high_open
    fill = "bf-hollow" if hollow else "bf-fill"
    if iv.low == iv.high or iv.unbounded or dot_x == hi:
        parts.append(f'<circle class="{cls} {fill}" cx="{dot_x:.1f}" cy="{y}" r="5"/>')
    else:
        parts.append(f'<line class="{cls}" x1="{lo:.1f}" y1="{y - 6}" x2="{lo:.1f}" y2="{y + 6}"/>')
        parts.append(f'<line class="{cls}" x1="{hi:.1f}" y1="{y - 6}" x2="{hi:.1f}" y2="{y + 6}"/>')
    return "".join(parts)


def marker(row: FigureRow) -> str:
    """How a row is marked after its figure: '(derived)', '(earlier figure)', '(disputed)'."""
    return "" if row.role_label == "reported" else f" ({row.role_label})"


def shorten_label(text: str) -> str:
    """Keep a label within the chart's width; the full text is in the table and description."""
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1].rstrip() + "\u2026"


def label(row: FigureRow, y: float) -> str:
    """The claimant and figure written above the row's mark."""
    text = shorten_label(f"{row.claimant_label}: {row.figure}{marker(row)}")
    cls = "bf-label" if row.current else "bf-label bf-old"
    return f'<text class="{cls}" x="{LEFT}" y="{y - 11}">{attr(text)}</text>'


def compact(value: float, end: float) -> str:
    """A tick label short enough not to collide, in one unit per axis: 250M, 500M, 1,000M."""
    for size, suffix, above in ((1e9, "B", 2e9), (1e6, "M", 2e6), (1e3, "k", 1e5)):
        if end >= above and value:
            return number(round(value / size, 2)) + suffix
    return number(value)


def ticks(axis: Axis, bottom: float) -> str:
    """The axis line and its tick labels, one per step."""
    parts = [f'<line class="bf-axis" x1="{LEFT}" y1="{bottom}" x2="{RIGHT}" y2="{bottom}"/>']
    for value in axis.ticks():
        x = axis.x(value)
        parts.append(
            f'<line class="bf-axis" x1="{x:.1f}" y1="{bottom}" x2="{x:.1f}" y2="{bottom + 4}"/>'
        )
        position = f'x="{x:.1f}" y="{bottom + 19}" text-anchor="middle"'
        parts.append(f'<text class="bf-tick" {position}>{compact(value, axis.end)}</text>')
    return "".join(parts)


def description(view: MeasureFigures, rows: list[FigureRow], axis: Axis) -> str:
    """A text alternative listing every figure drawn, and where the axis starts if not at 0."""
    items = [f"{r.claimant_label}: {r.figure}{marker(r)}" for r in rows]
    start = f" The axis starts at {number(axis.start)}." if axis.start else ""
    return f"{view.measure.label} ({view.measure.unit}). " + "; ".join(items) + "." + start


def chart_svg(view: MeasureFigures, chart_id: str, current_at_most: int | None = None) -> str:
    """Draw the figures of a measure on one axis; empty when there is none.

    With `current_at_most`, only the current figures are drawn, at most that many, in
    the table's order (for a measure whose table is cut into pages).
    """
    rows = view.rows
    if current_at_most is not None:
        rows = [r for r in rows if r.current][:current_at_most]
    if not rows:
        return ""
    axis = axis_for(rows)
    height = TOP + ROW * len(rows) + AXIS_GAP
    bottom = TOP + ROW * len(rows) + 4
    body = []
    for i, row in enumerate(rows):
        y = TOP + ROW * i + 26
        body.append(label(row, y) + mark(row, y, axis))
    kind = "figures" if current_at_most is None else "current figures"
    title = f"{view.measure.label}: {kind} by claimant"
    # Tick labels and marks are no text to search: the table beside the chart holds each figure.
    return (
        f'<figure class="bf-chart" data-search-exclude>'
        f'<svg viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-t">{attr(title)}</title>'
        f'<desc id="{chart_id}-d">{attr(description(view, rows, axis))}</desc>'
        + "".join(body)
        + ticks(axis, bottom)
        + f'</svg><figcaption class="bf-caption">{attr(caption(view))}</figcaption></figure>'
    )


def caption(view: MeasureFigures) -> str:
    """What the chart sums up, open ends and disputed figures kept: 'Current figures: ...'."""
    s = view.spread
    text = (
        f"Current figures: {s.text()} {view.measure.unit}."
        if s.rows
        else ("No reported or confirmed current figure.")
    )
    if s.disputed:
        text += " Disputed: " + "; ".join(f"{r.figure} ({r.claimant_label})" for r in s.disputed)
        text += "."
    return text
