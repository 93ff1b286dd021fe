"""Checked content -> the briefing as readers see it: figures, groups, passages, pages.

Pure functions over validated models; no I/O. Each rule is one small function.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial

from generator.content.check import Checked
from generator.content.models import Briefing, PageSpec, Question, Source
from generator.content.quotes import IndexedText
from generator.speed.reuse import NO_MEMO, NO_REUSE, Memo, Reuse
from generator.view.claimview import Citation, ClaimView
from generator.view.dates import DateKey
from generator.view.figures import FigureRow, MeasureFigures, analyse_figures
from generator.view.intervals import figure_text, interval_of

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
    "gaps": "What we don't know",
    "sources": "Sources",
}
DEFAULT_PAGES = tuple(PageSpec.model_validate({"kind": k}) for k in DEFAULT_TITLES)


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


@dataclass
class Part:
    """One page of a list too long for a single page: its claims of one period."""

    title: str
    path: str
    claims: list[ClaimView]


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

    kind: str
    title: str
    path: str
    topics: list[str] | None = None
    measures: list[str] | None = None
    parts: list[Part] = field(default_factory=list)
    figure_pages: dict[str, str] = field(default_factory=dict)  # measure id -> its own page
    figure_parts: dict[str, list[RowPart]] = field(default_factory=dict)  # of a long table


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

    def claim_pages(self) -> dict[str, list[ClaimView]]:
        """The pages that hold claims in full (a topic's page, or each of its parts)."""
        pages: dict[str, list[ClaimView]] = {}
        for topic, claims in self.topics.items():
            parts = self.topic_parts.get(topic) or [Part("", topic_path(topic), claims)]
            pages.update((part.path, part.claims) for part in parts)
        return pages

    def part_paths(self) -> set[str]:
        """The pages a long list was split into; the list's own page links them all."""
        parts = [*self.topic_parts.values(), *(p.parts for p in self.pages)]
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
        """Measures that have at least one current figure."""
        return [m for m in self.measures if m.spread.low is not None]

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


def period_slug(date: DateKey | None) -> str:
    """A period's file name: '2025-03', '2025' for a year, 'undated'."""
    if date is None:
        return "undated"
    return str(date.year) if date.month is None else f"{date.year}-{date.month:02d}"


def split_by_period(base: str, claims: list[ClaimView], size: int) -> list[Part]:
    """Split a long list in date order into one part per period; none when it fits one page.

    A period with more than `size` claims is cut into numbered pieces. Periods keep
    parts stable: an edit changes only the parts of the periods it touches.
    """
    if len(claims) <= size:
        return []
    periods: dict[str, tuple[str, list[ClaimView]]] = {}
    for c in claims:
        title = c.date.period() if c.date else "Undated"
        periods.setdefault(period_slug(c.date), (title, []))[1].append(c)
    parts = []
    for slug, (title, members) in periods.items():
        pieces = range(0, len(members), size)
        for n, start in enumerate(pieces):
            name = f"{slug}-{n + 1}" if n else slug
            label = f"{title}, part {n + 1}" if len(pieces) > 1 else title
            parts.append(Part(label, f"{base}/{name}.md", members[start : start + size]))
    return parts


def figure_pages(page: PageView, measures: list[MeasureView], size: int) -> dict[str, str]:
    """Give each measure's chart and table a page of its own when together they are long."""
    shown = [m for m in measures_of(measures, page) if m.rows]
    if sum(len(m.rows) for m in shown) <= size:
        return {}
    return {m.measure.id: f"{page.path[:-3]}/{m.anchor}.md" for m in shown}


def figure_parts(
    pages: dict[str, str], measures: list[MeasureView], size: int
) -> dict[str, list[RowPart]]:
    """Cut the table of a measure on a page of its own into pages of `size` rows, if longer."""
    parts: dict[str, list[RowPart]] = {}
    for m in measures:
        path, count = pages.get(m.measure.id), len(m.rows)
        if path is None or count <= size:
            continue
        parts[m.measure.id] = [
            RowPart(
                f"Figures {start + 1}–{min(start + size, count)}",
                f"{path[:-3]}/{n + 1}.md",
                m.rows[start : start + size],
                start,
            )
            for n, start in enumerate(range(0, count, size))
        ]
    return parts


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


def source_views(
    checked: Checked, claims: dict[str, ClaimView], memo: Memo = NO_MEMO
) -> dict[str, SourceView]:
    """Build a view of every source with its passages and citing claims.

    With a memo, passages are looked up again only in a text, or for quotes, that changed.
    """
    citing: dict[str, list[ClaimView]] = defaultdict(list)
    for view in claims.values():
        for source_id in dict.fromkeys(c.source.id for c in view.citations):
            citing[source_id].append(view)
    views = {}
    for item in checked.content.sources:
        s = item.model
        text, cites = checked.articles[s.id], citing[s.id]
        quotes = [
            (c.id, q.quote, q.anchor) for c in cites for q in c.citations if q.source.id == s.id
        ]
        found = memo.made(s.id, (text, quotes), partial(passages, s.id, text, cites))
        views[s.id] = SourceView(s, text.text, found, cites, source_path(s.id))
    return views


def measure_views(checked: Checked, claims: dict[str, ClaimView]) -> list[MeasureView]:
    """Figures of every measure, in the order of measures.yml."""
    measures = [m.model for m in checked.content.measures]
    return analyse_figures(measures, claims.values())


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


def analyse(checked: Checked, reuse: Reuse = NO_REUSE) -> BriefingView:
    """Compute the reader's view of a checked briefing (`reuse`: see generator.speed.reuse)."""
    content = checked.content
    assert content.briefing is not None  # check() refuses a briefing without one
    sources = {s.model.id: s.model for s in content.sources}
    claims = claim_views(checked, sources)
    topics: dict[str, list[ClaimView]] = defaultdict(list)
    for view in sorted(claims.values(), key=timeline_key):
        topics[view.claim.topic].append(view)
    questions = [
        QuestionView(q.model, [claims[c] for c in q.model.claims], q.file.name)
        for q in content.questions
    ]
    size = content.briefing.model.claims_per_page
    topic_parts = {t: split_by_period(topic_path(t)[:-3], cs, size) for t, cs in topics.items()}
    for part in (p for parts in topic_parts.values() for p in parts):
        for view in part.claims:
            view.home = part.path
    pages = page_views(content.briefing.model)
    measures = measure_views(checked, claims)
    for page in pages:
        if page.kind == "timeline":
            dated = [c for c in claims_of(claims, page) if c.date]
            page.parts = split_by_period(page.path[:-3], sorted(dated, key=timeline_key), size)
        elif page.kind == "estimates":
            page.figure_pages = figure_pages(page, measures, size)
            page.figure_parts = figure_parts(page.figure_pages, measures, size)
    return BriefingView(
        briefing=content.briefing.model,
        briefing_file=content.briefing.file.name,
        claims=claims,
        sources=source_views(checked, claims, reuse.passages),
        measures=measures,
        topics=dict(sorted(topics.items())),
        questions=questions,
        pages=pages,
        claimants=sorted({v.claim.claimant for v in claims.values()}),
        topic_parts=topic_parts,
    )


def claims_of(claims: dict[str, ClaimView], page: PageView) -> list[ClaimView]:
    """The claims a page shows, after its topic filter."""
    return [c for c in claims.values() if page.topics is None or c.claim.topic in page.topics]


def measures_of(measures: list[MeasureView], page: PageView) -> list[MeasureView]:
    """The measures a figures page shows, after its measure filter."""
    return [m for m in measures if page.measures is None or m.measure.id in page.measures]
