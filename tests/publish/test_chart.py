"""Chart axes: nice ticks, a sensible start, labels that keep apart and stay inside."""

from __future__ import annotations

import itertools
import math
import re

import pytest

from generator.publish.chart import (
    LEFT,
    RIGHT,
    WIDTH,
    Axis,
    axis_for,
    compact,
    fits,
    text_width,
    ticks,
)
from generator.view.figures import FigureRow
from generator.view.intervals import Interval


def rows(*intervals: Interval) -> list[FigureRow]:
    """Figure rows holding just these intervals."""
    return [FigureRow("c", iv, "", None, "reported", []) for iv in intervals]


def point(value: float) -> Interval:
    return Interval(value, value)


def is_nice(step: float) -> bool:
    """1, 2 or 5 times a power of ten."""
    mantissa = step / 10 ** math.floor(math.log10(step) + 1e-9)
    return any(math.isclose(mantissa, m) for m in (1, 2, 5))


CASES = [
    [point(3)],
    [point(300), point(2700), point(4000), point(1200)],
    [Interval(10000, 12000), point(11000), point(12000)],
    [point(540_000_000)],
    [Interval(1000, math.inf, unbounded=True)],
    [Interval(0, 11000)],
    [point(0.3)],
    [point(95), point(100)],
    [point(1), point(7)],
    [point(123_456_789)],
]


@pytest.mark.parametrize("intervals", CASES)
def test_ticks_step_by_one_two_or_five_and_hold_every_figure(intervals: list[Interval]) -> None:
    axis = axis_for(rows(*intervals))
    assert is_nice(axis.step), axis
    values = axis.ticks()
    assert 2 <= len(values) <= 7, axis
    finite = [x for iv in intervals for x in (iv.low, iv.high) if not math.isinf(x)]
    assert axis.start <= min(finite) and max(finite) <= axis.end, axis
    assert all(math.isclose(b - a, axis.step) for a, b in itertools.pairwise(values))
    assert fits(axis)


def test_whole_figures_never_get_fractional_ticks() -> None:
    axis = axis_for(rows(point(3)))
    assert axis.ticks() == [0, 1, 2, 3]
    labels = [compact(v, axis.end) for v in axis_for(rows(point(4000), point(300))).ticks()]
    assert labels == ["0", "1,000", "2,000", "3,000", "4,000"]  # never 6,250 or 1.25


def test_axis_starts_at_zero_unless_every_figure_sits_high() -> None:
    assert axis_for(rows(point(300), point(4000))).start == 0
    assert axis_for(rows(point(500))).start == 0  # one figure: from zero
    assert axis_for(rows(Interval(0, 11000), point(12000))).start == 0  # 'up to' from zero
    zoomed = axis_for(rows(Interval(10000, 12000), point(11000)))
    assert zoomed.start == 10000 and zoomed.end == 12000


def test_an_open_figure_at_the_top_gets_room_for_its_arrow() -> None:
    axis = axis_for(rows(Interval(1000, math.inf, unbounded=True)))
    assert axis.end > 1000


def test_tick_labels_stay_inside_and_apart() -> None:
    for intervals in CASES:
        axis = axis_for(rows(*intervals))
        svg = ticks(axis, 100)
        for match in re.finditer(r'<text class="bf-tick" x="([0-9.]+)"[^>]*>([^<]+)<', svg):
            x, text = float(match.group(1)), match.group(2)
            half = text_width(text) / 2
            assert x - half >= 0 and x + half <= WIDTH, (text, x, axis)
    crowded = Axis(0, 12000, 1000)  # thirteen labels of six characters cannot fit
    assert not fits(crowded)


def test_axis_places_values_and_clamps_outside_ones() -> None:
    axis = Axis(10, 20, 5)
    assert axis.x(10) == LEFT and axis.x(20) == RIGHT and axis.x(5) == LEFT
    assert axis.x(15) == pytest.approx((LEFT + RIGHT) / 2)
