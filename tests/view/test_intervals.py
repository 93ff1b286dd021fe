"""What a figure asserts, unit by unit: qualifiers to intervals, intervals to words, overlap."""

from __future__ import annotations

import math
from types import SimpleNamespace
from typing import Any

import pytest

from generator.content.numbers import number
from generator.view.intervals import Interval, figure_text, interval_of, interval_text


def claim(
    value: float | None = None,
    low: float | None = None,
    high: float | None = None,
    qualifier: str | None = None,
) -> Any:
    return SimpleNamespace(value=value, low=low, high=high, qualifier=qualifier)


@pytest.mark.parametrize(
    "value,text",
    [
        (0, "0"),
        (300, "300"),
        (2700, "2,700"),
        (1_200_000, "1,200,000"),
        (2.5, "2.5"),
        (1234.5, "1,234.5"),
        (0.125, "0.12"),
        (3.0, "3"),
        (10.10, "10.1"),
    ],
)
def test_number_writes_separators_and_no_needless_decimals(value: float, text: str) -> None:
    assert number(value) == text


@pytest.mark.parametrize(
    "made,interval",
    [
        (claim(300), Interval(300, 300)),
        (claim(300, qualifier="about"), Interval(300, 300, approximate=True)),
        (claim(300, qualifier="at least"), Interval(300, math.inf, unbounded=True)),
        (claim(300, qualifier="more than"), Interval(300, math.inf, low_open=True, unbounded=True)),
        (claim(300, qualifier="up to"), Interval(0, 300)),
        (claim(300, qualifier="fewer than"), Interval(0, 300, high_open=True)),
        (claim(low=1000, high=3000), Interval(1000, 3000)),
        (claim(low=1000, high=3000, qualifier="about"), Interval(1000, 3000, approximate=True)),
        (claim(low=1000), Interval(1000, math.inf, unbounded=True)),
        (
            claim(low=1000, qualifier="more than"),
            Interval(1000, math.inf, low_open=True, unbounded=True),
        ),
        (claim(low=0), Interval(0, math.inf, unbounded=True)),  # "at least 0", not 1
        (claim(high=500), Interval(0, 500)),
        (claim(), None),
    ],
)
def test_a_claims_figure_becomes_the_interval_it_asserts(made: Any, interval: Any) -> None:
    assert interval_of(made) == interval


@pytest.mark.parametrize(
    "made,text",
    [
        (claim(300), "300"),
        (claim(300, qualifier="about"), "about 300"),
        (claim(1000, qualifier="more than"), "more than 1,000"),
        (claim(low=1000, high=3000), "1,000\u20133,000"),
        (claim(low=1000, high=3000, qualifier="about"), "about 1,000\u20133,000"),
        (claim(low=1000), "at least 1,000"),
        (claim(low=1000, qualifier="more than"), "more than 1,000"),
        (claim(high=500), "up to 500"),
        (claim(high=500, qualifier="fewer than"), "fewer than 500"),
        (claim(), ""),
    ],
)
def test_a_claims_figure_is_written_as_readers_expect(made: Any, text: str) -> None:
    assert figure_text(made) == text


@pytest.mark.parametrize(
    "interval,text",
    [
        (Interval(300, 300), "300"),
        (Interval(300, 300, approximate=True), "about 300"),
        (Interval(500, math.inf, unbounded=True), "at least 500"),
        (Interval(500, math.inf, low_open=True, unbounded=True), "more than 500"),
        (Interval(0, 500), "up to 500"),
        (Interval(0, 500, high_open=True), "fewer than 500"),
        (Interval(1000, 3000), "1,000\u20133,000"),
        (Interval(1000, 3000, approximate=True), "about 1,000\u20133,000"),
    ],
)
def test_an_interval_is_written_as_a_figure(interval: Interval, text: str) -> None:
    assert interval_text(interval) == text


def test_overlap_is_symmetric_and_inclusive_at_the_ends() -> None:
    a, b = Interval(100, 200), Interval(200, 300)
    assert a.overlaps(b) and b.overlaps(a)
    assert not Interval(100, 199).overlaps(Interval(200, 300))
    assert not Interval(200, 300).overlaps(Interval(100, 199))


def test_overlap_tolerance_is_relative_to_the_largest_finite_end() -> None:
    assert Interval(100, 100).overlaps(Interval(110, 110), 0.10)  # slack 11
    assert not Interval(100, 100).overlaps(Interval(112, 112), 0.10)  # slack 11.2 < 12
    assert not Interval(100, 100).overlaps(Interval(110, 110), 0.0)
    assert Interval(0.5, 0.5).overlaps(Interval(0.55, 0.55), 0.10), "small figures: slack 0.1"
    assert not Interval(0.1, 0.1).overlaps(Interval(0.25, 0.25), 0.10), "and no more than 0.1"


def test_an_open_end_overlaps_everything_above_it() -> None:
    at_least = Interval(1000, math.inf, unbounded=True)
    assert at_least.overlaps(Interval(5000, 5000))
    assert not at_least.overlaps(Interval(500, 500), 0.10)
    assert Interval(0, 300).overlaps(Interval(10, 10)) and not Interval(0, 300).overlaps(
        Interval(400, 400), 0.10
    )
