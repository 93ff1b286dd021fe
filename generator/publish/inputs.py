"""What a briefing's view was made from, compared between the builds of a serving process.

A page that shows the whole briefing (its figures, its timeline) is rendered on every
build: projecting its data for a memo key costs about what rendering it does (see
publish/reads.py). Its Markdown is still a function of what the view was made from:
the content's models (each claim with its file), the article texts and the templates.
`Inputs` holds those by reference and compares them at the cost of a few identity
checks, since a file an edit did not touch gives the very same models; so a build in
which nothing such a page reads changed takes the page as it was.

One field is left out of the comparison for a page whose template reads neither it
nor what is made from it: a claim's statement. The analysis shows it as written and
makes nothing else of it but the text of the links notes make to the claim (`text`
of `note_refs`), so a reworded claim leaves the figures pages as they were.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator.view.views import BriefingView

WORDING = frozenset({"statement"})  # claim fields the analysis shows as written only
MADE_FROM_WORDING = frozenset({"statement", "note_refs"})  # fields that show them


def ignored_fields(reads: Mapping[str, frozenset[str]]) -> frozenset[str]:
    """The claim fields a page need not compare: wording its declared reads never show."""
    read = frozenset().union(*reads.values()) if reads else frozenset()
    return WORDING if not read & MADE_FROM_WORDING else frozenset()


class Inputs:
    """What a view was made from, equal to another's when they differ only in `ignored`."""

    def __init__(self, view: BriefingView, ignored: frozenset[str]) -> None:
        self.ignored = ignored
        self.others: tuple[Any, ...] = (
            view.briefing,
            tuple(m.measure for m in view.measures),
            tuple((q.question, q.file) for q in view.questions),
            tuple((s.source, s.text) for s in view.sources.values()),
            tuple(view.claims),
        )
        self.claims = [(c.claim, c.file) for c in view.claims.values()]

    def __eq__(self, other: object) -> bool:
        """Equal inputs: the same models and texts, claims alike but for ignored fields."""
        if not isinstance(other, Inputs) or other.ignored != self.ignored:
            return False
        if other.others != self.others:  # tuples compare item by item, identity first
            return False
        return all(
            same_claim(old, new, self.ignored)
            for old, new in zip(other.claims, self.claims, strict=True)
        )

    __hash__ = None  # type: ignore[assignment]  # compared, never hashed


def same_claim(old: tuple[Any, str], new: tuple[Any, str], ignored: frozenset[str]) -> bool:
    """Two claims (model, file) are alike: the same, or equal in every field not ignored."""
    if old[0] is new[0]:
        return old[1] == new[1]
    if old[1] != new[1] or type(old[0]) is not type(new[0]):
        return False
    a, b = vars(old[0]), vars(new[0])
    return a.keys() == b.keys() and all(a[k] == b[k] for k in a if k not in ignored)
