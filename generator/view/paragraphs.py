"""Paragraphs of an article text: hard-wrapped lines joined, every offset kept.

An archived text is either written one line per paragraph (lines of any length,
perhaps with blank lines between them) or hard-wrapped: lines cut at a fixed
width, paragraphs separated by blank lines. In a hard-wrapped text a line break
is a wrap when the next line's first word would not have fitted on the line
before it, and a text is taken as hard-wrapped when most of its lines fit one
width and most breaks between two written lines, two at least, are such wraps
(one wrap alone cannot be told from two short paragraphs). Wraps are
joined; every other break stays a paragraph break.
The joined text has the same length as the original, so quoted passages keep
their offsets.
"""

from __future__ import annotations

import re

WRAP_AT_MOST = 100  # the widest line width a hard-wrapped text is taken to have
WRAPPED_SHARE = 0.9  # at least this share of its lines within that width
WRAPS_SHARE = 0.5  # and more than this share of breaks inside paragraphs are wraps
WRAPS_AT_LEAST = 2
LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r)?")


def lines_of(text: str) -> list[str]:
    """The text's lines, each with its line end."""
    return [line for line in LINE.findall(text) if line]


def wrap_width(lines: list[str]) -> int | None:
    """The width a text was wrapped at, or None when it is not hard-wrapped."""
    filled = [len(line.rstrip("\r\n")) for line in lines if line.strip()]
    narrow = [n for n in filled if n <= WRAP_AT_MOST]
    if len(filled) < 2 or len(narrow) < WRAPPED_SHARE * len(filled):
        return None
    return max(narrow)


def first_word(line: str) -> str:
    """The first word of a line ('' for a blank one)."""
    words = line.split(maxsplit=1)
    return words[0] if words else ""


def is_wrap(line: str, following: str, width: int) -> bool:
    """True when a break was made by wrapping: the next word did not fit on the line."""
    body, word = line.rstrip("\r\n"), first_word(following)
    if not body.strip() or not word:
        return False
    return len(body.rstrip()) + 1 + len(word) > width


def unwrap(text: str) -> str:
    """The text with the line ends of wrapped lines turned into spaces (same length)."""
    lines = lines_of(text)
    width = wrap_width(lines)
    if width is None:
        return text
    pairs = list(zip(lines, [*lines[1:], ""], strict=True))
    wraps = [is_wrap(line, following, width) for line, following in pairs]
    inside = sum(1 for line, following in pairs if line.strip() and following.strip())
    if sum(wraps) < WRAPS_AT_LEAST or sum(wraps) <= WRAPS_SHARE * inside:
        return text
    out = []
    for (line, _), wrap in zip(pairs, wraps, strict=True):
        if wrap:
            body = line.rstrip("\r\n")
            line = body + " " * (len(line) - len(body))
        out.append(line)
    return "".join(out)
