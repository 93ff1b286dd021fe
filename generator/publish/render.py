"""The briefing view -> {page path: Markdown}, through Jinja2 templates; no I/O.

Every value a template prints is escaped for Markdown unless a helper here
built it as markup (markupsafe.Markup), so content can never become markup,
even when a template forgets a filter. Content is data, never template source.
"""

from __future__ import annotations

import functools
import html
import itertools
import posixpath
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from generator.content.models import LIKELIHOODS
from generator.publish import escape
from generator.publish.chart import chart_svg
from generator.resources import TEMPLATES
from generator.speed.reuse import NO_MEMO, Memo
from generator.view.claimview import ClaimView
from generator.view.dates import DateKey
from generator.view.figures import FigureRow, MeasureFigures, but_claims
from generator.view.labels import CREDIBILITY, RELIABILITY, STATUSES, topic_title
from generator.view.paths import topic_path
from generator.view.views import BriefingView, PageView, Part, RowPart, SourceView, claims_of


def finalize(value: Any) -> Any:
    """Escape whatever a template prints, unless a helper marked it as markup."""
    if isinstance(value, Markup):
        return value
    return escaped(str(value))


@functools.lru_cache(maxsize=65536)
def escaped(text: str) -> Markup:
    """Text escaped for Markdown (cached: names, grades and dates repeat on every claim)."""
    return Markup(escape.literal(text))


def make_environment(templates: Path = TEMPLATES) -> Environment:
    """A Jinja environment that loads only the project's templates."""
    env = Environment(
        loader=FileSystemLoader(str(templates)),
        undefined=StrictUndefined,
        finalize=finalize,
        keep_trailing_newline=True,
        auto_reload=False,  # one environment per build; includes then skip a stat() each
        comment_start_string="{##",  # '{#' starts Markdown attribute lists such as {#claim-x}
        comment_end_string="##}",
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["inline"] = lambda text: Markup(escape.inline(text))
    env.filters["md"] = lambda text: Markup(escape.md(text))
    return env


@functools.lru_cache(maxsize=65536)
def relative_path(from_dir: str, to_page: str) -> str:
    """The relative path from a folder of the generated tree to a page in it (cached).

    Both are plain relative paths without '.' or '..' parts, so no file system
    lookup is needed (posixpath.relpath makes both absolute first).
    """
    here = from_dir.split("/") if from_dir else []
    there = to_page.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def passage_html(view: SourceView) -> Markup:
    """The article text, escaped, one paragraph per line, quoted passages marked."""
    bounds = sorted(
        {0, len(view.text), *(p.start for p in view.passages), *(p.end for p in view.passages)}
    )
    starts = defaultdict(list)
    for p in view.passages:
        starts[p.start].append(p)
    out = ['<div class="bf-article">\n<p>']
    for a, b in itertools.pairwise(bounds):
        for p in starts.get(a, []):
            out.append(f'<span class="bf-anchor" id="{p.anchor}"></span>')
        covering = [p for p in view.passages if p.start <= a and b <= p.end]
        segment = html.escape(view.text[a:b]).replace("\r\n", "\n")
        pieces = segment.split("\n")
        if covering:
            cls = " ".join(f"bf-{p.anchor}" for p in covering)
            pieces = [
                f'<mark class="bf-quote {cls}">{x}</mark>' if x.strip() else x for x in pieces
            ]
        out.append("</p>\n<p>".join(pieces))
    out.append("</p>\n</div>")
    body = "".join(out).replace("<p></p>\n", "")
    return Markup(body)


class Links:
    """Build links and cross-references for one page."""

    def __init__(self, view: BriefingView, page: str) -> None:
        self.view = view
        self.page = page
        self.folder = posixpath.dirname(page)

    def target(self, to_page: str, anchor: str = "") -> str:
        """A link target from this page to another (to itself: just the anchor)."""
        path = "" if to_page == self.page else relative_path(self.folder, to_page)
        return f"{path}#{anchor}" if anchor else path

    def claim(self, claim: ClaimView, text: str | None = None) -> Markup:
        """A link to a claim on its home page."""
        label = escape.md(text if text is not None else claim.claim.claimant)
        return Markup(f"[{label}]({self.target(claim.home, claim.anchor)})")

    def claim_id(self, claim_id: str) -> Markup:
        """A link to a claim by id, labelled with its claimant and figure."""
        claim = self.view.claims[claim_id]
        text = claim.claim.claimant + (f": {claim.figure}" if claim.figure else "")
        return self.claim(claim, text)

    def citation(self, claim: ClaimView, index: int) -> Markup:
        """A link to the highlighted passage behind one citation."""
        c = claim.citations[index]
        target = self.target(self.view.sources[c.source.id].path, c.anchor)
        return Markup(f"[{escape.md(c.source.publisher)}]({target})")

    def citations(self, claim: ClaimView) -> Markup:
        """Every citation of a claim; further passages of one source are numbered."""
        seen: dict[str, int] = {}
        parts = []
        for i, c in enumerate(claim.citations):
            seen[c.source.id] = seen.get(c.source.id, 0) + 1
            if seen[c.source.id] == 1:
                parts.append(self.citation(claim, i))
            else:
                target = self.target(self.view.sources[c.source.id].path, c.anchor)
                parts.append(Markup(f"[passage {seen[c.source.id]}]({target})"))
        return Markup(", ".join(parts))

    def row_claimant(self, row: FigureRow) -> Markup:
        """The claimant of a figure, linked to its claim or, when derived, to its parts."""
        if not row.derived:
            return self.claim(row.claims[0])
        parts = " + ".join(self.claim(c, c.figure) for c in row.claims)
        return Markup(f"{escape.md(row.claimant)} (derived: {parts})")

    def row_citations(self, row: FigureRow) -> Markup:
        """The citations behind a figure, all parts included."""
        return Markup("; ".join(self.citations(c) for c in row.claims))

    def source(self, source_id: str) -> Markup:
        """A link to a source page, labelled with its title."""
        s = self.view.sources[source_id]
        return Markup(f"[{escape.md(s.source.title)}]({self.target(s.path)})")

    def page_of(self, kind: str, anchor: str = "") -> Markup:
        """A link target to the first page of a kind (paths and anchors are slugs)."""
        page = self.view.page_of(kind)
        return Markup(self.target(page.path, anchor) if page else "")

    def to(self, path: str, anchor: str = "") -> Markup:
        """A link target to any generated page (paths and anchors are slugs)."""
        return Markup(self.target(path, anchor))


def anchor(ident: str) -> Markup:
    """An attribute list giving a heading its id; ids are slugs by construction."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", ident):
        raise ValueError(f"not a slug: {ident!r}")
    return Markup("{#" + ident + "}")


def external_link(url: str) -> Markup:
    """A link to an original article; the URL was checked to be http(s)."""
    return Markup(
        f'<a href="{html.escape(url, quote=True)}" rel="nofollow noopener">{html.escape(url)}</a>'
    )


def context(view: BriefingView, page: PageView | None, path: str, **extra: Any) -> dict[str, Any]:
    """The variables every template sees."""
    helpers: dict[str, Callable[..., Any]] = {
        "chart": lambda m, i: Markup(chart_svg(m, f"chart-{i}")),
        # A measure whose table is cut into pages charts each claimant's current figure.
        "current_chart": lambda m, i: Markup(
            chart_svg(m, f"chart-{i}", current_at_most=view.briefing.claims_per_page)
        ),
        "passage_html": passage_html,
        "external_link": external_link,
        "anchor": anchor,
        "topic_title": topic_title,
        "topic_path": topic_path,
        "date_label": lambda text: DateKey.parse(text).label(),
        "count_of": lambda parts: sum(len(p.claims) for p in parts),
    }
    return {
        "v": view,
        "b": view.briefing,
        "page": page,
        "path": path,
        "links": Links(view, path),
        "as_of": DateKey.parse(view.briefing.as_of),
        "likelihoods": LIKELIHOODS,
        "reliability": RELIABILITY,
        "credibility": CREDIBILITY,
        "statuses": STATUSES,
        **helpers,
        **extra,
    }


def render_pages(
    view: BriefingView, env: Environment | None = None, memo: Memo = NO_MEMO
) -> dict[str, str]:
    """Render every page of the briefing: {path: Markdown}.

    With a memo (kept between builds by a long-running process), a page whose
    inputs equal those of the last build keeps the Markdown it had.
    """
    env = env or make_environment()
    pages = {
        **listed_pages(view, env, memo),
        **topic_pages(view, env, memo),
        **source_pages(view, env, memo),
    }
    return dict(sorted(pages.items()))


def listed_pages(view: BriefingView, env: Environment, memo: Memo = NO_MEMO) -> dict[str, str]:
    """The pages briefing.yml lists, with their parts and measure pages, and methodology."""
    out = Renderer(view, env, memo)
    for page in view.pages:
        out.briefing_page(page)
    out.page("methodology.md", "methodology.md.j2", None, None)
    return out.pages


def topic_pages(view: BriefingView, env: Environment, memo: Memo = NO_MEMO) -> dict[str, str]:
    """One page per topic, with the claims in full (or one page per period of them)."""
    out = Renderer(view, env, memo)
    for topic, claims in view.topics.items():
        out.topic(topic, claims, view.topic_parts.get(topic, []))
    return out.pages


def source_pages(view: BriefingView, env: Environment, memo: Memo = NO_MEMO) -> dict[str, str]:
    """One page per source: its details, the claims citing it, its text."""
    out = Renderer(view, env, memo)
    for source in view.sources.values():
        out.source(source)
    return out.pages


@dataclass
class Renderer:
    """Render pages into a dict, taking unchanged pages from a memo when there is one."""

    view: BriefingView
    env: Environment
    memo: Memo
    pages: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # What every memoised page may read besides its own inputs: the templates,
        # and the page list (links to the first page of a kind).
        self.shared = (self.env, [(p.kind, p.path, p.title) for p in self.view.pages])
        self.measures = {m.measure.id: m.measure for m in self.view.measures}
        self.figures: dict[str, FigureInputs] = {}

    def figure_inputs(self, m: MeasureFigures) -> FigureInputs:
        """What a measure's figures show, gathered once per build."""
        if m.measure.id not in self.figures:
            self.figures[m.measure.id] = figure_inputs(m)
        return self.figures[m.measure.id]

    def page(
        self,
        path: str,
        template: str,
        page: PageView | None,
        inputs: Callable[[], tuple[Any, ...]] | None,
        **extra: Any,
    ) -> None:
        """Render one page; `inputs` gives everything it shows (None: always render).

        Inputs are gathered only when there is a memo to compare them with.
        """

        def render() -> str:
            text = self.env.get_template(template).render(context(self.view, page, path, **extra))
            return tidy(text)

        if inputs is None or not self.memo.keeps:
            self.pages[path] = render()
            return
        self.pages[path] = self.memo.made(path, (self.shared, template, inputs()), render)

    def part_inputs(self, m: MeasureFigures, part: RowPart) -> list[tuple[Any, ...]]:
        """What one part of a measure's table shows: its slice of the measure's row inputs."""
        return self.figure_inputs(m).rows[part.start : part.start + len(part.rows)]

    def claim_inputs(self, claims: list[ClaimView]) -> tuple[Any, ...]:
        """What showing claims in full reads: the claims, claims they link, measure names."""
        linked = [self.view.claims[c.claim.superseded_by] for c in claims if c.claim.superseded_by]
        measures = [self.measures[c.claim.measure] for c in claims if c.claim.measure]
        return (claims, linked, measures)

    def briefing_page(self, page: PageView) -> None:
        """A page listed in briefing.yml, and the parts of a split timeline or figures page."""
        template = f"{page.kind}.md.j2"
        claims = claims_of(self.view.claims, page)
        summary = [(p.title, p.path, len(p.claims)) for p in page.parts]

        def shown() -> tuple[Any, ...]:
            if page.kind == "timeline":
                return (page.title, summary, None if page.parts else claims)
            return (page_fields(page), [self.figure_inputs(m) for m in self.view.measures])

        inputs = shown if page.kind in ("timeline", "estimates") else None
        self.page(page.path, template, page, inputs, claims=claims, parts=page.parts, part=None)
        for part in page.parts:
            self.timeline_part(page, part, summary)
        for m in self.view.shown_measures(page):
            if m.measure.id in page.figure_pages:
                self.measure_page(page, m)

    def timeline_part(self, page: PageView, part: Part, summary: list[Any]) -> None:
        """One period of a split timeline."""
        self.page(
            part.path,
            f"{page.kind}.md.j2",
            page,
            lambda: (page.title, part.title, summary, part.claims),
            claims=part.claims,
            parts=page.parts,
            part=part,
        )

    def measure_page(self, page: PageView, m: MeasureFigures) -> None:
        """The chart and table of one measure on a page of their own; a table too long for
        one page is cut into parts, which the measure's page lists."""
        path = page.figure_pages[m.measure.id]
        parts = page.figure_parts.get(m.measure.id, [])
        summary = [(p.title, p.path, len(p.rows)) for p in parts]
        self.page(
            path,
            "measure.md.j2",
            page,
            lambda: (self.figure_inputs(m), summary),
            m=m,
            parts=parts,
            part=None,
        )
        for part in parts:
            self.measure_part(page, m, parts, part, summary)

    def measure_part(
        self,
        page: PageView,
        m: MeasureFigures,
        parts: list[RowPart],
        part: RowPart,
        summary: list[Any],
    ) -> None:
        """One run of the rows of a measure's table, cut into pages."""
        self.page(
            part.path,
            "measure.md.j2",
            page,
            lambda: (m.measure, page.figure_pages, summary, part.title, self.part_inputs(m, part)),
            m=m,
            parts=parts,
            part=part,
        )

    def topic(self, topic: str, claims: list[ClaimView], parts: list[Part]) -> None:
        """A topic's page, and the parts of a split topic."""
        summary = [(p.title, p.path, len(p.claims)) for p in parts]
        self.page(
            topic_path(topic),
            "topic.md.j2",
            None,
            lambda: (summary, self.claim_inputs(claims) if not parts else len(claims)),
            topic=topic,
            claims=claims,
            parts=parts,
            part=None,
        )
        for part in parts:
            self.topic_part(topic, part, parts, summary)

    def topic_part(self, topic: str, part: Part, parts: list[Part], summary: list[Any]) -> None:
        """One period of a split topic."""
        self.page(
            part.path,
            "topic.md.j2",
            None,
            lambda: (part.title, summary, self.claim_inputs(part.claims)),
            topic=topic,
            claims=part.claims,
            parts=parts,
            part=part,
        )

    def source(self, source: SourceView) -> None:
        """A source's page: its details, the claims citing it, its text."""
        self.page(source.path, "source.md.j2", None, lambda: (source,), s=source)


class FigureInputs(NamedTuple):
    """What the figures of a measure show: every field of its rows and discrepancies, and
    of each claim behind them what a figure links (not its statement or note)."""

    measure: Any
    spread: Any
    rows: list[tuple[Any, ...]]
    discrepancies: list[tuple[Any, ...]]


def figure_inputs(m: MeasureFigures) -> FigureInputs:
    """Gather a measure's FigureInputs."""
    found = [(but_claims(d), [linked(c) for c in d.claims]) for d in m.discrepancies]
    return FigureInputs(m.measure, m.spread, row_inputs(m.rows), found)


def page_fields(page: PageView) -> tuple[Any, ...]:
    """A listed page's own fields; of its parts, only where they are (figure_inputs and
    claim inputs cover what the parts hold)."""
    figure_parts = {
        m: [(p.title, p.path, p.start) for p in ps] for m, ps in page.figure_parts.items()
    }
    parts = [(p.title, p.path, len(p.claims)) for p in page.parts]
    return (
        page.kind,
        page.title,
        page.path,
        page.topics,
        page.measures,
        page.figure_pages,
        figure_parts,
        parts,
    )


def row_inputs(rows: list[FigureRow]) -> list[tuple[Any, ...]]:
    """What rows of a figures table show: their fields, and what they link of their claims."""
    return [(but_claims(r), [linked(c) for c in r.claims]) for r in rows]


def linked(c: ClaimView) -> tuple[Any, ...]:
    """What a link to a claim and its citations shows."""
    return (c.claim.claimant, c.figure, c.home, c.anchor, c.citations)


def tidy(markdown: str) -> str:
    """Collapse runs of blank lines left by template logic; end with one newline."""
    return re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"
