"""What a figure asserts: an interval, open or closed, and how to write it."""

from __future__ import annotations

import math
from dataclasses import dataclass

from generator.content.models import Claim
from generator.content.numbers import number

OPEN_ABOVE = frozenset({"at least", "more than"})
OPEN_BELOW = frozenset({"up to", "fewer than"})


@dataclass(frozen=True)
class Interval:
    """What a figure asserts: an interval, closed or open at each end."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False
    unbounded: bool = False
    approximate: bool = False

    def overlaps(self, other: Interval, tolerance: float = 0.0) -> bool:
        """Tell whether two intervals share a value, within a relative tolerance."""
        finite = [x for x in (self.low, self.high, other.low, other.high) if not math.isinf(x)]
        slack = tolerance * max([*finite, 1.0])
        return self.low <= other.high + slack and other.low <= self.high + slack


def interval_of(claim: Claim) -> Interval | None:
    """Turn a claim's value, range and qualifier into the interval it asserts."""
    q = claim.qualifier
    if claim.value is not None:
        v = float(claim.value)
        if q in OPEN_ABOVE:
            return Interval(v, math.inf, low_open=q == "more than", unbounded=True)
        if q in OPEN_BELOW:
            return Interval(0.0, v, high_open=q == "fewer than")
        return Interval(v, v, approximate=q == "about")
    if claim.low is None and claim.high is None:
        return None
    if claim.high is None:
        return Interval(float(claim.low or 0), math.inf, low_open=q == "more than", unbounded=True)
    low = 0.0 if claim.low is None else float(claim.low)
    return Interval(low, float(claim.high), approximate=q == "about")


def figure_text(claim: Claim) -> str:
    """Write a claim's figure as readers expect: 'about 300', '1,000-3,000', 'more than 1,000'."""
    q = f"{claim.qualifier} " if claim.qualifier else ""
    if claim.value is not None:
        return q + number(claim.value)
    if claim.low is not None and claim.high is not None:
        return f"{q}{number(claim.low)}\u2013{number(claim.high)}"
    if claim.low is not None:
        return f"{claim.qualifier or 'at least'} {number(claim.low)}"
    if claim.high is not None:
        return f"{claim.qualifier or 'up to'} {number(claim.high)}"
    return ""


def interval_text(iv: Interval) -> str:
    """Write an interval as a figure: 'about 3,000', '1,000-3,000', 'at least 500'."""
    if iv.unbounded:
        return f"{'more than' if iv.low_open else 'at least'} {number(iv.low)}"
    if iv.low == iv.high:
        return ("about " if iv.approximate else "") + number(iv.low)
    if iv.low == 0:
        return f"{'fewer than' if iv.high_open else 'up to'} {number(iv.high)}"
    return ("about " if iv.approximate else "") + f"{number(iv.low)}\u2013{number(iv.high)}"
