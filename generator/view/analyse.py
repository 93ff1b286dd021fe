"""Checked content -> the briefing as readers see it: figures, groups, passages, pages.

Pure functions over validated models; no I/O. Each rule is one small function.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from functools import partial
from typing import TypeVar

from generator.content.check import Checked
from generator.content.models import Briefing, PageSpec, Source
from generator.content.quotes import IndexedText
from generator.speed.reuse import NO_MEMO, NO_REUSE, Memo, Reuse
from generator.view.claimview import Citation, ClaimView
from generator.view.dates import DateKey
from generator.view.figures import analyse_figures
from generator.view.intervals import figure_text, interval_of
from generator.view.labels import DEFAULT_TITLES, source_labels
from generator.view.notes import attach_note_refs
from generator.view.paths import source_path, topic_path
from generator.view.views import (
    BriefingView,
    MeasureView,
    PageView,
    Part,
    Passage,
    QuestionView,
    RowPart,
    SourcePart,
    SourceView,
    claims_of,
    measures_of,
    timeline_key,
)

T = TypeVar("T")
DEFAULT_PAGES = tuple(PageSpec.model_validate({"kind": k}) for k in DEFAULT_TITLES)


def period_slug(date: DateKey | None) -> str:
    """A period's file name: '2025-03', '2025' for a year, 'undated'."""
    if date is None:
        return "undated"
    return str(date.year) if date.month is None else f"{date.year}-{date.month:02d}"


def split_by_period(base: str, claims: list[ClaimView], size: int) -> list[Part]:
    """Split a long list of claims in date order into one part per period (see periods)."""
    return [Part(*found) for found in periods(base, claims, lambda c: c.date, size)]


def split_sources(page: PageView, sources: list[SourceView], size: int) -> list[SourcePart]:
    """Split a long list of sources into one part per period of publication (see periods)."""
    folder = page.path.removesuffix(".md").removesuffix("/index")
    dated = sorted(sources, key=lambda s: (published(s).sort_key(), s.source.id))
    return [SourcePart(*found) for found in periods(f"{folder}/published", dated, published, size)]


def published(source: SourceView) -> DateKey:
    """When a source was published."""
    return DateKey.parse(str(source.source.published))


def periods(
    base: str, items: list[T], date_of: Callable[[T], DateKey | None], size: int
) -> list[tuple[str, str, list[T]]]:
    """Split a long list in date order into one part per period; none when it fits one page.

    A period with more than `size` items is cut into numbered pieces. Periods keep
    parts stable: an edit changes only the parts of the periods it touches.
    """
    if len(items) <= size:
        return []
    found: dict[str, tuple[str, list[T]]] = {}
    for item in items:
        date = date_of(item)
        title = date.period() if date else "Undated"
        found.setdefault(period_slug(date), (title, []))[1].append(item)
    parts = []
    for slug, (title, members) in found.items():
        pieces = range(0, len(members), size)
        for n, start in enumerate(pieces):
            name = f"{slug}-{n + 1}" if n else slug
            label = f"{title}, part {n + 1}" if len(pieces) > 1 else title
            parts.append((label, f"{base}/{name}.md", members[start : start + size]))
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


def claim_views(
    checked: Checked, sources: dict[str, Source], labels: dict[str, str]
) -> dict[str, ClaimView]:
    """Build a view of every claim, with its citations and figure."""
    views = {}
    for item in checked.content.claims:
        c = item.model
        citations = [
            Citation(sources[ev.source], ev.quote, f"q-{c.id}-{i}", labels[ev.source])
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
    checked: Checked, claims: dict[str, ClaimView], labels: dict[str, str], memo: Memo = NO_MEMO
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
        views[s.id] = SourceView(s, text.text, found, cites, source_path(s.id), labels[s.id])
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
    models = {s.model.id: s.model for s in content.sources}
    labels = source_labels(list(models.values()))
    claims = claim_views(checked, models, labels)
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
    shown_sources = source_views(checked, claims, labels, reuse.passages)
    for page in pages:
        if page.kind == "timeline":
            dated = [c for c in claims_of(claims, page) if c.date]
            page.parts = split_by_period(page.path[:-3], sorted(dated, key=timeline_key), size)
        elif page.kind == "reactions":
            acting = [c for c in claims_of(claims, page) if c.claim.actor]
            page.parts = split_by_period(page.path[:-3], sorted(acting, key=timeline_key), size)
        elif page.kind == "sources":
            page.source_parts = split_sources(page, list(shown_sources.values()), size)
        elif page.kind == "estimates":
            page.figure_pages = figure_pages(page, measures, size)
            page.figure_parts = figure_parts(page.figure_pages, measures, size)
    attach_note_refs(claims, shown_sources, questions)
    return BriefingView(
        briefing=content.briefing.model,
        briefing_file=content.briefing.file.name,
        claims=claims,
        sources=shown_sources,
        measures=measures,
        topics=dict(sorted(topics.items())),
        questions=questions,
        pages=pages,
        claimants=sorted({v.claim.claimant for v in claims.values()}),
        topic_parts=topic_parts,
    )
