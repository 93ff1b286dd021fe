"""Editors' notes that name a claim or a source as `[id]`: what each such link says.

A note may name any claim or source by its id in square brackets: `[ministry-dead-42]`.
The site links it, saying the claim's statement or the source's label. An id that
names both a claim and a source links to the claim; a bracketed word that names
neither (`[sic]`, `[1]`) stays as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from generator.view.claimview import ClaimView, NoteRef
from generator.view.views import QuestionView, SourceView

REFERENCE = re.compile(r"\[([a-z0-9][a-z0-9_-]{0,63})\]")


def named_ids(note: str | None) -> list[str]:
    """The ids a note names as `[id]`, each once, in order."""
    return list(dict.fromkeys(REFERENCE.findall(note or "")))


def resolve(
    ident: str, claims: dict[str, ClaimView], sources: dict[str, SourceView]
) -> NoteRef | None:
    """The link an id stands for: a claim's (first) or a source's; None for neither."""
    if ident in claims:
        c = claims[ident]
        return NoteRef(ident, c.claim.statement, c.home, c.anchor)
    if ident in sources:
        s = sources[ident]
        return NoteRef(ident, s.label, s.path, "")
    return None


def note_refs(
    note: str | None, claims: dict[str, ClaimView], sources: dict[str, SourceView]
) -> tuple[NoteRef, ...]:
    """The links of the ids a note names; unknown ids left out."""
    found = (resolve(ident, claims, sources) for ident in named_ids(note))
    return tuple(ref for ref in found if ref is not None)


def attach_note_refs(
    claims: dict[str, ClaimView],
    sources: dict[str, SourceView],
    questions: Iterable[QuestionView],
) -> None:
    """Give every claim, source and question the links its note names (pages are final)."""
    for c in claims.values():
        c.note_refs = note_refs(c.claim.note, claims, sources)
    for s in sources.values():
        s.note_refs = note_refs(s.source.note, claims, sources)
    for q in questions:
        q.note_refs = note_refs(q.question.note, claims, sources)
