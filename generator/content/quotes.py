"""Find quoted passages in article texts, forgiving only what the format forgives.

Whitespace runs fold to one space; curly quotes, apostrophes and dashes fold to
their plain forms. Folding keeps one character per character except in
whitespace runs, so a position in the folded text maps back to the original.
"""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u02bc": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)
WHITESPACE_RUN = re.compile(r"\s+")
LONG_RUN = re.compile(r"\s{2,}")
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def fold(text: str) -> str:
    """Fold quotes, dashes and whitespace runs the way quote matching does."""
    return WHITESPACE_RUN.sub(" ", text.translate(FOLD)).strip()


def invisible_chars(text: str) -> list[str]:
    """Name the bidi and zero-width control characters in a text."""
    return sorted(
        {f"U+{ord(c):04X} {unicodedata.name(c, '')}".strip() for c in INVISIBLE.findall(text)}
    )


@dataclass
class IndexedText:
    """An article text, folded once, searchable many times."""

    text: str
    name: str = ""  # the file's name in reports
    folded: str = ""
    _run_starts: list[int] = field(default_factory=list)
    _removed: list[int] = field(default_factory=list)
    _mapped: bool = False

    def __post_init__(self) -> None:
        self.folded = WHITESPACE_RUN.sub(" ", self.text.translate(FOLD))

    def _build_offsets(self) -> None:
        """Record, for each folded whitespace run, how many characters were dropped."""
        self._mapped = True
        removed = 0
        for match in LONG_RUN.finditer(self.text):
            self._run_starts.append(match.start() - removed)
            removed += match.end() - match.start() - 1
            self._removed.append(removed)

    def original(self, folded_pos: int) -> int:
        """Map a position in the folded text to the original text."""
        if not self._mapped:
            self._build_offsets()
        index = bisect.bisect_right(self._run_starts, folded_pos - 1) - 1
        return folded_pos + (self._removed[index] if index >= 0 else 0)

    def find(self, quote: str) -> tuple[int, int] | None:
        """Return the original (start, end) of a quote's first occurrence, or None."""
        needle = fold(quote)
        if not needle:
            return None
        at = self.folded.find(needle)
        if at < 0:
            return None
        return self.original(at), self.original(at + len(needle) - 1) + 1

    def contains(self, quote: str) -> bool:
        """Tell whether the quote occurs in the text."""
        needle = fold(quote)
        return bool(needle) and needle in self.folded

    def closest(self, quote: str) -> Closest:
        """The passage most like the quote, where it starts, and where the two first differ.

        The longest run the quote shares with the text anchors the search; the quote is
        then aligned with the text around that run, so a letter missing or added before
        the run neither shifts the passage nor hides where the difference is.
        """
        needle = fold(quote)
        whole = difflib.SequenceMatcher(None, self.folded, needle, autojunk=False)
        best = whole.find_longest_match(0, len(self.folded), 0, len(needle))
        slack = 4 + len(needle) // 16  # letters the quote may add or drop before the run
        lo = max(0, best.a - best.b - slack)
        hi = min(len(self.folded), best.a + len(needle) - best.b + slack)
        codes = difflib.SequenceMatcher(None, self.folded[lo:hi], needle, autojunk=False)
        ops = codes.get_opcodes()
        start, end = passage_bounds(ops, len(needle))
        differs, text_differs = next(
            (
                (j1, i1)
                for tag, i1, _i2, j1, _j2 in ops
                if tag != "equal" and not (tag == "delete" and j1 in (0, len(needle)))
            ),
            (len(needle), end),
        )
        passage = self.folded[lo + start : lo + end]
        return Closest(passage, differs, max(0, text_differs - start), self.original(lo + start))

    def line_col(self, position: int) -> tuple[int, int]:
        """The line and column (both from 1) of a position in the original text."""
        line_start = self.text.rfind("\n", 0, position) + 1
        return self.text.count("\n", 0, position) + 1, position - line_start + 1


@dataclass(frozen=True)
class Closest:
    """The passage of a text most like a quote that is not in it."""

    passage: str  # folded, as the quote is compared
    differs: int  # index in the folded quote of its first difference from the passage
    passage_differs: int  # index in the passage of the same difference
    start: int  # where the passage starts in the original text


def passage_bounds(ops: Sequence[tuple[str, int, int, int, int]], length: int) -> tuple[int, int]:
    """Where, in the text the opcodes were made on, the quote's first and last characters sit."""
    tag, i1, i2, j1, j2 = ops[0]
    start = i2 if tag == "delete" else max(i1, i2 - (j2 - j1)) if tag == "replace" else i1
    tag, i1, i2, j1, j2 = ops[-1]
    if tag == "delete" and j1 == length:
        end = i1
    elif tag == "replace":
        end = min(i2, i1 + (j2 - j1))
    else:
        end = i2
    return start, max(start, end)
