"""Figures of one measure drawn on one axis, as inline SVG built at build time.

Each claimant gets a row: a dot for a single figure, a bar for a range, an
arrow for an open interval ('at least', 'up to'). Colours come from CSS
classes, so the chart follows the light and dark palettes and prints in black.
"""

from __future__ import annotations

import math

from generator.content.numbers import number
from generator.publish.escape import attr
from generator.view.figures import FigureRow, MeasureFigures

WIDTH = 400
MAX_LABEL = 60  # characters that fit the chart's width at its label size
LEFT = 8
RIGHT = 392
ROW = 34
TOP = 8
AXIS_GAP = 26


def nice_max(value: float) -> float:
    """Round an axis end up to 1, 2, 2.5 or 5 times a power of ten."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return float(step * power)
    return float(10 * power)


def axis_end(rows: list[FigureRow]) -> float:
    """The largest finite number any row needs on the axis, rounded up."""
    finite = [x for r in rows for x in (r.interval.low, r.interval.high) if not math.isinf(x)]
    return nice_max(max(finite) * 1.08) if finite else 1.0


def x_of(value: float, end: float) -> float:
    """Place a value on the axis."""
    return LEFT + (RIGHT - LEFT) * min(value, end) / end


def mark(row: FigureRow, y: float, end: float) -> str:
    """The shape of one figure: dot, bar or arrow."""
    iv = row.interval
    cls = "bf-mark" if row.current else "bf-mark bf-old"
    if row.derived:
        cls += " bf-derived"
    lo, hi = x_of(iv.low, end), x_of(iv.high, end) if not iv.unbounded else RIGHT
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
    return f'<text class="{cls}" x="{LEFT}" y="{y - 9}">{attr(text)}</text>'


def compact(value: float, end: float) -> str:
    """A tick label short enough not to collide, in one unit per axis: 250M, 500M, 1,000M."""
    for size, suffix, above in ((1e9, "B", 2e9), (1e6, "M", 2e6), (1e3, "k", 1e5)):
        if end >= above and value:
            return number(round(value / size, 2)) + suffix
    return number(value)


def ticks(end: float, bottom: float) -> str:
    """The axis line and its tick labels."""
    parts = [f'<line class="bf-axis" x1="{LEFT}" y1="{bottom}" x2="{RIGHT}" y2="{bottom}"/>']
    for i in range(5):
        value = end * i / 4
        x = x_of(value, end)
        anchor = "start" if i == 0 else ("end" if i == 4 else "middle")
        parts.append(
            f'<line class="bf-axis" x1="{x:.1f}" y1="{bottom}" x2="{x:.1f}" y2="{bottom + 4}"/>'
        )
        position = f'x="{x:.1f}" y="{bottom + 16}" text-anchor="{anchor}"'
        parts.append(f'<text class="bf-tick" {position}>{compact(value, end)}</text>')
    return "".join(parts)


def description(view: MeasureFigures, rows: list[FigureRow]) -> str:
    """A text alternative listing every figure drawn."""
    items = [f"{r.claimant_label}: {r.figure}{marker(r)}" for r in rows]
    return f"{view.measure.label} ({view.measure.unit}). " + "; ".join(items) + "."


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
    end = axis_end(rows)
    height = TOP + ROW * len(rows) + AXIS_GAP
    bottom = TOP + ROW * len(rows)
    body = []
    for i, row in enumerate(rows):
        y = TOP + ROW * i + 24
        body.append(label(row, y) + mark(row, y, end))
    kind = "figures" if current_at_most is None else "current figures"
    title = f"{view.measure.label}: {kind} by claimant"
    return (
        f'<figure class="bf-chart">'
        f'<svg viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-t">{attr(title)}</title>'
        f'<desc id="{chart_id}-d">{attr(description(view, rows))}</desc>'
        + "".join(body)
        + ticks(end, bottom)
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
