"""Strict, safe YAML: plain data with the position of every key and value.

Built from the parser's event stream (the C parser when available), so that
no constructor ever runs: tags, anchors and aliases are refused, duplicate keys
are reported with both lines, and scalars stay text. Only null is resolved;
numbers and dates are read by the models, which know which fields hold them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NoReturn

import yaml

from generator.errors import LINE_BREAK, Problem, Span, field_path, shorten

try:
    from yaml import CSafeLoader as EventLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as EventLoader  # type: ignore[assignment]

Path = tuple[str | int, ...]
Mark = tuple[int, int, int, int]

MAX_FLOW_DEPTH = 64
MAX_BLOCK_INDENT = 400
NULLS = frozenset({"", "~", "null", "Null", "NULL"})


class PlainStr(str):
    """A scalar written without quotes: the only kind a number field accepts."""

    __slots__ = ()


@dataclass
class Parsed:
    """The data of one YAML file and where each of its parts was written."""

    data: Any
    file: str = ""
    # Marks are kept as the parser's (line, column, end line, end column), 0-based, and
    # turned into Spans only when a problem needs one: most files never need any.
    values: dict[Path, Mark] = field(default_factory=dict)
    keys: dict[Path, Mark] = field(default_factory=dict)
    # Data taken from the parse cache comes without marks; this parses the text again
    # the first time a problem needs a position.
    reparse: Callable[[], Parsed] | None = field(default=None, repr=False, compare=False)

    def find_marks(self) -> None:
        """Make sure the marks are there, parsing the text again if they were left out."""
        if self.reparse is not None:
            again, self.reparse = self.reparse(), None
            self.values, self.keys = again.values, again.keys

    def span(self, path: Path) -> Span | None:
        """Return the span of the value at path, or of its nearest ancestor."""
        self.find_marks()
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found is not None:
                return to_span(self.file, found)
        return None

    def key_span(self, path: Path) -> Span | None:
        """Return the span of the key at path, if the path ends in a key."""
        self.find_marks()
        found = self.keys.get(path)
        return to_span(self.file, found) if found is not None else None


class _Refused(Exception):
    """Stops reading a file that uses a YAML feature the format refuses."""


@dataclass
class _Frame:
    """A collection being built from events."""

    path: Path
    container: dict[str, Any] | list[Any]
    key: str | None = None
    key_spans: dict[str, Mark] = field(default_factory=dict)


def mark_of(event: Any) -> Mark:
    """Keep an event's start and end marks, 0-based."""
    start, end = event.start_mark, event.end_mark
    return (start.line, start.column, end.line, end.column)


def to_span(file: str, mark: Mark) -> Span:
    """Turn kept marks into a 1-based span."""
    line, col, end_line, end_col = mark
    length = end_col - col if end_line == line else 1
    return Span(file, line + 1, col + 1, max(length, 1))


def span_of(file: str, event: Any) -> Span:
    """Turn an event's marks into a 1-based span."""
    return to_span(file, mark_of(event))


def nesting_problem(text: str, file: str) -> Problem | None:
    """Refuse input nested too deeply, before the parser sees it."""
    depth = deepest = 0
    for char in re.findall(r"[\[\]{}]", text):
        depth = depth + 1 if char in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    if deepest > MAX_FLOW_DEPTH:
        return Problem(
            span=Span(file, 1, 1),
            field="",
            message=f"brackets nest more than {MAX_FLOW_DEPTH} levels deep",
            code="yaml-too-deep",
            hint="briefing files need only a few levels; check for unbalanced [ or {",
        )
    for match in re.finditer(r"^[ \-?]*", text, re.M):
        if match.end() - match.start() > MAX_BLOCK_INDENT:
            line = text.count("\n", 0, match.start()) + 1
            return Problem(
                span=Span(file, line, 1),
                field="",
                message=f"indentation deeper than {MAX_BLOCK_INDENT} columns",
                code="yaml-too-deep",
            )
    return None


SYNTAX_HINTS = (
    ("mapping values are not allowed", "a value that contains ': ' must be put in quotes"),
    ("cannot start any token", "indent with spaces; YAML does not allow tabs"),
    ("found a tab character", "indent with spaces; YAML does not allow tabs"),
    ("while scanning a quoted scalar", "a quote was opened and not closed"),
    ("while parsing a flow sequence", "a '[' was opened and not closed"),
    ("while parsing a flow mapping", "a '{' was opened and not closed"),
    ("did not find expected key", "check this line's indentation against the lines above"),
    ("did not find expected '-'", "check this line's indentation against the lines above"),
    ("expected <block end>", "check this line's indentation against the lines above"),
    ("could not find expected ':'", "a key needs ': ' after it, or a text needs quotes"),
)
INDENT_HINT = "this key is indented more than the key above it; line up the keys of one entry"
BARE_KEY = re.compile(r"^\s*(?:-\s+)?[^\s:#'\"]+\s*$")


def error_mark(error: yaml.MarkedYAMLError, text: str) -> Any:
    """Where to point: the problem, or where the construct began when the file just ended."""
    mark = error.problem_mark or error.context_mark
    at_end = mark is not None and mark.index >= len(text)
    return error.context_mark if at_end and error.context_mark else mark


def syntax_hint(error: yaml.MarkedYAMLError, text: str) -> str | None:
    """A hint for a syntax error: the likely mistake, in editors' words."""
    mark = error.problem_mark
    if mark and (error.problem or "").startswith("mapping values are not allowed"):
        lines = text.splitlines()
        before = lines[mark.line][: mark.column] if mark.line < len(lines) else ""
        if mark.line > 0 and BARE_KEY.match(before):
            return INDENT_HINT
    wording = f"{error.context or ''} {error.problem or ''}"
    return next((h for key, h in SYNTAX_HINTS if key in wording), None)


def syntax_problem(error: yaml.MarkedYAMLError, file: str, text: str) -> Problem:
    """Report a YAML syntax error at its position, with a hint where one helps."""
    mark = error_mark(error, text)
    span = Span(file, mark.line + 1, mark.column + 1) if mark else Span(file, 1, 1)
    message = error.problem or "invalid YAML"
    if error.context and error.context_mark and mark is not error.context_mark:
        message += f" ({error.context} at line {error.context_mark.line + 1})"
    elif error.context:
        message += f" ({error.context}, which starts here)"
    return Problem(
        span=span, field="", message=message, code="yaml-syntax", hint=syntax_hint(error, text)
    )


def reader_problem(error: yaml.reader.ReaderError, text: str, file: str) -> Problem:
    """Report a character YAML refuses (a control character) at its line and column."""
    char = error.character
    code = ord(char) if isinstance(char, str) else int(char)
    # The reader stops at the first refused character; libyaml counts its position in
    # bytes, the pure-Python reader in characters, so find the character itself.
    found = text.find(chr(code))
    before = LINE_BREAK.split(text[: max(found, 0)])
    line, col = len(before), len(before[-1]) + 1
    return Problem(
        span=Span(file, line, col),
        field="",
        message=f"control character U+{code:04X} is not allowed in YAML",
        code="yaml-syntax",
        hint="remove it; most editors do not show it",
    )


class _Builder:
    """Turn parser events into plain data, refusing what the format does not allow."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.parsed = Parsed(None, file)
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.documents = 0

    def refuse(self, event: Any, message: str, code: str, hint: str | None = None) -> NoReturn:
        """Record a problem at an event and stop reading the file."""
        self.problems.append(
            Problem(span=span_of(self.file, event), field="", message=message, code=code, hint=hint)
        )
        raise _Refused

    def check_node(self, event: Any) -> None:
        """Refuse anchors and tags on a node."""
        if event.anchor:
            self.refuse(
                event,
                f"anchors are not allowed (got '&{event.anchor}')",
                "yaml-anchor",
                hint="write the value out in full",
            )
        tag = event.tag
        if tag and tag != "!":
            self.refuse(
                event,
                f"tags are not allowed (got '{shorten(tag.replace('tag:yaml.org,2002:', '!!'))}')",
                "yaml-tag",
                hint="remove the tag; values are plain text, lists and mappings",
            )

    def child_path(self) -> Path | None:
        """The path of the next value in the current collection, or None for a key."""
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.container, list):
            return (*top.path, len(top.container))
        if top.key is None:
            return None
        return (*top.path, top.key)

    def attach(self, value: Any) -> None:
        """Put a finished value into the current collection."""
        if not self.stack:
            self.parsed.data = value
            return
        top = self.stack[-1]
        if isinstance(top.container, list):
            top.container.append(value)
        elif isinstance(top.container, dict) and top.key is not None:
            top.container[top.key] = value
            top.key = None

    def scalar(self, event: Any) -> None:
        """Handle a scalar: a key or a value."""
        self.check_node(event)
        plain = not event.style
        value: str | None = event.value
        if plain:
            value = None if event.value in NULLS else PlainStr(event.value)
        path = self.child_path()
        if path is None:
            self.key(event, value)
            return
        self.parsed.values[path] = mark_of(event)
        self.attach(value)

    def key(self, event: Any, value: str | None) -> None:
        """Record a mapping key, reporting duplicates with both lines."""
        top = self.stack[-1]
        name = "" if value is None else str(value)
        mark = mark_of(event)
        first = top.key_spans.get(name)
        if first is not None:
            self.problems.append(
                Problem(
                    span=to_span(self.file, mark),
                    field=field_path((*top.path, name)),
                    message=f"duplicate key '{shorten(name)}' (first at line {first[0] + 1})",
                    code="yaml-duplicate-key",
                    hint="each key may appear once in a mapping; merge or remove one",
                )
            )
        else:
            top.key_spans[name] = mark
        top.key = name
        self.parsed.keys[(*top.path, name)] = mark

    def start(self, event: Any, container: dict[str, Any] | list[Any]) -> None:
        """Open a mapping or sequence."""
        self.check_node(event)
        path = self.child_path()
        if path is None:
            kind = "mapping" if isinstance(container, dict) else "list"
            hint = "write the key as a plain word followed by ': ', e.g. 'topic: damage'"
            self.refuse(event, f"a key must be text (got a {kind})", "yaml-complex-key", hint)
        self.parsed.values[path] = mark_of(event)
        self.stack.append(_Frame(path, container))

    def end(self) -> None:
        """Close the current collection."""
        self.attach(self.stack.pop().container)

    def feed(self, event: Any) -> None:
        """Dispatch one parser event."""
        if isinstance(event, yaml.ScalarEvent):
            self.scalar(event)
        elif isinstance(event, yaml.MappingStartEvent):
            self.start(event, {})
        elif isinstance(event, yaml.SequenceStartEvent):
            self.start(event, [])
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            self.end()
        elif isinstance(event, yaml.AliasEvent):
            self.refuse(
                event,
                f"aliases are not allowed (got '*{event.anchor}')",
                "yaml-alias",
                hint="write the value out in full",
            )
        elif isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.refuse(
                    event,
                    "a file holds one YAML document; found a second one",
                    "yaml-multiple-documents",
                    hint="remove the '---' line or split the file",
                )


def parse_yaml(text: str, file: str) -> tuple[Parsed, list[Problem]]:
    """Parse YAML text into plain data with positions, collecting every problem."""
    deep = nesting_problem(text, file)
    if deep is not None:
        return Parsed(None), [deep]
    builder = _Builder(file)
    try:
        for event in yaml.parse(text, Loader=EventLoader):
            builder.feed(event)
    except _Refused:
        return Parsed(None), builder.problems
    except yaml.MarkedYAMLError as error:
        return Parsed(None), [*builder.problems, syntax_problem(error, file, text)]
    except yaml.reader.ReaderError as error:
        return Parsed(None), [reader_problem(error, text, file)]
    except yaml.YAMLError as error:  # pragma: no cover - every other error carries a mark
        return Parsed(None), [
            Problem(span=Span(file, 1, 1), field="", message=str(error), code="yaml-syntax")
        ]
    if builder.documents == 0:
        builder.problems.append(
            Problem(
                span=Span(file, 1, 1),
                field="",
                message="the file is empty",
                code="yaml-empty",
                hint="write the content, or '[]' for an empty list, or delete the file",
            )
        )
    return builder.parsed, builder.problems
