"""Turn untrusted text into Markdown (or HTML) that shows it literally.

Content never becomes markup: every character Markdown or HTML could read as
syntax is written as a character reference, so Python-Markdown and its
extensions see plain text. Text fields may use a small inline subset
(*emphasis*, **strong**, `code`), which this module turns into tags itself.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

# Every ASCII character that Markdown, its extensions (attr_list, tables,
# admonitions, footnotes, snippets, abbreviations) or HTML could read as syntax.
SPECIAL = set("\\`*_{}[]()<>#+-.!|~^=:\"'&$%@/;?")
REFERENCE = {ord(c): f"&#{ord(c)};" for c in SPECIAL}
WHITESPACE = re.compile(r"\s+")
# `[id]` as _references writes it: a note's reference to a claim or source (view/notes.py).
ESCAPED_REFERENCE = re.compile(r"&#91;((?:[a-z0-9]|&#45;|&#95;)+)&#93;")
INLINE = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|\*(?=\S)(.+?)(?<=\S)\*|`([^`]+)`")


def collapse(text: str) -> str:
    """Turn every run of whitespace into one space.

    Most text has none to collapse: printable text (where the only whitespace is the
    ASCII space) without a double space is returned as it is, without a regex pass.
    """
    if text.isprintable() and "  " not in text:
        return text
    return WHITESPACE.sub(" ", text)


def _references(text: str) -> str:
    """Write every special character as a character reference."""
    return text.translate(REFERENCE)


def literal(text: str) -> str:
    """Escape text for Markdown, keeping its outer spaces (for template glue)."""
    return _references(collapse(text))


def md(text: str) -> str:
    """Escape text for any inline Markdown context: one line, shown literally."""
    return _references(collapse(text).strip())


def attr(text: str) -> str:
    """Escape text for an HTML attribute value or element written by the generator."""
    return html.escape(collapse(text).strip(), quote=True)


def _linked(text: str, links: Mapping[str, str] | None) -> str:
    """Escape text, then put each `[id]` that `links` knows as the markup it gives."""
    escaped = _references(text)
    if not links:
        return escaped

    def link(match: re.Match[str]) -> str:
        """The link of one escaped `[id]`, or the escaped text when the id is unknown."""
        ident = match.group(1).replace("&#45;", "-").replace("&#95;", "_")
        return links.get(ident, match.group(0))

    return ESCAPED_REFERENCE.sub(link, escaped)


def inline(text: str, links: Mapping[str, str] | None = None) -> str:
    """Render a text field's inline subset (*em*, **strong**, `code`); escape the rest.

    `links` maps ids to markup built by the caller: an `[id]` outside code becomes it.
    """
    out: list[str] = []
    last = 0
    flat = collapse(text).strip()
    for match in INLINE.finditer(flat):
        out.append(_linked(flat[last : match.start()], links))
        strong, em, code = match.groups()
        if strong is not None:
            out.append(f"<strong>{_linked(strong, links)}</strong>")
        elif em is not None:
            out.append(f"<em>{_linked(em, links)}</em>")
        else:
            out.append(f"<code>{_references(code)}</code>")
        last = match.end()
    out.append(_linked(flat[last:], links))
    return "".join(out)
