"""Problems with content: where they are, what is wrong, and how they are reported."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]
# What YAML counts as a line break, so lines are numbered as the parser numbers them.
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


@dataclass(frozen=True, order=True)
class Span:
    """A position in a file: 1-based line and column, and the length of the marked text."""

    file: str
    line: int
    col: int
    length: int = 1


@dataclass(frozen=True, kw_only=True)
class Problem:
    """One thing wrong with the content, with its position and a machine-readable code.

    Fields are named at every call (`Problem(span=..., field=..., ...)`): five of them
    are strings, which positions would let slip into one another's place."""

    span: Span | None
    field: str
    message: str
    code: str
    got: str | None = None
    hint: str | None = None
    severity: Severity = "error"

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order problems by file and position, then by code."""
        if self.span is None:
            return ("", 0, 0, self.code)
        return (self.span.file, self.span.line, self.span.col, self.code)


class BriefingError(Exception):
    """Raised when content has errors; carries every problem of the run."""

    def __init__(self, problems: Sequence[Problem], texts: Mapping[str, str] | None = None) -> None:
        super().__init__(f"{len(problems)} problem(s) in the content")
        self.problems = list(problems)
        self.texts = dict(texts or {})


@dataclass
class Problems:
    """A collector of problems found during one run."""

    items: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        """Record one problem."""
        self.items.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        """Record several problems."""
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        """Only the problems that stop a build."""
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Only the problems that do not stop a build."""
        return [p for p in self.items if p.severity == "warning"]

    def raise_if_errors(self, texts: Mapping[str, str] | None = None) -> None:
        """Stop the run when any error was found."""
        if self.errors:
            raise BriefingError(sorted_problems(self.items), texts)


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Return problems in a stable order: by file, line, column and code."""
    return sorted(problems, key=Problem.sort_key)


def field_path(path: Iterable[str | int]) -> str:
    """Write a path as 'key.key[0].key'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def did_you_mean(word: str, choices: Iterable[str], n: int = 3) -> str | None:
    """Suggest the closest choices to a misspelt word, or None."""
    matches = difflib.get_close_matches(word, list(choices), n=n, cutoff=0.6)
    if not matches:
        folded = {c.casefold(): c for c in choices}
        if word.casefold() in folded:
            matches = [folded[word.casefold()]]
    if not matches:
        return None
    return "did you mean " + " or ".join(f"'{m}'" for m in matches) + "?"


def shorten(text: str, limit: int = 60) -> str:
    """Cut a value for display, keeping it on one line."""
    flat = text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."
