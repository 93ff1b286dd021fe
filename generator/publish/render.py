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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from generator.content.models import LIKELIHOODS
from generator.content.numbers import CONVENTION, number
from generator.publish import escape
from generator.publish.chart import chart_svg
from generator.publish.inputs import Inputs, ignored_fields
from generator.publish.reads import (
    Projections,
    Projector,
    rendered_every_build,
    template_reads,
)
from generator.resources import TEMPLATES
from generator.speed.reuse import NO_MEMO, Memo
from generator.view.claimview import ClaimView, NoteRef
from generator.view.dates import DateKey
from generator.view.figures import FigureRow, MeasureFigures
from generator.view.labels import CREDIBILITY, RELIABILITY, STATUSES, topic_title
from generator.view.paragraphs import unwrap
from generator.view.paths import topic_path
from generator.view.views import BriefingView, PageView, Part, SourceView, claims_of


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
    """The article text, escaped, quoted passages marked: one paragraph per line, the
    lines of a hard-wrapped text joined into their paragraphs first (view/paragraphs.py)."""
    text = unwrap(view.text)
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
        segment = html.escape(text[a:b]).replace("\r\n", "\n")
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

    def link(self, label: str, target: str) -> Markup:
        """A link written as Markdown; `label` is escaped already, `target` a generated path."""
        return Markup(f"[{label}]({target})")

    def claim(self, claim: ClaimView, text: str | None = None) -> Markup:
        """A link to a claim on its home page."""
        label = escape.md(text if text is not None else claim.claimant_label)
        return self.link(label, self.target(claim.home, claim.anchor))

    def claim_id(self, claim_id: str) -> Markup:
        """A link to a claim by id, labelled with its claimant and figure."""
        claim = self.view.claims[claim_id]
        text = claim.claimant_label + (f": {claim.figure}" if claim.figure else "")
        return self.claim(claim, text)

    def citation(self, claim: ClaimView, index: int) -> Markup:
        """A link to the highlighted passage behind one citation."""
        c = claim.citations[index]
        target = self.target(self.view.sources[c.source.id].path, c.anchor)
        return self.link(escape.md(c.label), target)

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
                parts.append(self.link(f"passage {seen[c.source.id]}", target))
        return Markup(", ".join(parts))

    def row_claimant(self, row: FigureRow) -> Markup:
        """The claimant of a figure, linked to its claim or, when derived, to its parts."""
        if not row.derived:
            return self.claim(row.claims[0])
        parts = " + ".join(self.claim(c, c.figure) for c in row.claims)
        return Markup(f"{escape.md(row.claimant_label)} (derived: {parts})")

    def row_citations(self, row: FigureRow) -> Markup:
        """The citations behind a figure, all parts included."""
        return Markup("; ".join(self.citations(c) for c in row.claims))

    def source(self, source_id: str) -> Markup:
        """A link to a source page, labelled with its title."""
        s = self.view.sources[source_id]
        return self.link(escape.md(s.source.title), self.target(s.path))

    def source_label(self, source_id: str) -> Markup:
        """A link to a source page, labelled as its citations are (publisher, date...)."""
        s = self.view.sources[source_id]
        return self.link(escape.md(s.label), self.target(s.path))

    def note(self, text: str, refs: Sequence[NoteRef]) -> Markup:
        """An editor's note, its `[id]`s linked, saying the claim's statement or the
        source's label (escaped like every other text)."""
        links = {r.id: self.link(escape.md(r.text), self.target(r.path, r.anchor)) for r in refs}
        return Markup(escape.inline(text, links))

    def page_of(self, kind: str, anchor: str = "") -> Markup:
        """A link target to the first page of a kind (paths and anchors are slugs)."""
        page = self.view.page_of(kind)
        return Markup(self.target(page.path, anchor) if page else "")

    def to(self, path: str, anchor: str = "") -> Markup:
        """A link target to any generated page (paths and anchors are slugs)."""
        return Markup(self.target(path, anchor))


class HtmlLinks(Links):
    """Links written as HTML, for the parts of a page rendered as HTML blocks.

    Their targets are generated `.md` paths, as in Markdown links: the site engine's
    adapter (site/htmlblocks.py) or `briefing build` turns them into the page's URLs.
    """

    def link(self, label: str, target: str) -> Markup:
        """A link written as HTML; `label` is escaped already, `target` a generated path."""
        return Markup(f'<a href="{html.escape(target, quote=True)}">{label}</a>')


def anchor(ident: str) -> Markup:
    """An attribute list giving a heading its id; ids are slugs by construction."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", ident):
        raise ValueError(f"not a slug: {ident!r}")
    return Markup("{#" + ident + "}")


def cell_label(text: str) -> Markup:
    """A table cell's column name, shown only where a narrow screen stacks rows as cards
    (the stylesheet hides it elsewhere); kept out of the search index."""
    return Markup(f'<span class="bf-cell-label" data-search-exclude>{escape.md(text)}</span> ')


def external_link(url: str) -> Markup:
    """A link to an original article; the URL was checked to be http(s)."""
    return Markup(
        f'<a href="{html.escape(url, quote=True)}" rel="nofollow noopener">{html.escape(url)}</a>'
    )


def roots(view: BriefingView, page: PageView | None, path: str, **extra: Any) -> dict[str, Any]:
    """The data a page's template reads: the view, its settings, the page, and its own."""
    return {
        "v": view,
        "b": view.briefing,
        "page": page,
        "path": path,
        "as_of": DateKey.parse(view.briefing.as_of),
        **extra,
    }


def context(data: dict[str, Any]) -> dict[str, Any]:
    """The variables every template sees: its data, and helpers and labels over it."""
    view: BriefingView = data["v"]
    helpers: dict[str, Callable[..., Any]] = {
        "chart": lambda m, i: Markup(chart_svg(m, f"chart-{i}")),
        # A measure whose table is cut into pages charts each claimant's current figure.
        "current_chart": lambda m, i: Markup(
            chart_svg(m, f"chart-{i}", current_at_most=view.briefing.claims_per_page)
        ),
        "passage_html": passage_html,
        "external_link": external_link,
        "cell_label": cell_label,
        "anchor": anchor,
        "topic_title": topic_title,
        "topic_path": topic_path,
        "date_label": lambda text: DateKey.parse(text).label(),
        "count_of": lambda parts: sum(len(p.claims) for p in parts),
    }
    return {
        **data,
        "links": Links(view, data["path"]),
        "html_links": HtmlLinks(view, data["path"]),
        "likelihoods": LIKELIHOODS,
        "reliability": RELIABILITY,
        "credibility": CREDIBILITY,
        "statuses": STATUSES,
        "vague_words": VAGUE_WORDS,
        **helpers,
    }


# The convention for vague words, as the methodology page lists it.
VAGUE_WORDS = [(words, number(low), number(high)) for words, (low, high) in CONVENTION.items()]


def render_pages(
    view: BriefingView,
    env: Environment | None = None,
    memo: Memo = NO_MEMO,
    renderer: type[Renderer] | None = None,
) -> dict[str, str]:
    """Render every page of the briefing: {path: Markdown}.

    With a memo (kept by a long-running process), a page whose data, projected through
    its template's declared reads (publish/reads.py), is unchanged keeps its Markdown.
    """
    out = (renderer or Renderer)(view, env or make_environment(), memo)
    out.listed_pages()
    out.topic_pages()
    out.source_pages()
    return dict(sorted(out.pages.items()))


def listed_pages(view: BriefingView, env: Environment) -> dict[str, str]:
    """The pages briefing.yml lists, with their parts and measure pages, and methodology."""
    out = Renderer(view, env, NO_MEMO)
    out.listed_pages()
    return out.pages


def topic_pages(view: BriefingView, env: Environment) -> dict[str, str]:
    """One page per topic, with the claims in full (or one page per period of them)."""
    out = Renderer(view, env, NO_MEMO)
    out.topic_pages()
    return out.pages


def source_pages(view: BriefingView, env: Environment) -> dict[str, str]:
    """One page per source: its details, the claims citing it, its text."""
    out = Renderer(view, env, NO_MEMO)
    out.source_pages()
    return out.pages


@dataclass
class Renderer:
    """Render pages into a dict, taking unchanged pages from a memo when there is one."""

    view: BriefingView
    env: Environment
    memo: Memo
    pages: dict[str, str] = field(default_factory=dict)
    projectors: dict[str, Projector] = field(default_factory=dict)
    view_keys: dict[str, object] = field(default_factory=dict)
    input_keys: dict[str, object] = field(default_factory=dict)
    inputs: dict[frozenset[str], Inputs] = field(default_factory=dict)
    projections: Projections = field(default_factory=Projections)

    def listed_pages(self) -> None:
        """The pages briefing.yml lists, with their parts and measure pages, and methodology."""
        for page in self.view.pages:
            self.briefing_page(page)
        self.page("methodology.md", "methodology.md.j2", None)

    def topic_pages(self) -> None:
        """One page per topic, with the claims in full (or one page per period of them)."""
        for topic, claims in self.view.topics.items():
            self.topic(topic, claims, self.view.topic_parts.get(topic, []))

    def source_pages(self) -> None:
        """One page per source: its details, the claims citing it, its text."""
        for source in self.view.sources.values():
            self.page(source.path, "source.md.j2", None, s=source)

    def rendered(self, template: str, data: dict[str, Any]) -> str:
        """Render a template over its data."""
        return tidy(self.env.get_template(template).render(context(data)))

    def page(self, path: str, template: str, page: PageView | None, **extra: Any) -> None:
        """Render one page, or with a memo keep it while what its template reads is unchanged."""
        data = roots(self.view, page, path, **extra)
        if not self.memo.keeps:
            self.pages[path] = self.rendered(template, data)
            return
        if rendered_every_build(self.env, template):  # kept only while its inputs are
            inputs = (self.env, template, self.inputs_key(template))
            self.pages[path] = self.memo.made(path, inputs, lambda: self.rendered(template, data))
            return
        own = {name: value for name, value in data.items() if name != "v"}
        key = (self.env, template, self.view_key(template), self.projector(template).data(own))
        self.pages[path] = self.memo.made(path, key, lambda: self.rendered(template, data))

    def projector(self, template: str) -> Projector:
        """The projection through a template's declared reads, one per template and build."""
        if template not in self.projectors:
            reads = template_reads(self.env, template)
            self.projectors[template] = Projector(reads, self.projections)
        return self.projectors[template]

    def inputs_key(self, template: str) -> object:
        """What the view was made from, as far as a template shows it, compared once per
        build: a token that stays the same object while that is unchanged."""
        if template not in self.input_keys:
            ignored = ignored_fields(template_reads(self.env, template))
            if ignored not in self.inputs:
                self.inputs[ignored] = Inputs(self.view, ignored)
            made_from = self.inputs[ignored]
            self.input_keys[template] = self.memo.made(("inputs", template), made_from, object)
        return self.input_keys[template]

    def view_key(self, template: str) -> object:
        """What a template reads of the briefing view, compared once per build: a token that
        stays the same object while that is unchanged, so each page's key compares it at once."""
        if template not in self.view_keys:
            project = self.projector(template)
            # A template that declares no read of the view reads nothing of it.
            projected = project(self.view, "v") if "v" in project.reads else ()
            self.view_keys[template] = self.memo.made(("view", template), projected, object)
        return self.view_keys[template]

    def briefing_page(self, page: PageView) -> None:
        """A page listed in briefing.yml, and the parts of a split list or figures page."""
        template = f"{page.kind}.md.j2"
        claims = claims_of(self.view.claims, page)
        parts = page.parts or page.source_parts
        self.page(page.path, template, page, claims=claims, parts=parts, part=None)
        for part in page.parts:
            self.page(part.path, template, page, claims=part.claims, parts=parts, part=part)
        for listed in page.source_parts:
            self.page(listed.path, template, page, claims=claims, parts=parts, part=listed)
        for m in self.view.shown_measures(page):
            if m.measure.id in page.figure_pages:
                self.measure_page(page, m)

    def measure_page(self, page: PageView, m: MeasureFigures) -> None:
        """The chart and table of one measure on a page of their own; a table too long for
        one page is cut into parts, which the measure's page lists."""
        parts = page.figure_parts.get(m.measure.id, [])
        path = page.figure_pages[m.measure.id]
        self.page(path, "measure.md.j2", page, m=m, parts=parts, part=None)
        for part in parts:
            self.page(part.path, "measure.md.j2", page, m=m, parts=parts, part=part)

    def topic(self, topic: str, claims: list[ClaimView], parts: list[Part]) -> None:
        """A topic's page, and the parts of a split topic."""
        extra = {"topic": topic, "parts": parts}
        self.page(topic_path(topic), "topic.md.j2", None, claims=claims, part=None, **extra)
        for part in parts:
            self.page(part.path, "topic.md.j2", None, claims=part.claims, part=part, **extra)


def tidy(markdown: str) -> str:
    """Collapse runs of blank lines left by template logic; end with one newline."""
    return re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"
