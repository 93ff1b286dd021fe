"""Add items to a YAML list file as text, keeping its comments and layout.

A content file is never dumped again from its data: the new items are written after
its last line, indented as its items are, and a lone `[]` (with or without a comment)
gives way to them. The result is parsed again with the strict loader and must hold the
old items, unchanged, followed by the new ones; only then is it written, atomically,
through generator/write.py. A file that cannot take the items is left as it was and
every problem is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.content.load import MAX_YAML_BYTES, decode_text, display_name, read_bytes
from generator.content.yamlstrict import parse_yaml
from generator.errors import BriefingError, Problem, Span
from generator.write import write_file

BOM = "\ufeff"
# A line holding only an empty flow list, e.g. `[]` or `[]  # no sources yet`.
EMPTY_LIST = re.compile(r"^[ \t]*\[[ \t]*\][ \t]*(#.*)?$")
COMMENT_OR_BLANK = re.compile(r"^[ \t]*(#.*)?$")
DOCUMENT_START = re.compile(r"^---[ \t]*(#.*)?$")


@dataclass(frozen=True)
class Appended:
    """What an append did: the file's new text and the line its first new item starts on."""

    text: str
    line: int


def problem(name: str, message: str, code: str, got: str | None = None) -> Problem:
    """A problem with the file as a whole."""
    hint = "the file was left as it was"
    return Problem(span=Span(name, 1, 1), field="", message=message, code=code, got=got, hint=hint)


def content_lines(lines: list[str]) -> list[int]:
    """The indexes of the lines that hold more than blanks and comments."""
    return [i for i, line in enumerate(lines) if not COMMENT_OR_BLANK.match(line.rstrip("\r\n"))]


def without_empty_list(text: str) -> str | None:
    """The text with its lone `[]` line taken out (its comment kept), or None if it has none."""
    lines = text.splitlines(keepends=True)
    found = [i for i in content_lines(lines) if not DOCUMENT_START.match(lines[i].rstrip())]
    if len(found) != 1:
        return None
    line = lines[found[0]]
    match = EMPTY_LIST.match(line.rstrip("\r\n"))
    if match is None:
        return None
    ending = line[len(line.rstrip("\r\n")) :] or "\n"
    lines[found[0]] = match[1] + ending if match[1] else ""
    return "".join(lines)


def item_indent(text: str, root: tuple[int, int, int, int] | None) -> str | None:
    """The indentation of the file's list items ("" when it has none); None for a flow list."""
    if root is None:
        return ""
    line = text.splitlines()[root[0]]
    if line[root[1] : root[1] + 1] == "[":
        return None
    return " " * root[1]


def joined(text: str, addition: str, newline: str) -> str:
    """The old text, a blank line when it holds anything, then the addition."""
    addition = addition.replace("\n", newline)
    if not text.strip():
        return addition
    if not text.endswith(("\n", "\r")):
        text += newline
    if not text.endswith(newline * 2):
        text += newline
    return text + addition


def indented(addition: str, indent: str) -> str:
    """The addition with every line but the empty ones moved right by indent."""
    return "".join(indent + line if line.strip() else line for line in addition.splitlines(True))


@dataclass(frozen=True)
class ListFile:
    """A YAML list file as read: its text (without a BOM), its items, where its list starts."""

    text: str
    items: list[Any]
    root: tuple[int, int, int, int] | None = None
    bom: bool = False


def read_list(path: Path, name: str) -> ListFile:
    """Read a YAML list file (a missing one is empty); raise if it is not a list."""
    if not path.exists():
        return ListFile("", [])
    data, problems = read_bytes(path, name, MAX_YAML_BYTES)
    if data is None:
        raise BriefingError(problems)
    text, problems = decode_text(data, name)
    if text is None:
        raise BriefingError(problems)
    bom = data.startswith(BOM.encode("utf-8"))
    if not content_lines(text.splitlines()) or without_empty_list(text) is not None:
        return ListFile(text, [], bom=bom)
    parsed, problems = parse_yaml(text, name)
    if problems:
        raise BriefingError(problems, {name: text})
    if not isinstance(parsed.data, list):
        kind = "a mapping" if isinstance(parsed.data, dict) else "a single value"
        message = "expected a list of items (`- ...`) to add to"
        raise BriefingError([problem(name, message, "append-not-list", kind)], {name: text})
    return ListFile(text, parsed.data, parsed.values.get(()), bom)


def appended_text(path: Path, addition: str) -> Appended:
    """The file's text with the items of `addition` (block YAML, a list) after its own."""
    name = display_name(path)
    old = read_list(path, name)
    newline = "\r\n" if "\r\n" in old.text else "\n"
    indent = item_indent(old.text, old.root)
    if indent is None:
        message = "the list is written in flow style ([a, b]); expected `- ` items, one a line"
        raise BriefingError([problem(name, message, "append-flow-list")], {name: old.text})
    base = without_empty_list(old.text)
    result = joined(old.text if base is None else base, indented(addition, indent), newline)
    added = parse_yaml(addition, "<new items>")[0].data or []
    line = checked(result, name, old.items, added)
    return Appended(BOM * old.bom + result, line)


def checked(result: str, name: str, old: list[Any], added: list[Any]) -> int:
    """Parse the new text again; it must hold the old items then the new ones. Return the
    1-based line of the first new item."""
    parsed, problems = parse_yaml(result, name)
    if not problems and parsed.data != [*old, *added]:
        message = "the file would not hold its items followed by the new ones"
        problems = [problem(name, message, "append-invalid")]
    if problems:
        note = problem(name, "adding the items would break the file", "append-invalid")
        raise BriefingError([*problems, note], {name: result})
    start = parsed.values.get((len(old),))
    return start[0] + 1 if start is not None else 1


def append_items(path: Path, addition: str) -> int:
    """Append YAML list items to a file, checked, atomically; return the first new line."""
    done = appended_text(path, addition)
    write_file(path, done.text.encode("utf-8"))
    return done.line
