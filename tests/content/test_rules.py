"""Cross-field rules, unit by unit."""

from __future__ import annotations

import pytest

from generator.content.rules import period


@pytest.mark.parametrize(
    ("date", "first", "last"),
    [
        ("2030", (2030, 1, 1), (2030, 12, 31)),
        ("2030-05", (2030, 5, 1), (2030, 5, 31)),
        ("2030-05-06", (2030, 5, 6), (2030, 5, 6)),
    ],
)
def test_a_partial_date_spans_from_its_first_day_to_its_last(
    date: str, first: tuple[int, int, int], last: tuple[int, int, int]
) -> None:
    assert period(date, end=False) == first
    assert period(date, end=True) == last


def test_a_date_is_after_a_partial_as_of_only_past_its_last_day() -> None:
    assert period("2030-12-31", end=False) <= period("2030", end=True)
    assert period("2031", end=False) > period("2030", end=True)
    assert period("2030-06", end=False) > period("2030-05", end=True)
    assert period("2030-05-31", end=False) <= period("2030-05", end=True)
