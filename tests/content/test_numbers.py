"""The number reader: every form a quote may state a figure in, and round trips."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.numbers import CONVENTION, figures, number, quantities, stated_numbers

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


@settings(deadline=None)  # time is measured in bench/, never here
@given(st.integers(min_value=0, max_value=10**12))
def test_digits_with_separators_round_trip(n: int) -> None:
    assert stated_numbers(f"about {n:,} people") == {n}
    assert stated_numbers(f"about {n} people") == {n}


@settings(deadline=None)  # time is measured in bench/, never here
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_words_round_trip(n: int) -> None:
    assert [q.value for q in quantities(f"officials counted {in_words(n)} homes")] == [n]


@settings(deadline=None)  # time is measured in bench/, never here
@given(st.integers(min_value=1, max_value=999), st.sampled_from(["million", "bn", "billion"]))
def test_scales_round_trip(n: int, scale: str) -> None:
    factor = 10**6 if scale == "million" else 10**9
    sep = "" if scale == "bn" else " "
    assert max(stated_numbers(f"${n}{sep}{scale}")) == n * factor


@settings(deadline=None)  # time is measured in bench/, never here
@given(st.integers(min_value=0, max_value=10**12))
def test_number_writes_what_the_reader_reads(n: int) -> None:
    assert stated_numbers(number(n)) == {n}


# Figures: cardinal quantities told from other numbers, read with range, qualifier and noun.

NOUNS = st.sampled_from(["homes", "soldiers", "bridges", "hectares", "people"])


@settings(deadline=None)  # time is measured in bench/, never here
@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=10**9), NOUNS)
def test_ranges_round_trip(a: int, b: int, noun: str) -> None:
    low, high = min(a, b), max(a, b)
    for text in (f"between {low:,} and {high:,} {noun}", f"{low:,} to {high:,} {noun}"):
        (found,) = figures(text)
        assert (found.low, found.high, found.value, found.unit) == (low, high, None, noun)


@settings(deadline=None)  # time is measured in bench/, never here
@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(["%", " per cent", " percent"]))
def test_percentages_round_trip(n: int, sign: str) -> None:
    (found,) = figures(f"about {n:,}{sign} of the crop")
    assert (found.value, found.unit, found.qualifier) == (n, "percent", "about")


@settings(deadline=None)  # time is measured in bench/, never here
@given(st.integers(min_value=1, max_value=10**12 - 1), NOUNS)
def test_figures_in_words_and_digits_round_trip(n: int, noun: str) -> None:
    for written in (in_words(n), f"{n:,}", str(n)):
        (found,) = figures(f"Officials counted {written} {noun} on the island.")
        assert (found.value, found.unit) == (n, noun)
        assert found.describe() == f"{number(n)} {noun}"


@settings(deadline=None)  # time is measured in bench/, never here
@given(
    st.integers(min_value=1, max_value=999),
    st.sampled_from([("$", "m", "dollars"), ("€", "bn", "euros"), ("EUR ", " million", "euros")]),
)
def test_money_figures_round_trip(n: int, form: tuple[str, str, str]) -> None:
    sign, scale, unit = form
    (found,) = figures(f"damage of {sign}{n}{scale} was reported")
    factor = 10**9 if scale == "bn" else 10**6
    assert (found.value, found.unit) == (n * factor, unit)


@pytest.mark.parametrize(
    ("words", "qualifier"),
    [
        ("no fewer than", "at least"),
        ("at least", "at least"),
        ("some", "about"),
        ("around", "about"),
        ("more than", "more than"),
        ("over", "more than"),
        ("up to", "up to"),
        ("as many as", "up to"),
        ("fewer than", "fewer than"),
        ("no more than", "up to"),
        ("", None),
    ],
)
def test_qualifiers(words: str, qualifier: str | None) -> None:
    (found,) = figures(f"Police said {words} 160 people were rescued.".replace("  ", " "))
    assert (found.value, found.qualifier) == (160, qualifier)


def test_a_second_figure_after_up_from_is_its_own_figure() -> None:
    found = figures("The toll rose to 120, up from the 91 reported on Friday.")
    assert [(f.value, f.low) for f in found] == [(120, None), (91, None)]


@settings(deadline=None)  # time is measured in bench/, never here
@given(
    st.integers(min_value=1800, max_value=2099),
    st.integers(min_value=1, max_value=28),
    st.sampled_from(["January", "March", "May", "Dec."]),
    st.integers(min_value=0, max_value=23),
    st.integers(min_value=0, max_value=59),
)
def test_years_dates_and_times_are_not_figures(
    year: int, day: int, month: str, hour: int, minute: int
) -> None:
    texts = [
        f"The river last flooded in {year}, when the dam broke.",
        f"The {year} flood was smaller.",
        f"On {day} {month} {year} the dam broke.",
        f"On {month} {day}, {year}, the dam broke.",
        f"The gauge peaked at {hour:02d}:{minute:02d} on Sunday.",
        f"It peaked at {hour % 12 + 1} a.m. on Sunday.",
        f"It was the {day}th flood, {day} months ago.",
    ]
    for text in texts:
        assert figures(text) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "Jonas Brekke, 58, a ferryman, said so.",
        "A 41-year-old ferryman said so.",
        "The plan's section 4 and page 12 list shelters.",
        "Press release No. 14/2031 was issued.",
        "Call 0800 555 0199 or +44 20 7946 0958 or (555) 123-4567.",
        "KN-23 missiles and F16 jets were seen.",
        "See https://example.org/report/2024/15 or www.example.org/40.",
        "They sent alert(1) and {{ 7*7 }} to the page.",
        "2 min read",
        "At the request of no one, the one who came left.",
        "Aircraft flew at flight level 360.",
    ],
)
def test_numbers_that_are_not_figures(text: str) -> None:
    assert figures(text) == [], [f.text for f in figures(text)]


def test_figures_keep_those_beside_non_figures() -> None:
    text = "On 9 May 2030 at 06:00, 40 vessels were damaged, with 12 sunk, in 2030 alone."
    assert [f.text for f in figures(text)] == ["40", "12"]
    assert [f.unit for f in figures("1500 troops arrived in 1500 boats")] == ["troops", "boats"]
