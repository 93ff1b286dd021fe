"""Write problems for people: FILE:LINE:COL, the field, what was found, the line and a caret."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence

from generator.errors import LINE_BREAK, Problem

WIDTH = 100
# Characters that would hide, reorder or garble what a terminal shows: C0/C1 controls
# (but tab), bidi overrides and isolates, zero-width characters and the BOM.
HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


def visible(text: str) -> str:
    """Write hidden and control characters as \\uXXXX escapes, so a report shows them."""
    return HIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def headline(problem: Problem) -> str:
    """The one-line form: FILE:LINE:COL: error: field: message (got 'x') [code]."""
    span = problem.span
    where = f"{span.file}:{span.line}:{span.col}: " if span else ""
    field = f"{problem.field}: " if problem.field else ""
    got = f" (got '{problem.got}')" if problem.got is not None else ""
    return visible(f"{where}{problem.severity}: {field}{problem.message}{got} [{problem.code}]")


def excerpt(problem: Problem, texts: Mapping[str, str]) -> list[str]:
    """The source line of a problem with a caret under the value."""
    span = problem.span
    if span is None or span.file not in texts:
        return []
    lines = LINE_BREAK.split(texts[span.file])
    if lines[-1] == "":
        lines.pop()  # a final line break ends the last line; it does not start one
    if not 1 <= span.line <= len(lines):
        return []
    line = lines[span.line - 1].replace("\t", " ").removeprefix("\ufeff")
    line = HIDDEN.sub("\ufffd", line)  # one for one, so the caret stays under the value
    start = 0
    if len(line) > WIDTH:
        start = max(0, min(span.col - 1 - WIDTH // 3, len(line) - WIDTH))
        line = line[start : start + WIDTH]
    col = max(span.col - 1 - start, 0)
    marks = "^" + "~" * max(min(span.length, len(line) - col) - 1, 0)
    gutter = f"{span.line:>5} | "
    return [gutter + line.rstrip(), " " * (len(gutter) - 2) + "| " + " " * col + marks]


def format_problem(problem: Problem, texts: Mapping[str, str]) -> str:
    """The full form of one problem: headline, excerpt and hint."""
    parts = [headline(problem), *excerpt(problem, texts)]
    if problem.hint:
        parts.append(visible(f"      hint: {problem.hint}"))
    return "\n".join(parts)


def summary(problems: Sequence[Problem], wrote_nothing: bool = True) -> str:
    """The closing line: counts, and whether anything was written."""
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    files = len({p.span.file for p in problems if p.span})
    counts = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    counts += f" in {files} file{'s' * (files != 1)}"
    if errors and wrote_nothing:
        return counts + "; nothing was written."
    return counts + "."


def format_report(
    problems: Sequence[Problem], texts: Mapping[str, str], wrote_nothing: bool = True
) -> str:
    """Every problem in full, then the summary."""
    blocks = [format_problem(p, texts) for p in problems]
    return "\n".join([*blocks, summary(problems, wrote_nothing)])


def json_report(problems: Sequence[Problem]) -> str:
    """Problems as JSON, for CI annotations and editors."""
    rows = [
        {
            "file": p.span.file if p.span else None,
            "line": p.span.line if p.span else None,
            "column": p.span.col if p.span else None,
            "severity": p.severity,
            "field": p.field,
            "message": p.message,
            "got": p.got,
            "code": p.code,
            "hint": p.hint,
        }
        for p in problems
    ]
    return json.dumps({"problems": rows}, indent=2, ensure_ascii=False)
