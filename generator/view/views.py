"""The view types: the briefing as readers see it, what every template is given."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import ClassVar

from generator.content.models import Briefing, PageKind, Question, Source
from generator.view.claimview import ClaimView, NoteRef
from generator.view.dates import DateKey
from generator.view.figures import FigureRow, MeasureFigures
from generator.view.paths import topic_path


@dataclass(frozen=True)
class Passage:
    """A quoted stretch of a source's text."""

    start: int
    end: int
    anchor: str
    claim_id: str


@dataclass
class SourceView:
    """A source with its text, its quoted passages and the claims that cite it."""

    source: Source
    text: str
    passages: list[Passage]
    claims: list[ClaimView]
    path: str
    label: str  # what citations of it say (view/labels.py)
    note_refs: tuple[NoteRef, ...] = ()  # what its note names as [id] (view/notes.py)


MeasureView = MeasureFigures


@dataclass
class Gaps:
    """What the briefing does not know, listed for the gaps page."""

    single_originator: list[FigureRow]
    undated: list[FigureRow]
    contested: list[MeasureView]
    disputed: list[ClaimView]
    unanswered: list[QuestionView]
    ungraded: list[Source]
    stale: list[FigureRow]
    discrepancies: list[tuple[MeasureView, object]]


@dataclass
class QuestionView:
    """An open question with the claims that bear on it."""

    question: Question
    claims: list[ClaimView]
    file: str
    note_refs: tuple[NoteRef, ...] = ()  # what its note names as [id] (view/notes.py)


@dataclass
class Part:
    """One page of a list too long for a single page: its claims of one period."""

    title: str
    path: str
    claims: list[ClaimView]


@dataclass
class SourcePart:
    """One page of a list of sources too long for a single page: those of one period."""

    title: str
    path: str
    sources: list[SourceView]


@dataclass
class RowPart:
    """One page of a measure's table too long for a single page: a run of its rows."""

    title: str
    path: str
    rows: list[FigureRow]
    start: int = 0  # the index of its first row in the measure's table


@dataclass
class PageView:
    """One generated page: its kind, title, path and the claims it may show."""

    kind: PageKind
    title: str
    path: str
    topics: list[str] | None = None
    measures: list[str] | None = None
    parts: list[Part] = field(default_factory=list)
    figure_pages: dict[str, str] = field(default_factory=dict)  # measure id -> its own page
    figure_parts: dict[str, list[RowPart]] = field(default_factory=dict)  # of a long table
    source_parts: list[SourcePart] = field(default_factory=list)  # of a long list of sources


@dataclass(frozen=True)
class Drawn:
    """A method whose result is drawn from one of its object's attributes (`source`, a list
    or dict), chosen by the fields `by` (and its arguments): one item, or a list of them."""

    source: str
    by: tuple[str, ...]
    one: bool = False


@dataclass
class BriefingView:
    """Everything the templates need, computed once."""

    briefing: Briefing
    briefing_file: str
    claims: dict[str, ClaimView]
    sources: dict[str, SourceView]
    measures: list[MeasureView]
    topics: dict[str, list[ClaimView]]
    questions: list[QuestionView]
    pages: list[PageView]
    claimants: list[str] = field(default_factory=list)
    topic_parts: dict[str, list[Part]] = field(default_factory=dict)

    # What each method reads of the view beyond its arguments (publish/reads.py projects
    # a page's memo key through it): drawn from an attribute by some fields, or whole.
    reads_of: ClassVar[dict[str, Drawn | tuple[str, ...]]] = {
        "claim_pages": ("topics", "topic_parts"),
        "part_paths": ("topic_parts", "pages"),
        "shown_measures": Drawn("measures", ("measure.id",)),
        "page_of": Drawn("pages", ("kind",), one=True),
        "measure": Drawn("measures", ("measure.id",), one=True),
        "gaps": ("briefing", "claims", "sources", "measures", "questions"),
        "measure_of": Drawn("measures", ("measure.id",), one=True),
        "totals_of": Drawn("measures", ("measure.id", "measure.sum_of")),
        "measures_with_figures": Drawn("measures", ("spread.shown",)),
        "open_questions": Drawn("questions", ("question.status",)),
        "latest": Drawn("claims", ("id", "date", "current")),
        "reactions": (),
        "timeline": (),
        "misdated": (),
    }

    def claim_pages(self) -> dict[str, list[ClaimView]]:
        """The pages that hold claims in full (a topic's page, or each of its parts)."""
        pages: dict[str, list[ClaimView]] = {}
        for topic, claims in self.topics.items():
            parts = self.topic_parts.get(topic) or [Part("", topic_path(topic), claims)]
            pages.update((part.path, part.claims) for part in parts)
        return pages

    def part_paths(self) -> set[str]:
        """The pages a long list was split into; the list's own page links them all."""
        parts: list[list[Part] | list[SourcePart]] = [*self.topic_parts.values()]
        parts += [p.parts for p in self.pages] + [p.source_parts for p in self.pages]
        figures = {path for p in self.pages for path in p.figure_pages.values()}
        rows = {r.path for p in self.pages for group in p.figure_parts.values() for r in group}
        return {part.path for group in parts for part in group} | figures | rows

    def shown_measures(self, page: PageView) -> list[MeasureView]:
        """The measures a figures page shows, after its measure filter."""
        return measures_of(self.measures, page)

    def page_of(self, kind: str) -> PageView | None:
        """The first page of a kind, if the briefing has one."""
        return next((p for p in self.pages if p.kind == kind), None)

    def measure(self, measure_id: str) -> MeasureView:
        """The view of one measure."""
        return next(m for m in self.measures if m.measure.id == measure_id)

    def gaps(self) -> Gaps:
        """Collect the gaps: weak, undated, contested, disputed, unanswered, ungraded, stale."""
        rows = [(m, r) for m in self.measures for r in m.rows if r.counted]
        as_of = DateKey.parse(self.briefing.as_of).last_day()
        horizon = as_of - datetime.timedelta(days=self.briefing.stale_after_days)
        return Gaps(
            single_originator=[r for _, r in rows if r.originators == 1],
            undated=[r for _, r in rows if r.date is None],
            contested=[m for m in self.measures if m.spread.contested],
            disputed=[c for c in self.claims.values() if c.claim.status in ("disputed", "denied")],
            unanswered=[q for q in self.open_questions() if not q.claims],
            ungraded=[s.source for s in self.sources.values() if s.source.reliability == "F"],
            stale=[r for m, r in rows if is_stale(r, m, horizon)],
            discrepancies=[(m, d) for m in self.measures for d in m.discrepancies],
        )

    def measure_of(self, row: FigureRow) -> MeasureView:
        """The measure a figure belongs to."""
        return self.measure(row.measure_id)

    def totals_of(self, measure_id: str) -> list[MeasureView]:
        """Measures that are sums including this one."""
        return [m for m in self.measures if measure_id in (m.measure.sum_of or [])]

    def measures_with_figures(self) -> list[MeasureView]:
        """Measures that have at least one current figure, disputed ones included."""
        return [m for m in self.measures if m.spread.shown]

    def open_questions(self) -> list[QuestionView]:
        """Questions not yet answered."""
        return [q for q in self.questions if q.question.status != "answered"]

    def latest(self, count: int) -> list[ClaimView]:
        """The most recent dated current claims, newest first."""
        dated = [c for c in self.claims.values() if c.date and c.current]
        dated.sort(key=lambda c: (c.date.sort_key() if c.date else (0, 0, 0), c.id), reverse=True)
        return dated[:count]

    def reactions(self, claims: list[ClaimView]) -> list[tuple[str, list[ClaimView]]]:
        """Claims with an actor, grouped by actor, actors in alphabetical order."""
        groups: dict[str, list[ClaimView]] = defaultdict(list)
        for c in claims:
            if c.claim.actor:
                groups[c.claim.actor].append(c)
        return [(actor, sorted(groups[actor], key=timeline_key)) for actor in sorted(groups)]

    def timeline(self, claims: list[ClaimView]) -> list[tuple[str, list[ClaimView]]]:
        """Dated claims in order, grouped by month (or by year for year-only dates).

        A claim whose date is its error has no place in that period: see misdated().
        """
        dated = sorted((c for c in claims if c.date and not c.misdated), key=timeline_key)
        groups: dict[str, list[ClaimView]] = {}
        for c in dated:
            assert c.date is not None
            groups.setdefault(c.date.period(), []).append(c)
        return list(groups.items())

    def misdated(self, claims: list[ClaimView]) -> list[ClaimView]:
        """Claims recorded as erroneous because of the date they give, in date order."""
        return sorted((c for c in claims if c.misdated), key=timeline_key)


def is_stale(row: FigureRow, measure: MeasureView, horizon: datetime.date) -> bool:
    """A dated figure older than the horizon while a newer figure of its measure exists."""
    if row.date is None or row.date.last_day() >= horizon:
        return False
    return any(
        o.date and o.date.sort_key() > row.date.sort_key() for o in measure.rows if o.counted
    )


def timeline_key(claim: ClaimView) -> tuple[tuple[int, int, int], str]:
    """Order claims by date (undated last), then by id."""
    return (claim.date.sort_key() if claim.date else (9999, 99, 99), claim.id)


def claims_of(claims: dict[str, ClaimView], page: PageView) -> list[ClaimView]:
    """The claims a page shows, after its topic filter."""
    return [c for c in claims.values() if page.topics is None or c.claim.topic in page.topics]


def measures_of(measures: list[MeasureView], page: PageView) -> list[MeasureView]:
    """The measures a figures page shows, after its measure filter."""
    return [m for m in measures if page.measures is None or m.measure.id in page.measures]
