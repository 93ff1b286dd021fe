"""A claim with everything a page needs to show it: citations, home page, date, figure."""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.models import Claim, Source
from generator.view.dates import DateKey
from generator.view.intervals import Interval

NOT_CURRENT = frozenset({"superseded", "erroneous"})


@dataclass(frozen=True)
class Citation:
    """One quoted passage behind a claim, and its anchor on the source page."""

    source: Source
    quote: str
    anchor: str
    label: str  # what the citation says: its source's label (view/labels.py)


@dataclass(frozen=True)
class NoteRef:
    """A claim or source an editor's note names as `[id]`, and what its link says."""

    id: str
    text: str  # a claim's statement, or a source's label
    path: str  # the page it links to
    anchor: str  # the anchor on that page ("" for a source's page)


@dataclass
class ClaimView:
    """A claim with everything a page needs to show it."""

    claim: Claim
    file: str
    citations: list[Citation]
    home: str
    date: DateKey | None
    interval: Interval | None
    figure: str
    note_refs: tuple[NoteRef, ...] = ()  # what its note names as [id] (view/notes.py)

    @property
    def id(self) -> str:
        """The claim's id."""
        return self.claim.id

    @property
    def originator(self) -> str:
        """Whose figure or finding it first was: the originator, or the claimant's own."""
        return self.claim.originator or self.claim.claimant

    @property
    def claimant_label(self) -> str:
        """The claimant, with the originator it relays: 'Lawmakers, citing the agency'."""
        if self.originator == self.claim.claimant:
            return self.claim.claimant
        return f"{self.claim.claimant}, citing {self.originator}"

    @property
    def anchor(self) -> str:
        """The claim's anchor on its home page."""
        return f"claim-{self.claim.id}"

    @property
    def misdated(self) -> bool:
        """True for a claim recorded as erroneous because of the date it gives."""
        return self.claim.status == "erroneous" and self.claim.error == "date"

    @property
    def current(self) -> bool:
        """False for superseded and erroneous claims."""
        return self.claim.status not in NOT_CURRENT
