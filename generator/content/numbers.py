"""Read the quantities a text states: digits, scale words, number words, vague plurals.

One reader serves every rule that asks what number a passage gives, so a figure
is read the same way wherever it is checked. What a reading yields:

- digits with or without thousands separators ("2,700", "2700"), decimals ("1.5"),
  negative signs are not read (a dash is usually punctuation);
- a scale after the digits ("12 million", "$540 million", "1.2bn", "$120m", "40k"):
  the scaled number, and also the bare digits, since a measure's unit may carry the
  scale ("12" in millions of dollars);
- number words ("Forty-two", "three", "two hundred and fifty", "a dozen",
  "a thousand", "three million");
- vague plurals, read by one convention, the same for every briefing (see CONVENTION):
  "hundreds" states at least 100 and fewer than 1,000; "tens of thousands" at least
  10,000 and fewer than 100,000. A vague plural never states more than its lowest
  reading, so a figure taken from it is never stronger than its source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
}
# Scale words and abbreviations written after digits: "12 million", "1.2bn", "$120m", "40k".
SCALE_SUFFIXES = {
    "thousand": 10**3,
    "k": 10**3,
    "million": 10**6,
    "mn": 10**6,
    "m": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "b": 10**9,
    "trillion": 10**12,
    "tn": 10**12,
}
# Abbreviations that are a scale only when written against a currency ("$120m"), not
# after a bare number, where "120m" is more often 120 metres.
CURRENCY_ONLY = frozenset({"m", "b"})
# The convention for vague plurals: the lowest value the words allow, and the value
# from which other words would be used. A figure read from them is at least the first.
CONVENTION: dict[str, tuple[int, int]] = {
    "dozens": (12, 100),
    "scores": (20, 100),
    "hundreds": (100, 1_000),
    "thousands": (1_000, 10_000),
    "tens of thousands": (10_000, 100_000),
    "hundreds of thousands": (100_000, 1_000_000),
    "millions": (1_000_000, 10_000_000),
    "tens of millions": (10_000_000, 100_000_000),
    "hundreds of millions": (100_000_000, 1_000_000_000),
    "billions": (1_000_000_000, 10_000_000_000),
}

CURRENCY = r"(?:US\$|A\$|C\$|HK\$|\$|€|£|¥|₩|₹|₽|(?:USD|EUR|GBP|JPY|KRW|RUB|CHF|CNY)\s?)"
DIGITS = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
SUFFIX = "|".join(sorted(SCALE_SUFFIXES, key=len, reverse=True))
DIGIT_FIGURE = re.compile(
    rf"(?P<currency>{CURRENCY})?(?<![0-9.,])(?P<digits>{DIGITS})(?![0-9]|[.,][0-9])"
    rf"(?:(?P<attached>{SUFFIX})\b|\s?(?P<spaced>thousand|million|billion|trillion|mn|bn|tn)\b)?",
    re.IGNORECASE,
)
WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
VAGUE = re.compile(
    r"\b(?:(?:tens|hundreds) of (?:thousands|millions)|dozens|scores|hundreds|thousands"
    r"|millions|billions)\b",
    re.IGNORECASE,
)
NUMBER_WORDS = frozenset({*UNITS, *TENS, "hundred", *SCALES, "dozen"})

Kind = Literal["digits", "words", "vague"]


@dataclass(frozen=True)
class Quantity:
    """A number stated in a text: where, as written, and every number it may be read as."""

    start: int
    end: int
    text: str
    value: float  # the reading a reader takes first: scaled, or the lowest for vague words
    readings: frozenset[float]  # every number the words state
    kind: Kind


def quantities(text: str) -> list[Quantity]:
    """Every quantity a text states, in order of position."""
    found = [*digit_quantities(text), *vague_quantities(text)]
    taken = [(q.start, q.end) for q in found]
    found.extend(q for q in word_quantities(text) if not overlaps_any(q, taken))
    return sorted(found, key=lambda q: (q.start, q.end))


def number(value: float) -> str:
    """Write a figure with thousands separators and no needless decimals."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def stated_numbers(text: str) -> set[float]:
    """Every number a text can be read as stating."""
    return {r for q in quantities(text) for r in q.readings}


def overlaps_any(q: Quantity, spans: list[tuple[int, int]]) -> bool:
    """True when a quantity's span overlaps one of the spans."""
    return any(q.start < end and start < q.end for start, end in spans)


def digit_quantities(text: str) -> list[Quantity]:
    """Numbers written in digits, with their currency and scale."""
    out = []
    for match in DIGIT_FIGURE.finditer(text):
        bare = float(match["digits"].replace(",", ""))
        suffix = (match["attached"] or match["spaced"] or "").lower()
        if suffix in CURRENCY_ONLY and not match["currency"]:
            suffix = ""
        scale = SCALE_SUFFIXES.get(suffix, 1)
        end = match.end() if suffix else match.end("digits")
        value = exact(bare * scale)
        out.append(
            Quantity(
                match.start(),
                end,
                text[match.start() : end],
                value,
                frozenset({value, bare}),
                "digits",
            )
        )
    return out


def exact(x: float) -> float:
    """Round away float noise from scaling a decimal ("1.2bn" is 1,200,000,000)."""
    return float(round(x, 6))


def vague_quantities(text: str) -> list[Quantity]:
    """Vague plurals read by the convention: their lowest value and where others begin."""
    out = []
    for match in VAGUE.finditer(text):
        low, high = CONVENTION[" ".join(match.group().lower().split())]
        reading = frozenset({float(low), float(high)})
        out.append(
            Quantity(match.start(), match.end(), match.group(), float(low), reading, "vague")
        )
    return out


def word_quantities(text: str) -> list[Quantity]:
    """Numbers written in words: 'Forty-two', 'two hundred and fifty', 'a dozen'."""
    tokens = [(m.start(), m.end(), m.group().lower()) for m in WORD.finditer(text)]
    out: list[Quantity] = []
    i = 0
    while i < len(tokens):
        run = number_run(tokens, i, text)
        if run is None:
            i += 1
            continue
        j, value = run
        start, end = tokens[i][0], tokens[j - 1][1]
        out.append(Quantity(start, end, text[start:end], value, frozenset({value}), "words"))
        i = j
    return out


def parts(token: str) -> list[str]:
    """Split a hyphenated number word: 'forty-two' -> ['forty', 'two']."""
    return token.split("-")


def is_number_word(token: str) -> bool:
    """True when every part of a (hyphenated) word is a number word."""
    return all(p in NUMBER_WORDS for p in parts(token))


def number_run(tokens: list[tuple[int, int, str]], i: int, text: str) -> tuple[int, float] | None:
    """Read the longest run of number words from token i: its end and its value."""
    words: list[str] = []
    j = i
    if tokens[i][2] in ("a", "an") and i + 1 < len(tokens) and adjacent(tokens, i, text):
        nxt = parts(tokens[i + 1][2])[0]
        if nxt in ("dozen", "hundred", *SCALES):
            words.append("one")
            j = i + 1
        else:
            return None
    while j < len(tokens):
        token = tokens[j][2]
        if is_number_word(token):
            words.extend(parts(token))
        elif token == "and" and words and j + 1 < len(tokens) and is_number_word(tokens[j + 1][2]):
            pass  # "two hundred and fifty"
        else:
            break
        if j + 1 < len(tokens) and not adjacent(tokens, j, text):
            j += 1
            break
        j += 1
    if not words or all(w in ("hundred", "dozen", *SCALES) for w in words):
        return None  # "hundred" alone is not a figure; plurals are vague words
    value = words_value(words)
    return (j, value) if value is not None else None


def adjacent(tokens: list[tuple[int, int, str]], j: int, text: str) -> bool:
    """True when only spaces separate token j from the next one."""
    return not text[tokens[j][1] : tokens[j + 1][0]].strip()


def words_value(words: list[str]) -> float | None:
    """The value of a run of number words, or None when they do not make one number."""
    total = current = 0
    for word in words:
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        else:
            total += (current or 1) * SCALES[word]
            current = 0
    return float(total + current)
