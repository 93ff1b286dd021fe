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
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from generator import escape
from generator.analyse import (
    CREDIBILITY,
    RELIABILITY,
    STATUSES,
    BriefingView,
    PageView,
    SourceView,
    claims_of,
    topic_path,
    topic_title,
)
from generator.chart import chart_svg
from generator.claimview import ClaimView
from generator.dates import DateKey
from generator.figures import FigureRow
from generator.models import LIKELIHOODS

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


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


def relative(from_page: str, to_page: str, anchor: str = "") -> str:
    """A Markdown link target from one generated page to another."""
    target = "" if to_page == from_page else relative_path(posixpath.dirname(from_page), to_page)
    return f"{target}#{anchor}" if anchor else target


@functools.lru_cache(maxsize=65536)
def relative_path(from_dir: str, to_page: str) -> str:
    """The relative path between two generated pages (few distinct pairs; cached)."""
    return posixpath.relpath(to_page, from_dir or ".")


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

    def claim(self, claim: ClaimView, text: str | None = None) -> Markup:
        """A link to a claim on its home page."""
        label = escape.md(text if text is not None else claim.claim.claimant)
        return Markup(f"[{label}]({relative(self.page, claim.home, claim.anchor)})")

    def claim_id(self, claim_id: str) -> Markup:
        """A link to a claim by id, labelled with its claimant and figure."""
        claim = self.view.claims[claim_id]
        text = claim.claim.claimant + (f": {claim.figure}" if claim.figure else "")
        return self.claim(claim, text)

    def citation(self, claim: ClaimView, index: int) -> Markup:
        """A link to the highlighted passage behind one citation."""
        c = claim.citations[index]
        target = relative(self.page, self.view.sources[c.source.id].path, c.anchor)
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
                target = relative(self.page, self.view.sources[c.source.id].path, c.anchor)
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
        return Markup(f"[{escape.md(s.source.title)}]({relative(self.page, s.path)})")

    def page_of(self, kind: str, anchor: str = "") -> Markup:
        """A link target to the first page of a kind (paths and anchors are slugs)."""
        page = self.view.page_of(kind)
        return Markup(relative(self.page, page.path, anchor) if page else "")

    def to(self, path: str, anchor: str = "") -> Markup:
        """A link target to any generated page (paths and anchors are slugs)."""
        return Markup(relative(self.page, path, anchor))


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


def render_pages(view: BriefingView, env: Environment | None = None) -> dict[str, str]:
    """Render every page of the briefing: {path: Markdown}."""
    env = env or make_environment()
    pages: dict[str, str] = {}
    for page in view.pages:
        template = env.get_template(f"{page.kind}.md.j2")
        claims = claims_of(view.claims, page)
        pages[page.path] = template.render(
            context(view, page, page.path, claims=claims, parts=page.parts, part=None)
        )
        for part in page.parts:
            pages[part.path] = template.render(
                context(view, page, part.path, claims=part.claims, parts=page.parts, part=part)
            )
    topic_page = env.get_template("topic.md.j2")
    for topic, claims in view.topics.items():
        path, parts = topic_path(topic), view.topic_parts.get(topic, [])
        pages[path] = topic_page.render(
            context(view, None, path, topic=topic, claims=claims, parts=parts, part=None)
        )
        for part in parts:
            pages[part.path] = topic_page.render(
                context(
                    view, None, part.path, topic=topic, claims=part.claims, parts=parts, part=part
                )
            )
    for source in view.sources.values():
        pages[source.path] = env.get_template("source.md.j2").render(
            context(view, None, source.path, s=source)
        )
    pages["methodology.md"] = env.get_template("methodology.md.j2").render(
        context(view, None, "methodology.md")
    )
    return {path: tidy(text) for path, text in sorted(pages.items())}


def tidy(markdown: str) -> str:
    """Collapse runs of blank lines left by template logic; end with one newline."""
    return re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"
