"""The composition root: a briefing's folders in, every file its site publishes out.

check -> analyse -> render, open data, JSON-LD, What's new and the feed. `outputs`
is the one place these are put together; `briefing build`, `briefing site` (through
the MkDocs plugin), the plugin itself and `mkdocs serve` all call it.
"""

from __future__ import annotations

import gc
import threading
from dataclasses import dataclass
from functools import partial

from generator.changes.history import git_history, history_files
from generator.content.check import Checked, Settings, check
from generator.publish.jsonld import jsonld_for
from generator.publish.opendata import data_files
from generator.publish.printpage import PRINT_PATH, print_page
from generator.publish.render import (
    listed_pages,
    make_environment,
    render_pages,
    source_pages,
    topic_pages,
)
from generator.resources import TEMPLATES, site_assets
from generator.speed.cores import on_two_cores
from generator.speed.reuse import NO_REUSE, Memo, Reuse, tree_stamp
from generator.view.analyse import analyse
from generator.view.paths import source_path, topic_path
from generator.view.views import BriefingView


@dataclass
class Built:
    """The generated pages of a briefing, with the YAML file each page came from."""

    checked: Checked
    view: BriefingView
    pages: dict[str, str]
    origins: dict[str, str]


@dataclass
class Outputs:
    """Every file a briefing publishes, and what a site engine adds to its pages' heads."""

    built: Built
    files: dict[str, str | bytes]  # pages, assets, data files, What's new, the feed
    linked_data: dict[str, str]  # page path -> its JSON-LD script block


def page_origins(view: BriefingView, checked: Checked) -> dict[str, str]:
    """Map each generated page to the content file an editor changes to change it."""
    content = checked.content
    origins: dict[str, str] = {}
    by_kind = {
        "overview": view.briefing_file,
        "estimates": content.measures[0].file.name if content.measures else None,
        "questions": content.questions[0].file.name if content.questions else None,
        "sources": content.sources[0].file.name if content.sources else None,
    }
    for page in view.pages:
        origin = by_kind.get(page.kind)
        if origin:
            origins[page.path] = origin
            origins.update((path, origin) for path in page.figure_pages.values())
            parts = (r.path for group in page.figure_parts.values() for r in group)
            origins.update((path, origin) for path in parts)
    for topic, claims in view.topics.items():
        origins[topic_path(topic)] = claims[0].file
    for path, claims in view.claim_pages().items():
        origins[path] = claims[0].file
    for item in content.sources:
        origins[source_path(item.model.id)] = item.file.name
    return origins


def build_pages(settings: Settings, reuse: Reuse = NO_REUSE) -> Built:
    """Check a briefing and render its pages, one after another; raise BriefingError.

    A long-running process passes the same keeping `reuse` to every build, so that
    files, templates and pages unchanged since the previous build are taken as they were.
    """
    checked = check(settings, reuse)
    view = analyse(checked, reuse)
    # compiled once per process, and again when a template changes
    templates = TEMPLATES
    env = reuse.templates.made("env", tree_stamp([templates]), lambda: make_environment(templates))
    pages = with_print_page(view, render_pages(view, env, reuse.rendered))
    return Built(checked, view, pages, page_origins(view, checked))


def with_print_page(view: BriefingView, pages: dict[str, str]) -> dict[str, str]:
    """The pages, with the print page that holds the whole briefing in reading order."""
    return dict(sorted({**pages, PRINT_PATH: print_page(view, pages)}.items()))


def built_on_two_cores(
    settings: Settings, checked: Checked | None = None
) -> tuple[Built, dict[str, bytes]]:
    """Check a briefing (unless `checked` is its content checked already), then render its
    pages and open data on two cores.

    The pages briefing.yml lists and the source pages are rendered here while a forked
    child renders the topic pages and the data files (about half the work each); the
    files are the same as those of one core.
    """
    checked = checked or check(settings)
    view = analyse(checked)
    env = make_environment()
    (listed, sources), (topics, data) = on_two_cores(
        lambda: (listed_pages(view, env), source_pages(view, env)),
        lambda: (topic_pages(view, env), data_files(view)),
    )
    pages = with_print_page(view, dict(sorted({**listed, **topics, **sources}.items())))
    return Built(checked, view, pages, page_origins(view, checked)), data


def outputs(
    settings: Settings,
    reuse: Reuse = NO_REUSE,
    *,
    directory_urls: bool = True,
    site_url: str = "",
    checked: Checked | None = None,
) -> Outputs:
    """Every file a briefing publishes; raise BriefingError listing every content problem.

    With a keeping `reuse` (a serving process's) the build runs on one core and takes
    what did not change from the last build; without, it runs on two cores and keeps
    nothing. `directory_urls` says how the site addresses pages and `site_url` where it
    is published, if known (the feed links the What's new page, absolutely when it is).
    A one-shot build given `checked` (the briefing's content, just checked) does not check
    it again.
    """
    if reuse.keeps:
        built = build_pages(settings, reuse)
        data = data_files(built.view, reuse.exported)
    else:
        built, data = built_on_two_cores(settings, checked)
    b = built.view.briefing
    page_url = "whats-new/" if directory_urls else "whats-new.html"
    entries = git_history(settings.content_dir, reuse.revisions)
    history = history_files(entries, b.title, b.as_of, page_url, site_url, targets(built.view))
    files: dict[str, str | bytes] = {**built.pages, **site_assets(), **data, **history}
    return Outputs(built, files, linked_data(built.view, reuse.linked_data))


def targets(view: BriefingView) -> dict[str, str]:
    """Where What's new links a claim or source the briefing has: its page and anchor."""
    found = {f"claim:{c.id}": f"{c.home}#{c.anchor}" for c in view.claims.values()}
    found.update((f"source:{ident}", s.path) for ident, s in view.sources.items())
    return found


def linked_data(view: BriefingView, memo: Memo) -> dict[str, str]:
    """The JSON-LD of each page that shows claims in full, kept while its claims are equal."""
    return {
        path: memo.made(path, claims, partial(jsonld_for, claims))
        for path, claims in view.claim_pages().items()
    }


def tune_garbage_collector() -> None:
    """Collect cycles rarely: a run builds many small objects that live until it ends.

    With the default thresholds the collector walks every parsed claim again and again
    while a large briefing loads (about a sixth of a check at ten thousand claims).
    Objects alive now (modules, the parser) are frozen out of collection altogether.
    """
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)


_IDLE_COLLECTION: list[threading.Timer] = []  # the collection waiting for the process to idle


def collect_when_idle(delay: float = 1.0) -> None:
    """Collect garbage cycles once a serving process has been idle for `delay` seconds.

    Under the thresholds above a full collection almost never comes by itself, so a
    server would keep every build's cycles (tens of MB per build at ten thousand
    claims); collecting right after a build would instead delay the page's reload.
    """
    for pending in _IDLE_COLLECTION:
        pending.cancel()
    timer = threading.Timer(delay, gc.collect)
    timer.daemon = True
    _IDLE_COLLECTION[:] = [timer]
    timer.start()
