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

    def closest(self, quote: str) -> tuple[str, int]:
        """Return the passage most like the quote, and where the quote first differs."""
        needle = fold(quote)
        matcher = difflib.SequenceMatcher(None, self.folded, needle, autojunk=False)
        best = matcher.find_longest_match(0, len(self.folded), 0, len(needle))
        start = max(0, best.a - best.b)
        passage = self.folded[start : start + len(needle)]
        differs = next(
            (i for i, (a, b) in enumerate(zip(passage, needle, strict=False)) if a != b),
            min(len(passage), len(needle)),
        )
        return passage, differs
