"""Precision and recall of `briefing coverage` against the hand-labelled figures.

Two measures, on the default briefing's articles and the test briefings' articles
(tests/content/figures-labelled.txt):

- found: every figure coverage finds in a text, covered or not, against every labelled
  figure;
- listed: the figures coverage lists as uncovered, against the labelled figures no quote
  of the briefing includes.

A found span counts when it overlaps a labelled figure. `--rev REV` measures the
coverage module of a git revision instead of the working tree's (the module is read
with `git show`; the rest of the package is the working tree's):

    python bench/figures.py
    python bench/figures.py --rev main~1
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.content.check import Checked, Settings, check  # noqa: E402
from tests.content.figure_labels import Score, Span, labels, score  # noqa: E402

BRIEFINGS = [ROOT, *sorted((ROOT / "tests" / "fixtures" / "briefings").iterdir())]


def coverage_module(rev: str | None) -> Any:
    """The coverage module of the working tree, or of a revision."""
    if rev is None:
        from generator.content import coverage

        return coverage
    source = subprocess.run(
        ["git", "show", f"{rev}:generator/content/coverage.py"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    module = types.ModuleType(f"coverage_at_{rev}")
    sys.modules[module.__name__] = module  # dataclasses look their module up
    exec(compile(source, f"{rev}:coverage.py", "exec"), module.__dict__)
    return module


def rel(folder: Path, file: str) -> str:
    """An article's path as the labels write it."""
    return (folder / file).resolve().relative_to(ROOT).as_posix()


def old_findings(module: Any, checked: Checked, folder: Path) -> tuple[list, list]:
    """(path, span, listed) for every figure the sentence-level coverage finds."""
    units = module.unit_words(checked)
    spans = module.quote_spans(checked)
    found = []
    for item in checked.content.sources:
        article = checked.articles.get(item.model.id)
        if article is None:
            continue
        quoted = spans.get(item.model.id, [])
        for s in module.sentences(article.text):
            cursor = 0
            covered = any(a < s.end and s.start < b for a, b in quoted)
            for fig in module.figures_in(s.text, units):
                at = s.text.find(fig, cursor)
                cursor = at + len(fig)
                span = (s.start + at, s.start + cursor)
                found.append((rel(folder, item.model.text), span, not covered))
    return found, spans_by_source(checked, folder, spans)


def new_findings(module: Any, checked: Checked, folder: Path) -> tuple[list, list]:
    """(path, span, listed) for every figure the per-figure coverage finds."""
    found = [
        (rel(folder, f.file), (f.figure.start, f.figure.end), not f.covered)
        for f in module.scan(checked)
    ]
    return found, spans_by_source(checked, folder, module.quote_spans(checked))


def spans_by_source(checked: Checked, folder: Path, spans: dict) -> list:
    """Quote spans keyed by article path."""
    return [
        (rel(folder, s.model.text), span)
        for s in checked.content.sources
        for span in spans.get(s.model.id, [])
    ]


def measure(rev: str | None) -> tuple[Score, Score]:
    """The found and listed scores of one version of coverage."""
    module = coverage_module(rev)
    per_figure = hasattr(module, "Finding") and "figure" in module.Finding.__dataclass_fields__
    truth = labels()
    found: dict[str, list[Span]] = {}
    listed: dict[str, list[Span]] = {}
    quotes: dict[str, list[Span]] = {}
    for folder in BRIEFINGS:
        checked = check(Settings(folder / "content", folder / "seeds"))
        run = new_findings if per_figure else old_findings
        rows, quoted = run(module, checked, folder)
        for path, span, is_listed in rows:
            found.setdefault(path, []).append(span)
            if is_listed:
                listed.setdefault(path, []).append(span)
        for path, span in quoted:
            quotes.setdefault(path, []).append(span)
    unquoted = {
        path: [
            t for t in spans if not any(a <= t[0] and t[1] <= b for a, b in quotes.get(path, []))
        ]
        for path, spans in truth.items()
    }
    return score(found, truth), score(listed, unquoted)


def line(name: str, s: Score) -> str:
    return (
        f"{name:7} precision {s.precision:.3f} ({s.found_right}/{s.found})  "
        f"recall {s.recall:.3f} ({s.labelled_found}/{s.labelled})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", help="measure the coverage module of this git revision")
    args = parser.parse_args()
    found, listed = measure(args.rev)
    print(f"coverage of {args.rev or 'the working tree'}")
    print(line("found", found))
    print(line("listed", listed))


if __name__ == "__main__":
    main()
