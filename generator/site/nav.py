"""The site's navigation, which pages stay out of it, and where "Edit this page" points."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from mkdocs.structure.files import InclusionLevel

from generator.changes.history import PAGE_PATH as WHATS_NEW
from generator.publish.printpage import PRINT_PATH
from generator.view.labels import topic_title
from generator.view.paths import topic_path
from generator.view.views import BriefingView

SOURCES_IN_NAV = 50


def nav_for(view: BriefingView) -> list[Any]:
    """The navigation: briefing pages in order, claims by topic, sources, methodology."""
    nav: list[Any] = []
    for page in view.pages:
        if page.kind == "sources" and sources_in_nav(view):
            sources = [{title(s.source.title): s.path} for s in view.sources.values()]
            nav.append({title(page.title): [page.path, *sources]})
        else:
            nav.append({title(page.title): page.path})
    topics = [{title(topic_title(t)): topic_path(t)} for t in view.topics]
    nav.insert(1 if nav else 0, {"Claims by topic": topics})
    nav.append({"What's new": WHATS_NEW})
    nav.append({"Methodology": "methodology.md"})
    nav.append({"Print": PRINT_PATH})
    return nav


def title(text: str) -> str:
    """A navigation title: the theme writes these as HTML, so content text is escaped."""
    return html.escape(text, quote=True)


def sources_in_nav(view: BriefingView) -> bool:
    """List source pages in the navigation only while that keeps every page small."""
    return len(view.sources) <= SOURCES_IN_NAV


def page_inclusion(view: BriefingView, path: str, parts: set[str]) -> InclusionLevel:
    """Pages that keep the navigation small stay out of it; the pages above link them.

    Source pages of large briefings (the sources index links them) and the parts of a
    split list (the list's own page links them).
    """
    if path.startswith("sources/") and path != "sources/index.md" and not sources_in_nav(view):
        return InclusionLevel.NOT_IN_NAV
    return InclusionLevel.NOT_IN_NAV if path in parts else InclusionLevel.UNDEFINED


def repository_root(path: Path) -> Path | None:
    """The nearest folder above a path that holds a git repository."""
    return next((p for p in path.parents if (p / ".git").exists()), None)


def edit_url(base: str | None, origin: str | None, root: Path) -> str | None:
    """The "Edit this page" address of a page made from a content file, if any."""
    if not base or not origin:
        return None
    path = Path(origin).resolve()
    top = repository_root(path) or root
    try:
        inside = path.relative_to(top).as_posix()
    except ValueError:
        inside = path.as_posix()
    return base.rstrip("/") + "/" + inside
