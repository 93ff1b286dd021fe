"""What changed between two versions of a briefing's content, claim by claim.

diff_content compares two validated contents (folders, or git revisions read
into temporary folders) and reports claims added, removed and changed (figure,
status, statement), claims newly superseded, and sources, measures and questions
added or removed. Only validation is needed, not quotes against article texts,
so old revisions whose seeds have moved on still compare.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from generator.changes.git import GitError, revision_folder
from generator.content.check import Checked
from generator.content.load import BRIEFING_FILE, SOURCES_FILE, display_name, load_content
from generator.content.models import Briefing, Claim, Source
from generator.content.validate import Content, validate_content
from generator.errors import BriefingError, Problem, Span
from generator.report import visible
from generator.view.intervals import figure_text


@dataclass(frozen=True)
class ClaimSummary:
    """What a reader sees of a claim in a change list."""

    id: str
    claimant: str
    statement: str
    figure: str
    status: str
    superseded_by: str | None
    measure: str | None = None
    date: str | None = None

    @staticmethod
    def of(claim: Claim) -> ClaimSummary:
        """Summarise a claim."""
        return ClaimSummary(
            claim.id,
            claim.claimant,
            claim.statement,
            figure_text(claim),
            claim.status,
            claim.superseded_by,
            claim.measure,
            claim.date,
        )


@dataclass(frozen=True)
class ClaimChange:
    """A claim in both versions whose fields differ."""

    old: ClaimSummary
    new: ClaimSummary
    fields: tuple[str, ...]
    replacement: str = ""  # the statement of the claim that supersedes it, if any

    @property
    def id(self) -> str:
        """The claim's id."""
        return self.new.id

    @property
    def newly_superseded(self) -> bool:
        """True when the change marks the claim superseded."""
        return self.old.status != "superseded" and self.new.status == "superseded"


@dataclass(frozen=True)
class SourceSummary:
    """What a reader sees of a source in a change list."""

    id: str
    title: str
    publisher: str
    published: str = ""

    @staticmethod
    def of(source: Source) -> SourceSummary:
        """Summarise a source."""
        return SourceSummary(source.id, source.title, source.publisher, source.published)


@dataclass(frozen=True)
class Diff:
    """Every claim-level change between two versions of a briefing's content."""

    claims_added: list[ClaimSummary] = field(default_factory=list)
    claims_removed: list[ClaimSummary] = field(default_factory=list)
    claims_changed: list[ClaimChange] = field(default_factory=list)
    sources_added: list[SourceSummary] = field(default_factory=list)
    sources_removed: list[SourceSummary] = field(default_factory=list)
    sources_changed: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    measures_added: list[str] = field(default_factory=list)
    measures_removed: list[str] = field(default_factory=list)
    questions_added: list[str] = field(default_factory=list)
    questions_removed: list[str] = field(default_factory=list)
    briefing_changed: tuple[str, ...] = ()
    measures: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (label, unit)

    @property
    def newly_superseded(self) -> list[ClaimChange]:
        """Changed claims that are now superseded."""
        return [c for c in self.claims_changed if c.newly_superseded]

    @property
    def empty(self) -> bool:
        """True when nothing a reader would see changed."""
        return not any(
            getattr(self, name) for name in self.__dataclass_fields__ if name != "measures"
        )


def content_of(side: Checked | Content) -> Content:
    """The validated content of either a checked briefing or plain content."""
    return side.content if isinstance(side, Checked) else side


def changed_fields(old: Any, new: Any) -> tuple[str, ...]:
    """The names of the model fields whose values differ, in model order.

    One model on both sides (an item a commit did not touch, see changes.revisions)
    has none, found without comparing its fields.
    """
    if old is new:
        return ()
    before, after = old.model_dump(), new.model_dump()
    return tuple(name for name in type(new).model_fields if before[name] != after[name])


def by_id(items: list[Any]) -> dict[str, Any]:
    """Models by id, first occurrence winning (duplicates are check's business)."""
    found: dict[str, Any] = {}
    for item in items:
        found.setdefault(item.model.id, item.model)
    return found


def added_removed(old: dict[str, Any], new: dict[str, Any]) -> tuple[list[str], list[str]]:
    """Sorted ids only in new, and only in old."""
    return sorted(new.keys() - old.keys()), sorted(old.keys() - new.keys())


def claim_changes(old: dict[str, Claim], new: dict[str, Claim]) -> list[ClaimChange]:
    """Claims in both versions whose fields differ, by id."""
    changes = []
    for ident in sorted(old.keys() & new.keys()):
        fields = changed_fields(old[ident], new[ident])
        if fields:
            by = new[ident].superseded_by
            replacement = new[by].statement if by in new else ""
            changes.append(
                ClaimChange(
                    ClaimSummary.of(old[ident]), ClaimSummary.of(new[ident]), fields, replacement
                )
            )
    return changes


def source_changes(
    old: dict[str, Source], new: dict[str, Source]
) -> list[tuple[str, tuple[str, ...]]]:
    """Sources in both versions whose fields differ, with the fields."""
    changes = []
    for ident in sorted(old.keys() & new.keys()):
        fields = changed_fields(old[ident], new[ident])
        if fields:
            changes.append((ident, fields))
    return changes


def diff_content(old: Checked | Content, new: Checked | Content) -> Diff:
    """Compare two versions of a briefing's content, claim by claim."""
    a, b = content_of(old), content_of(new)
    claims_a, claims_b = by_id(a.claims), by_id(b.claims)
    sources_a, sources_b = by_id(a.sources), by_id(b.sources)
    claims_plus, claims_minus = added_removed(claims_a, claims_b)
    sources_plus, sources_minus = added_removed(sources_a, sources_b)
    measures_plus, measures_minus = added_removed(by_id(a.measures), by_id(b.measures))
    questions_plus, questions_minus = added_removed(by_id(a.questions), by_id(b.questions))
    return Diff(
        claims_added=[ClaimSummary.of(claims_b[i]) for i in claims_plus],
        claims_removed=[ClaimSummary.of(claims_a[i]) for i in claims_minus],
        claims_changed=claim_changes(claims_a, claims_b),
        sources_added=[SourceSummary.of(sources_b[i]) for i in sources_plus],
        sources_removed=[SourceSummary.of(sources_a[i]) for i in sources_minus],
        sources_changed=source_changes(sources_a, sources_b),
        measures_added=measures_plus,
        measures_removed=measures_minus,
        questions_added=questions_plus,
        questions_removed=questions_minus,
        briefing_changed=briefing_changes(a, b),
        measures={
            m.id: (m.label, m.unit)
            for m in [*by_id(a.measures).values(), *by_id(b.measures).values()]
        },
    )


def briefing_changes(old: Content, new: Content) -> tuple[str, ...]:
    """The fields of briefing.yml that differ; when the file appears or goes, the fields
    it has written (not the settings it leaves at their defaults)."""
    present = new.briefing or old.briefing
    if present is None:
        return ()
    if old.briefing is None or new.briefing is None:
        written = present.model.model_fields_set
        return tuple(name for name in Briefing.model_fields if name in written)
    return changed_fields(old.briefing.model, new.briefing.model)


# --- Reading content: a folder, or a git revision of one ------------------------------


def read_content(content_dir: Path) -> Content:
    """Load and validate a content folder; raise BriefingError when it has errors.

    A missing briefing.yml or sources.yml is no error here: a diff compares items,
    and early revisions of a briefing may not have every file yet.
    """
    if not content_dir.is_dir():
        raise BriefingError(
            [
                Problem(
                    span=Span(display_name(content_dir), 1, 1),
                    field="",
                    message="no such folder",
                    code="io",
                )
            ]
        )
    raw = load_content(content_dir)
    content = validate_content(raw)
    absent = {display_name(content_dir / name) for name in (BRIEFING_FILE, SOURCES_FILE)}
    problems = [
        p
        for p in [*raw.problems, *content.problems]
        if not (p.span and p.span.file in absent and not Path(p.span.file).exists())
    ]
    if any(p.severity == "error" for p in problems):
        raise BriefingError(problems, raw.texts)
    return content


def lenient_content(content_dir: Path) -> Content:
    """Load and validate a content folder, keeping whatever validated (for history)."""
    return validate_content(load_content(content_dir))


def read_revision(rev: str, content_dir: Path, strict: bool = True) -> Content:
    """The validated content folder at a git revision; problems name REV:content/..."""
    with revision_folder(rev, content_dir) as folder:
        try:
            return read_content(folder) if strict else lenient_content(folder)
        except BriefingError as error:
            prefix = display_name(folder.parent) + os.sep
            raise relabel(error, prefix, f"{rev}:") from None


def relabel(error: BriefingError, old: str, new: str) -> BriefingError:
    """Rename the files that problems point at: a temporary folder becomes REV:."""

    def name(file: str) -> str:
        """The file's name with the old prefix replaced."""
        return new + file[len(old) :].replace(os.sep, "/") if file.startswith(old) else file

    problems = [
        replace(p, span=replace(p.span, file=name(p.span.file))) if p.span else p
        for p in error.problems
    ]
    return BriefingError(problems, {name(k): v for k, v in error.texts.items()})


def git_problem(error: GitError, rev: str) -> BriefingError:
    """A git failure as a content problem, so the CLI reports it like any other."""
    problem = Problem(
        span=None, field="", message=str(error), code="git", hint=f"reading revision {rev!r}"
    )
    return BriefingError([problem])


# --- Text -------------------------------------------------------------------------------


def quoted(text: str, limit: int = 100) -> str:
    """A text on one line in double quotes, shortened."""
    flat = " ".join(text.split())
    return '"' + (flat if len(flat) <= limit else flat[: limit - 3] + "...") + '"'


def claim_line(mark: str, claim: ClaimSummary) -> list[str]:
    """An added or removed claim: id, claimant, figure and status, then the statement."""
    figure = f": {claim.figure}" if claim.figure else ""
    return [
        f"  {mark} {claim.id}  {claim.claimant}{figure} [{claim.status}]",
        f"      {quoted(claim.statement)}",
    ]


def change_lines(change: ClaimChange) -> list[str]:
    """A changed claim: its changed fields, then old -> new figure, status and statement."""
    old, new = change.old, change.new
    lines = [f"  ~ {change.id}  changed: {', '.join(change.fields)}"]
    if old.figure != new.figure:
        lines.append(f"      figure: {old.figure or '(none)'} -> {new.figure or '(none)'}")
    if old.status != new.status:
        lines.append(f"      status: {old.status} -> {new.status}")
    if old.claimant != new.claimant:
        lines.append(f"      claimant: {quoted(old.claimant)} -> {quoted(new.claimant)}")
    if old.statement != new.statement:
        lines.append(f"      statement: {quoted(old.statement)}")
        lines.append(f"              -> {quoted(new.statement)}")
    if change.newly_superseded:
        lines.append(f"      newly superseded by {new.superseded_by}")
    return lines


def count(n: int, word: str) -> str:
    """'1 claim', '2 claims'."""
    return f"{n} {word}{'s' * (n != 1)}"


def format_diff(diff: Diff) -> str:
    """The diff as text for a terminal: claims first, then sources, measures, questions."""
    if diff.empty:
        return "no changes to claims, sources, measures or questions"
    lines = [
        f"claims: {len(diff.claims_added)} added, {len(diff.claims_removed)} removed, "
        f"{len(diff.claims_changed)} changed, {len(diff.newly_superseded)} newly superseded"
    ]
    for claim in diff.claims_added:
        lines.extend(claim_line("+", claim))
    for claim in diff.claims_removed:
        lines.extend(claim_line("-", claim))
    for change in diff.claims_changed:
        lines.extend(change_lines(change))
    lines.extend(other_lines(diff))
    return "\n".join(visible(line) for line in lines)


def other_lines(diff: Diff) -> list[str]:
    """Sources, measures and questions added, removed or changed."""
    lines = []
    if diff.sources_added or diff.sources_removed or diff.sources_changed:
        lines.append(
            f"sources: {len(diff.sources_added)} added, {len(diff.sources_removed)} removed, "
            f"{len(diff.sources_changed)} changed"
        )
        lines += [f"  + {s.id}  {quoted(s.title)} ({s.publisher})" for s in diff.sources_added]
        lines += [f"  - {s.id}  {quoted(s.title)} ({s.publisher})" for s in diff.sources_removed]
        lines += [f"  ~ {i}  changed: {', '.join(f)}" for i, f in diff.sources_changed]
    for kind, plus, minus in (
        ("measures", diff.measures_added, diff.measures_removed),
        ("questions", diff.questions_added, diff.questions_removed),
    ):
        if plus or minus:
            lines.append(f"{kind}: {len(plus)} added, {len(minus)} removed")
            lines += [f"  + {i}" for i in plus] + [f"  - {i}" for i in minus]
    if diff.briefing_changed:
        lines.append(f"briefing: changed {', '.join(diff.briefing_changed)}")
    return lines
