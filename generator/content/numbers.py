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

`figures(text)` goes one step further and tells figures from other numbers. A figure
is a cardinal quantity: a quantity above, alone or as a range ("40 to 60", "between
1,000 and 3,000", "10,000-12,000"), a percentage ("40%", "40 per cent"), with the
qualifier written before it ("about", "at least", "more than", "up to", "fewer
than", and their synonyms) and the noun or unit it counts ("4,321 damaged homes":
homes; "2,000 head of cattle": head of cattle; "$120m": dollars). These are not
figures (see NOT_FIGURES and `not_a_figure`):

- years: a bare four-digit number from 1800 to 2099 ("in 2003", "the 2003 eruption"),
  unless a plural noun or a unit follows it ("1500 troops", "1800 people", "1900 km");
- dates: a day next to a month ("February 27", "15 March 2031", "Feb. 8"), and
  "3 months ago";
- times: "02:40", "18:00", "3 a.m.", "6pm";
- ages in a name: "Mara Holt, 41,", "aged 41", "a 41-year-old";
- ordinals: "77th", "1st";
- page, section and other designators: a number after "page", "section", "No.",
  "article", "resolution", "flight level", ... ("No. 14/2031");
- phone numbers ("+44 20 7946 0958", "(555) 123-4567") and ids or code: a number
  joined to letters or code signs ("KN-23", "F16", "alert(1)", "x=1", "7*7",
  "&#106;", "14/2031"), inside a web address, or a reading time ("2 min read");
- "one" as a pronoun ("no one", "the one who").

Which noun a figure counts ranks it (coverage lists figures of people, money and
damage first); it never decides whether it is a figure.
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


# Figures: cardinal quantities, told apart from years, dates, times, ids and the like.


def word_set(text: str) -> frozenset[str]:
    """A set of words written as one text, for long word lists."""
    return frozenset(text.split())


Qualifier = Literal["about", "at least", "up to", "more than", "fewer than"]
# Words written before a figure, longest first, and the qualifier each amounts to.
QUALIFIERS: tuple[tuple[str, Qualifier], ...] = (
    ("no fewer than", "at least"),
    ("no less than", "at least"),
    ("no more than", "up to"),
    ("a minimum of", "at least"),
    ("a maximum of", "up to"),
    ("in excess of", "more than"),
    ("upwards of", "more than"),
    ("at least", "at least"),
    ("at most", "up to"),
    ("as many as", "up to"),
    ("as much as", "up to"),
    ("as high as", "up to"),
    ("up to", "up to"),
    ("more than", "more than"),
    ("greater than", "more than"),
    ("fewer than", "fewer than"),
    ("less than", "fewer than"),
    ("an estimated", "about"),
    ("approximately", "about"),
    ("roughly", "about"),
    ("around", "about"),
    ("about", "about"),
    ("nearly", "about"),
    ("almost", "about"),
    ("close to", "about"),
    ("some", "about"),
    ("exceeding", "more than"),
    ("exceeds", "more than"),
    ("exceeded", "more than"),
    ("exceed", "more than"),
    ("over", "more than"),
    ("above", "more than"),
    ("under", "fewer than"),
    ("below", "fewer than"),
)
QUALIFIER_BEFORE = re.compile(
    r"\b(?P<words>"
    + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w, _ in QUALIFIERS)
    + r")\s+(?:(?:between|from)\s+)?$",
    re.IGNORECASE,
)
QUALIFIER_OF = {w: q for w, q in QUALIFIERS}
# What joins the two ends of a range: "40 to 60", "10,000-12,000", "between 5 and 9".
RANGE_JOIN = re.compile(r"\s*(?:to|-|–|—)\s*|\s+and\s+", re.IGNORECASE)
BETWEEN_BEFORE = re.compile(r"\bbetween\s+(?:\S+\s+)?$", re.IGNORECASE)
MONTH_NAMES = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
MONTH_BEFORE = re.compile(rf"\b(?:{MONTH_NAMES})\.?\s+$", re.IGNORECASE)
MONTH_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTH_NAMES})\b", re.IGNORECASE)
AGO_AFTER = re.compile(
    r"^\s+(?:\w+\s+)?(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+ago\b"
)
ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th)\b", re.IGNORECASE)
NAME_BEFORE = re.compile(r"\b[A-Z][a-z]+,\s$")
READ_AFTER = re.compile(r"^\s?min(?:ute)?s?\.?\s+read\b", re.IGNORECASE)
WORD_AFTER = re.compile(r"^\s+([a-z]+)\b")
# Words after which a number names or designates something: "page 4", "No. 14", "level 360".
DESIGNATORS = word_set(
    """
    page pages p pp section sections sec chapter chapters article articles paragraph para
    clause item no nos number resolution level route highway road room platform gate flight
    bus line annex figure fig table vol volume issue edition episode season part step phase
    stage grade category class model version v rule act amendment appendix exhibit lot unit
    apartment apt floor suite box code ref reference case file id
    """
)
NOT_PLURAL = word_set(
    "was has is as its this thus us always perhaps whereas across towards afterwards besides "
    "unless yes less"
)
# Spans that are times, phone numbers or web addresses; any number inside is not a figure.
MASKS = re.compile(
    r"\b[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?:\s?(?:a\.m\.|p\.m\.|am|pm)\b)?"
    r"|\b[0-9]{1,2}(?:\.[0-9]{2})?\s?(?:a\.m\.|p\.m\.|(?:am|pm)\b)"
    r"|(?<![0-9])(?:\+[0-9]{1,3}[ .-]?)?(?:\([0-9]{2,5}\)[ .-]?)[0-9]{3,4}[ .-]?[0-9]{3,4}(?![0-9])"
    r"|(?<![0-9,.])\+[0-9]{1,3}(?:[ .-][0-9]{2,5}){2,4}(?![0-9])"
    r"|(?<![0-9,.])[0-9]{2,5}[ .-][0-9]{3,4}[ .-][0-9]{3,4}(?![0-9]|,[0-9])"
    r"|\b(?:https?://|www\.)\S+|\S+@\S+\.\w+",
    re.IGNORECASE,
)
CODE_SIGNS = "#_=*/\\<>@&^|~`"
PRONOUN_ONE_BEFORE = word_set("no any every each which this that the someone anyone")
CURRENCY_UNITS = {
    "$": "dollars",
    "us$": "US dollars",
    "usd": "US dollars",
    "a$": "Australian dollars",
    "c$": "Canadian dollars",
    "hk$": "Hong Kong dollars",
    "€": "euros",
    "eur": "euros",
    "£": "pounds",
    "gbp": "pounds",
    "¥": "yen",
    "jpy": "yen",
    "cny": "yuan",
    "₩": "won",
    "krw": "won",
    "₹": "rupees",
    "₽": "roubles",
    "rub": "roubles",
    "chf": "Swiss francs",
}
PERCENT_AFTER = re.compile(r"^\s?(?:%|per\s?cent\b|percent\b)", re.IGNORECASE)
# Words that end a noun phrase after a figure: the counted noun comes before them.
NOUN_STOPS = word_set(
    """
    of in on at to from for by with and or but that who which whom whose when where while
    than as if were was are is be been being have has had will would could can may might must
    shall should do does did said says say told reported remain remains remained
    """
)
IRREGULAR_PLURALS = word_set(
    "people men women children police cattle sheep personnel staff crew feet teeth mice geese "
    "dead wounded injured missing livestock"
)
UNIT_WORDS = word_set("km cm mm m kg g t mph kph ha mw gw kw kwh mwh gwh bpd lb lbs ft in")
NOUN_WINDOW = 4


@dataclass(frozen=True)
class Figure:
    """A cardinal quantity a text states: where, what it reads, how hedged, what it counts."""

    start: int
    end: int
    text: str
    value: float | None  # a single figure's value (for vague words, their lowest reading)
    low: float | None  # a range's ends
    high: float | None
    qualifier: Qualifier | None
    unit: str  # the noun or unit counted, "percent", a currency, or "" when none is written
    parts: tuple[Quantity, ...]

    def describe(self) -> str:
        """The parsed quantity in words: 'about 2,100 hectares', '1,000 to 3,000 troops'."""
        if self.value is not None:
            shown = number(self.value)
        else:
            shown = f"{number(self.low or 0)} to {number(self.high or 0)}"
        qualified = f"{self.qualifier} {shown}" if self.qualifier else shown
        return f"{qualified} {self.unit}".strip()


def figures(text: str) -> list[Figure]:
    """Every figure a text states, in order: ranges joined, non-figures left out."""
    masked = [(m.start(), m.end()) for m in MASKS.finditer(text)]
    kept = [
        q for q in quantities(text) if not overlaps_any(q, masked) and not_a_figure(text, q) is None
    ]
    return [figure_of(text, group) for group in ranges(text, kept)]


def not_a_figure(text: str, q: Quantity) -> str | None:
    """Why a quantity is not a figure ('year', 'date', ...), or None when it is one."""
    before, after = text[max(0, q.start - 40) : q.start], text[q.end : q.end + 40]
    if q.kind == "words":
        return "pronoun" if is_pronoun_one(q, before, after) else None
    if q.kind == "vague":
        return None
    for reason, test in DIGIT_RULES:
        if test(q, before, after):
            return reason
    return None


def is_pronoun_one(q: Quantity, before: str, after: str) -> bool:
    """'no one', 'the one who': 'one' that names no count."""
    if q.text.lower() != "one":
        return False
    words = before.lower().split()
    return (bool(words) and words[-1] in PRONOUN_ONE_BEFORE) or after.lower().startswith(
        (" another", " who", " that", " which")
    )


def bare(q: Quantity) -> str:
    """The digits of a quantity as written, without currency or scale."""
    return re.sub(r"^[^0-9]*", "", q.text)


def is_year(q: Quantity, before: str, after: str) -> bool:
    """A bare four-digit number from 1800 to 2099, unless a plural noun follows it."""
    if not re.fullmatch(r"(?:18|19|20)[0-9]{2}", q.text):
        return False
    plural = WORD_AFTER.match(after)
    return plural is None or not is_counted_noun(plural.group(1))


def is_date(q: Quantity, before: str, after: str) -> bool:
    """A day beside a month ('February 27', '15 March'), or 'N months ago'."""
    day = re.fullmatch(r"[0-9]{1,2}", q.text) is not None and 1 <= q.value <= 31
    near_month = MONTH_BEFORE.search(before) is not None or MONTH_AFTER.match(after) is not None
    return (day and near_month) or AGO_AFTER.match(after) is not None


def is_ordinal(q: Quantity, before: str, after: str) -> bool:
    """'77th', '1st'."""
    return ORDINAL_AFTER.match(after) is not None


def is_age(q: Quantity, before: str, after: str) -> bool:
    """'Mara Holt, 41,', 'aged 41', 'a 41-year-old'."""
    if re.match(r"^-?\s?years?-old\b", after, re.IGNORECASE):
        return True
    if re.search(r"\b(?:aged|age)\s+$", before, re.IGNORECASE):
        return True
    small = q.value < 130 and re.fullmatch(r"[0-9]{1,3}", q.text) is not None
    return small and NAME_BEFORE.search(before) is not None and after.startswith(",")


def is_designator(q: Quantity, before: str, after: str) -> bool:
    """'page 4', 'No. 14', 'flight level 360', 'section 3', '§ 3'."""
    if re.search(r"[§#№]\s?$", before):
        return True
    words = re.findall(r"[A-Za-z]+", before[-20:])
    return (
        bool(words)
        and words[-1].lower() in DESIGNATORS
        and re.search(r"[A-Za-z]\.?\s+$", before) is not None
    )


def is_code(q: Quantity, before: str, after: str) -> bool:
    """A number joined to letters or code signs: 'KN-23', 'F16', 'alert(1)', '14/2031'."""
    prev, nxt = before[-1:], after[:1]
    if prev.isalpha() or (prev == "-" and before[-2:-1].isalpha()):
        return True
    if (prev and prev in CODE_SIGNS) or (nxt and nxt in CODE_SIGNS and nxt != "&"):
        return True
    if prev == "(" and before[-2:-1].isalnum():
        return True  # alert(1)
    if nxt.isalpha() and q.text == bare(q) and not q.text.endswith(tuple("kmbnKMBN")):
        return not after.lower().startswith(("-", "st", "nd", "rd", "th"))
    return READ_AFTER.match(after) is not None or (nxt == "." and after[1:2].isdigit())


DIGIT_RULES = (
    ("ordinal", is_ordinal),
    ("date", is_date),
    ("year", is_year),
    ("age", is_age),
    ("designator", is_designator),
    ("id or code", is_code),
)


def ranges(text: str, found: list[Quantity]) -> list[tuple[Quantity, ...]]:
    """Group quantities into figures: two joined by 'to', a dash, or 'between ... and'."""
    groups: list[tuple[Quantity, ...]] = []
    i = 0
    while i < len(found):
        q = found[i]
        if i + 1 < len(found) and joins_range(text, q, found[i + 1]):
            groups.append((q, found[i + 1]))
            i += 2
            continue
        groups.append((q,))
        i += 1
    return groups


def joins_range(text: str, low: Quantity, high: Quantity) -> bool:
    """True when the words between two quantities make them one range."""
    if low.kind == "vague" or high.kind == "vague" or low.value > high.value:
        return False
    between = text[low.end : high.start]
    if not RANGE_JOIN.fullmatch(between):
        return False
    if between.strip().lower() == "and":
        return BETWEEN_BEFORE.search(text[max(0, low.start - 30) : low.start]) is not None
    return True


def figure_of(text: str, parts: tuple[Quantity, ...]) -> Figure:
    """A figure from one quantity or the two ends of a range."""
    first, last = parts[0], parts[-1]
    qualifier = qualifier_before(text, first)
    unit = unit_of(text, last)
    spread = len(parts) == 2
    value = None if spread else first.value
    if first.kind == "vague" and qualifier is None:
        qualifier = "at least"  # the convention: a vague plural states its lowest reading
    return Figure(
        first.start,
        last.end,
        text[first.start : last.end],
        value,
        first.value if spread else None,
        last.value if spread else None,
        None if spread else qualifier,
        unit,
        parts,
    )


def qualifier_before(text: str, q: Quantity) -> Qualifier | None:
    """The qualifier written just before a figure ('no fewer than 160': at least)."""
    match = QUALIFIER_BEFORE.search(text[max(0, q.start - 30) : q.start])
    if match is None:
        return None
    return QUALIFIER_OF[" ".join(match["words"].lower().split())]


def unit_of(text: str, q: Quantity) -> str:
    """The noun or unit a figure counts: currency, percent, or the noun after it."""
    currency = re.match(r"[^0-9]+", q.text)
    if currency and q.kind == "digits":
        return CURRENCY_UNITS.get(currency.group().strip().lower(), "money")
    after = text[q.end : q.end + 80].split("\n", 1)[0]
    if PERCENT_AFTER.match(after):
        return "percent"
    partitive = re.match(r"^\s+of\s+(?:the|those|these)\s+", after)
    if partitive:  # "two of the three boats"
        rest = after[partitive.end() :]
        return noun_after(
            re.sub(r"^[A-Za-z]+(?:-[A-Za-z]+)?\s+", "", rest)
            if is_number_word(rest.split(" ", 1)[0].lower())
            else rest
        )
    if q.kind == "vague" and re.match(r"^\s+of\s", after):
        return noun_after(after.split("of", 1)[1])  # "thousands of homes"
    if re.match(r"^-[A-Za-z]", after):
        return after[1:].split()[0].split("-")[0].lower()  # "a 40-member team"
    return noun_after(after)


def noun_after(after: str) -> str:
    """The head of the noun phrase after a figure: '300 flood-hit households had' -> households."""
    words: list[str] = []
    for match in re.finditer(r"[^\s]+", after):
        raw = match.group()
        word = raw.strip("\"'“”‘’()[],.;:!?").lower()
        if not word.replace("-", "").replace("’", "").replace("'", "").isalpha() or (
            word in NOUN_STOPS
        ):
            break
        if word == "head" and after.lower().lstrip().startswith("head of"):
            return "head of " + after.lower().split("head of", 1)[1].split()[0].strip(",.;:")
        words.append(word)
        if is_counted_noun(word):
            return word
        if raw[-1:] in ",.;:!?)" or len(words) == NOUN_WINDOW:
            break
    return ""


def is_counted_noun(word: str) -> bool:
    """A plural noun, a unit, or an irregular plural: what a figure counts."""
    if word in IRREGULAR_PLURALS or word in UNIT_WORDS:
        return True
    return (
        len(word) > 3 and word.endswith("s") and not word.endswith("ss") and word not in NOT_PLURAL
    )
