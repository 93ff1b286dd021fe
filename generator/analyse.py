"""Checked content -> the briefing as readers see it: figures, groups, passages, pages.

Pure functions over validated models; no I/O. Each rule is one small function.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from generator.check import Checked
from generator.models import Briefing, Claim, Measure, PageSpec, Question, Source
from generator.quotes import IndexedText

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
NOT_CURRENT = frozenset({"superseded", "erroneous"})
NOT_COUNTED = frozenset({"superseded", "erroneous", "denied"})
OPEN_ABOVE = frozenset({"at least", "more than"})
OPEN_BELOW = frozenset({"up to", "fewer than"})

RELIABILITY = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}
STATUSES = {
    "reported": "reported by the source; not independently confirmed",
    "confirmed": "confirmed by independent sources",
    "disputed": "contested by other claimants or by how outlets report it",
    "denied": "denied by the party concerned",
    "superseded": "replaced by a later claim, which is linked",
    "erroneous": "a plain error in the source, kept so readers see it was caught",
}
DEFAULT_TITLES = {
    "overview": "Overview",
    "estimates": "Figures",
    "reactions": "Reactions",
    "questions": "Open questions",
    "timeline": "Timeline",
    "sources": "Sources",
}
DEFAULT_PAGES = tuple(PageSpec.model_validate({"kind": k}) for k in DEFAULT_TITLES)


@dataclass(frozen=True)
class DateKey:
    """A full or partial date, sortable, with its precision."""

    text: str
    year: int
    month: int | None
    day: int | None

    @staticmethod
    def parse(text: str) -> DateKey:
        """Read YYYY, YYYY-MM or YYYY-MM-DD (already validated)."""
        parts = [int(p) for p in text.split("-")]
        return DateKey(text, parts[0], *([*parts[1:], None, None])[:2])

    def sort_key(self) -> tuple[int, int, int]:
        """Partial dates sort at the start of their period, before dated days in it."""
        return (self.year, self.month or 0, self.day or 0)

    def label(self) -> str:
        """Show the date with its precision: '27 Feb 2025', 'Oct 2024', '2024'."""
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{MONTHS[self.month - 1]} {self.year}"
        return f"{self.day} {MONTHS[self.month - 1]} {self.year}"

    @property
    def partial(self) -> bool:
        """True when the date names a month or a year, not a day."""
        return self.day is None

    def period(self) -> str:
        """The month (or year) heading this date falls under."""
        if self.month is None:
            return f"{self.year}, month not known"
        return f"{MONTHS[self.month - 1]} {self.year}"


def number(value: float) -> str:
    """Write a figure with thousands separators and no needless decimals."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Interval:
    """What a figure asserts: an interval, closed or open at each end."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False
    unbounded: bool = False
    approximate: bool = False

    def overlaps(self, other: Interval, tolerance: float = 0.0) -> bool:
        """Tell whether two intervals share a value, within a relative tolerance."""
        slack = tolerance * max(abs(self.high), abs(other.high), 1.0)
        return self.low <= other.high + slack and other.low <= self.high + slack


def interval_of(claim: Claim) -> Interval | None:
    """Turn a claim's value, range and qualifier into the interval it asserts."""
    q = claim.qualifier
    if claim.value is not None:
        v = float(claim.value)
        if q in OPEN_ABOVE:
            return Interval(v, math.inf, low_open=q == "more than", unbounded=True)
        if q in OPEN_BELOW:
            return Interval(0.0, v, high_open=q == "fewer than")
        return Interval(v, v, approximate=q == "about")
    if claim.low is None and claim.high is None:
        return None
    if claim.high is None:
        return Interval(float(claim.low or 0), math.inf, low_open=q == "more than", unbounded=True)
    low = 0.0 if claim.low is None else float(claim.low)
    return Interval(low, float(claim.high), approximate=q == "about")


def figure_text(claim: Claim) -> str:
    """Write a claim's figure as readers expect: 'about 300', '1,000-3,000', 'more than 1,000'."""
    q = f"{claim.qualifier} " if claim.qualifier else ""
    if claim.value is not None:
        return q + number(claim.value)
    if claim.low is not None and claim.high is not None:
        return f"{q}{number(claim.low)}\u2013{number(claim.high)}"
    if claim.low is not None:
        return f"{claim.qualifier or 'at least'} {number(claim.low)}"
    if claim.high is not None:
        return f"{claim.qualifier or 'up to'} {number(claim.high)}"
    return ""


@dataclass(frozen=True)
class Citation:
    """One quoted passage behind a claim, and its anchor on the source page."""

    source: Source
    quote: str
    anchor: str


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

    @property
    def id(self) -> str:
        """The claim's id."""
        return self.claim.id

    @property
    def anchor(self) -> str:
        """The claim's anchor on its home page."""
        return f"claim-{self.claim.id}"

    @property
    def current(self) -> bool:
        """False for superseded and erroneous claims."""
        return self.claim.status not in NOT_CURRENT


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


@dataclass
class MeasureView:
    """A measure with its figures side by side and the spread between claimants."""

    measure: Measure
    rows: list[ClaimView]
    low: float | None
    high: float | None
    claimants: int

    @property
    def anchor(self) -> str:
        """The measure's anchor on the estimates page."""
        return f"measure-{self.measure.id}"

    @property
    def spread(self) -> str:
        """The range of current figures across claimants, as text."""
        if self.low is None or self.high is None:
            return "no current figure"
        if self.low == self.high:
            return number(self.low)
        return f"{number(self.low)}\u2013{number(self.high)}"


@dataclass
class QuestionView:
    """An open question with the claims that bear on it."""

    question: Question
    claims: list[ClaimView]
    file: str


@dataclass
class PageView:
    """One generated page: its kind, title, path and the claims it may show."""

    kind: str
    title: str
    path: str
    topics: list[str] | None = None
    measures: list[str] | None = None


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

    def page_of(self, kind: str) -> PageView | None:
        """The first page of a kind, if the briefing has one."""
        return next((p for p in self.pages if p.kind == kind), None)

    def measure(self, measure_id: str) -> MeasureView:
        """The view of one measure."""
        return next(m for m in self.measures if m.measure.id == measure_id)

    def measures_with_figures(self) -> list[MeasureView]:
        """Measures that have at least one current figure."""
        return [m for m in self.measures if m.low is not None]

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
        """Dated claims in order, grouped by month (or by year for year-only dates)."""
        dated = sorted((c for c in claims if c.date), key=timeline_key)
        groups: dict[str, list[ClaimView]] = {}
        for c in dated:
            assert c.date is not None
            groups.setdefault(c.date.period(), []).append(c)
        return list(groups.items())


def timeline_key(claim: ClaimView) -> tuple[tuple[int, int, int], str]:
    """Order claims by date (undated last), then by id."""
    return (claim.date.sort_key() if claim.date else (9999, 99, 99), claim.id)


def topic_path(topic: str) -> str:
    """Where the claims of a topic live."""
    return f"claims/{topic}.md"


def source_path(source_id: str) -> str:
    """Where a source's page lives."""
    return f"sources/{source_id}.md"


def topic_title(topic: str) -> str:
    """Turn a topic slug into a heading: 'arms-trade' -> 'Arms trade'."""
    words = topic.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def claim_views(checked: Checked, sources: dict[str, Source]) -> dict[str, ClaimView]:
    """Build a view of every claim, with its citations and figure."""
    views = {}
    for item in checked.content.claims:
        c = item.model
        citations = [
            Citation(sources[ev.source], ev.quote, f"q-{c.id}-{i}")
            for i, ev in enumerate(c.evidence)
        ]
        date = DateKey.parse(c.date) if c.date else None
        views[c.id] = ClaimView(
            c, item.file.name, citations, topic_path(c.topic), date, interval_of(c), figure_text(c)
        )
    return views


def passages(source_id: str, text: IndexedText, claims: list[ClaimView]) -> list[Passage]:
    """Locate every quoted passage of one source in its text."""
    found = []
    for view in claims:
        for citation in view.citations:
            if citation.source.id != source_id:
                continue
            where = text.find(citation.quote)
            if where is not None:
                found.append(Passage(where[0], where[1], citation.anchor, view.id))
    return sorted(found, key=lambda p: (p.start, p.end, p.anchor))


def source_views(checked: Checked, claims: dict[str, ClaimView]) -> dict[str, SourceView]:
    """Build a view of every source with its passages and citing claims."""
    citing: dict[str, list[ClaimView]] = defaultdict(list)
    for view in claims.values():
        for source_id in dict.fromkeys(c.source.id for c in view.citations):
            citing[source_id].append(view)
    views = {}
    for item in checked.content.sources:
        s = item.model
        text = checked.articles[s.id]
        views[s.id] = SourceView(
            s, text.text, passages(s.id, text, citing[s.id]), citing[s.id], source_path(s.id)
        )
    return views


def rank_rows(rows: list[ClaimView]) -> list[ClaimView]:
    """Current figures first, then by size, then by claimant."""

    def key(v: ClaimView) -> tuple[bool, float, str, str]:
        size = v.interval.low if v.interval else 0.0
        return (not v.current, size, v.claim.claimant, v.id)

    return sorted(rows, key=key)


def measure_view(measure: Measure, rows: list[ClaimView]) -> MeasureView:
    """Side-by-side figures of one measure and their spread across claimants."""
    counted = [r for r in rows if r.claim.status not in NOT_COUNTED and r.interval]
    stated = [x for r in counted for x in stated_numbers(r.claim)]
    claimants = len({r.claim.claimant for r in counted})
    low, high = (min(stated), max(stated)) if stated else (None, None)
    return MeasureView(measure, rank_rows(rows), low, high, claimants)


def stated_numbers(claim: Claim) -> list[float]:
    """The numbers a claim actually states (not the open ends of its interval)."""
    return [float(x) for x in (claim.value, claim.low, claim.high) if x is not None]


def measure_views(checked: Checked, claims: dict[str, ClaimView]) -> list[MeasureView]:
    """One view per measure, in the order of measures.yml."""
    by_measure: dict[str, list[ClaimView]] = defaultdict(list)
    for view in claims.values():
        if view.claim.measure:
            by_measure[view.claim.measure].append(view)
    return [measure_view(m.model, by_measure[m.model.id]) for m in checked.content.measures]


def page_views(briefing: Briefing) -> list[PageView]:
    """The page list from briefing.yml, or the default set, with unique paths."""
    specs = briefing.pages if briefing.pages else list(DEFAULT_PAGES)
    used: set[str] = set()
    pages = []
    for spec in specs:
        base = spec.slug or {"overview": "index", "sources": "sources/index"}.get(
            spec.kind, spec.kind
        )
        path, n = f"{base}.md", 2
        while path in used:
            path, n = f"{base}-{n}.md", n + 1
        used.add(path)
        title = spec.title or DEFAULT_TITLES[spec.kind]
        pages.append(PageView(spec.kind, title, path, spec.topics, spec.measures))
    return pages


def analyse(checked: Checked) -> BriefingView:
    """Compute the reader's view of a checked briefing."""
    content = checked.content
    assert content.briefing is not None  # check() refuses a briefing without one
    sources = {s.model.id: s.model for s in content.sources}
    claims = claim_views(checked, sources)
    topics: dict[str, list[ClaimView]] = defaultdict(list)
    for view in claims.values():
        topics[view.claim.topic].append(view)
    questions = [
        QuestionView(q.model, [claims[c] for c in q.model.claims], q.file.name)
        for q in content.questions
    ]
    return BriefingView(
        briefing=content.briefing.model,
        briefing_file=content.briefing.file.name,
        claims=claims,
        sources=source_views(checked, claims),
        measures=measure_views(checked, claims),
        topics=dict(sorted(topics.items())),
        questions=questions,
        pages=page_views(content.briefing.model),
        claimants=sorted({v.claim.claimant for v in claims.values()}),
    )
