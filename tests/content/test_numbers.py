"""The number reader: every form a quote may state a figure in, and round trips."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.content.numbers import CONVENTION, number, quantities, stated_numbers

UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
UNITS += "fifteen sixteen seventeen eighteen nineteen"
TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def in_words(n: int) -> str:
    """Write 0 <= n < 10**12 in English words, as a journalist would."""
    units = UNITS.split()
    if n < 20:
        return units[n]
    if n < 100:
        return TENS[n // 10] + ("-" + units[n % 10] if n % 10 else "")
    if n < 1000:
        rest = f" and {in_words(n % 100)}" if n % 100 else ""
        return f"{units[n // 100]} hundred{rest}"
    for scale, name in ((10**9, "billion"), (10**6, "million"), (10**3, "thousand")):
        if n >= scale:
            rest = f" {in_words(n % scale)}" if n % scale else ""
            return f"{in_words(n // scale)} {name}{rest}"
    raise AssertionError(n)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2,700 wounded", 2700),
        ("2700 wounded", 2700),
        ("a 1.5 per cent rise", 1.5),
        ("12 million people", 12_000_000),
        ("$540 million in aid", 540_000_000),
        ("1.2bn dollars", 1_200_000_000),
        ("$120m in damage", 120_000_000),
        ("EUR 5 million", 5_000_000),
        ("40k people", 40_000),
        ("40% of homes", 40),
        ("Forty-two soldiers", 42),
        ("three generals", 3),
        ("a dozen tanks", 12),
        ("two dozen tanks", 24),
        ("a thousand homes", 1000),
        ("two hundred and fifty thousand people", 250_000),
        ("three million dollars", 3_000_000),
    ],
)
def test_each_form_states_its_value(text: str, value: float) -> None:
    found = quantities(text)
    assert [q.value for q in found] == [value], found


@pytest.mark.parametrize("words", sorted(CONVENTION))
def test_vague_words_follow_the_convention(words: str) -> None:
    low, high = CONVENTION[words]
    (q,) = quantities(f"{words.capitalize()} of people fled.")
    assert (q.kind, q.value, q.readings) == ("vague", low, {low, high})


def test_vague_words_never_state_more_than_their_lowest_reading() -> None:
    assert 20_000 not in stated_numbers("tens of thousands of troops")
    assert 200 not in stated_numbers("hundreds of homes")


def test_a_scaled_figure_also_states_its_digits() -> None:
    assert stated_numbers("$540 million") == {540, 540_000_000}


def test_separators_are_not_read_across_numbers() -> None:
    assert stated_numbers("12,000 not 1,200") == {12_000, 1_200}
    assert 1200 not in stated_numbers("12,000")
    assert 12 not in stated_numbers("1,200")


def test_a_bare_m_is_a_unit_not_a_scale() -> None:
    assert stated_numbers("a 120m wave") == {120}


def test_words_that_are_not_figures_are_not_read() -> None:
    assert quantities("The hundred-year flood, a hundredth part") == []
    assert quantities("They came by the hundred") == []


def test_positions_point_at_the_words() -> None:
    text = "Officials said some 2,100 hectares and forty-two homes"
    assert [text[q.start : q.end] for q in quantities(text)] == ["2,100", "forty-two"]


@given(st.integers(min_value=0, max_value=10**12))
def test_digits_with_separators_round_trip(n: int) -> None:
    assert stated_numbers(f"about {n:,} people") == {n}
    assert stated_numbers(f"about {n} people") == {n}


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_words_round_trip(n: int) -> None:
    assert [q.value for q in quantities(f"officials counted {in_words(n)} homes")] == [n]


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["million", "bn", "billion"]))
def test_scales_round_trip(n: int, scale: str) -> None:
    factor = 10**6 if scale == "million" else 10**9
    sep = "" if scale == "bn" else " "
    assert max(stated_numbers(f"${n}{sep}{scale}")) == n * factor


@given(st.integers(min_value=0, max_value=10**12))
def test_number_writes_what_the_reader_reads(n: int) -> None:
    assert stated_numbers(number(n)) == {n}
