"""The print page: the whole briefing on one page, in reading order, for paper and PDF.

It joins the pages briefing.yml lists (overview, figures with their charts, reactions,
questions, timeline, gaps, the sources list), from the Markdown already rendered for
them: nothing is rendered twice. A list too long for one page (`claims_per_page`) is
printed as its own page shows it, linking the pages it was cut into: printing every
part would make one page as large as the whole site (about 9 MB of Markdown and 40 s
of conversion at ten thousand claims, on every build and every save under serve).
Each section's first heading gets an id, and every link to a page the print page
holds becomes a link inside it, so a PDF made from it keeps working links; links to
other pages (claims, source texts) stay links to the site. The links of HTML blocks
(figure tables) are retargeted the same way.
"""

from __future__ import annotations

import posixpath
import re

from generator.publish.urls import PAGE_HREF
from generator.view.views import BriefingView

PRINT_PATH = "print.md"
TITLE = re.compile(r"^# (.+)$", re.M)
# Link targets the templates write: Markdown links whose targets are generated paths and
# slugs (content is escaped, so '](' never comes from it), and anchors alone.
TARGET = re.compile(r"\]\(([^()\s]*)\)")
CHART_ID = re.compile(r"\bchart-([0-9]+)-([td])\b")  # a chart's title and description ids
FRONT = "---\nsearch:\n  exclude: true\n---\n\n"  # the rest of the site is searched already


def section_id(path: str) -> str:
    """The id of the first heading of a page's section on the print page."""
    return "print-" + re.sub(r"[^a-z0-9]+", "-", path.removesuffix(".md")).strip("-")


def printed_paths(view: BriefingView) -> list[str]:
    """The pages the print page holds, in reading order: those briefing.yml lists."""
    return list(dict.fromkeys(page.path for page in view.pages))


def retarget(target: str, folder: str, held: set[str], own: str) -> str:
    """A link target of a page in `folder`, as seen from the print page (at the top)."""
    path, _, anchor = target.partition("#")
    if path.startswith(("http:", "https:")):
        return target
    page = posixpath.normpath(posixpath.join(folder, path)) if path else own
    if page in held:
        return "#" + (anchor or section_id(page))
    return page + (f"#{anchor}" if anchor else "")


def section(path: str, markdown: str, held: set[str]) -> str:
    """One page's Markdown as a section of the print page."""
    folder = posixpath.dirname(path)
    body = TARGET.sub(
        lambda m: "](" + retarget(m.group(1), folder, held, path) + ")",
        markdown,
    )
    body = PAGE_HREF.sub(  # the links of HTML blocks (publish/urls.py)
        lambda m: 'href="' + retarget(m.group(0)[6:-1], folder, held, path) + '"', body
    )
    sid = section_id(path)
    body = CHART_ID.sub(lambda m: f"{sid}-chart-{m.group(1)}-{m.group(2)}", body)
    return TITLE.sub(lambda m: f"# {m.group(1)} {{#{sid}}}", body, count=1)


def print_page(view: BriefingView, pages: dict[str, str]) -> str:
    """The print page's Markdown, from the rendered pages it holds."""
    paths = [p for p in printed_paths(view) if p in pages]
    held = set(paths)
    sections = [section(p, pages[p], held).strip() for p in paths]
    return FRONT + "\n\n".join(sections) + "\n"
