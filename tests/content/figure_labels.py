"""The hand-labelled figures of the test articles, and how a finder scores against them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT

LABELS = ROOT / "tests" / "content" / "figures-labelled.txt"
LABEL = re.compile(r"^(?P<path>\S+):(?P<line>[0-9]+): (?P<figure>.+)$")
ARTICLES = [
    *sorted((ROOT / "seeds").glob("*.txt")),
    *sorted((ROOT / "tests" / "fixtures" / "briefings").glob("*/seeds/*.txt")),
]

Span = tuple[int, int]


@dataclass(frozen=True)
class Score:
    """Precision and recall of found spans against labelled ones."""

    found: int
    labelled: int
    found_right: int  # found spans that overlap a labelled figure
    labelled_found: int  # labelled figures that a found span overlaps

    @property
    def precision(self) -> float:
        return self.found_right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.labelled_found / self.labelled if self.labelled else 1.0


def relative(path: Path) -> str:
    """A path as the label file writes it."""
    return path.relative_to(ROOT).as_posix()


def labels() -> dict[str, list[Span]]:
    """Each labelled article's figures as (start, end) offsets, checked against the text."""
    spans: dict[str, list[Span]] = {relative(p): [] for p in ARTICLES}
    cursor: dict[tuple[str, int], int] = {}
    for row in LABELS.read_text(encoding="utf-8").splitlines():
        match = LABEL.match(row)
        if row.startswith("#") or not row.strip():
            continue
        assert match, f"not a label: {row!r}"
        path, line, figure = match["path"], int(match["line"]), match["figure"]
        text = (ROOT / path).read_text(encoding="utf-8")
        starts = [0, *(m.end() for m in re.finditer("\n", text))]
        begin = max(cursor.get((path, line), 0), starts[line - 1])
        end_of_line = text.find("\n", starts[line - 1])
        at = text.find(figure, begin, len(text) if end_of_line < 0 else end_of_line)
        assert at >= 0, f"{path}:{line}: {figure!r} is not on that line"
        cursor[(path, line)] = at + len(figure)
        spans[path].append((at, at + len(figure)))
    return spans


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(found: dict[str, list[Span]], labelled: dict[str, list[Span]]) -> Score:
    """How many found spans are labelled figures, and how many labelled figures are found."""
    counts = [0, 0, 0, 0]
    for path, truth in labelled.items():
        mine = found.get(path, [])
        counts[0] += len(mine)
        counts[1] += len(truth)
        counts[2] += sum(any(overlaps(f, t) for t in truth) for f in mine)
        counts[3] += sum(any(overlaps(f, t) for f in mine) for t in truth)
    return Score(*counts)


def find_all(finder: Callable[[str], Iterable[Span]]) -> dict[str, list[Span]]:
    """A finder's spans on every labelled article."""
    return {relative(p): list(finder(p.read_text(encoding="utf-8"))) for p in ARTICLES}
