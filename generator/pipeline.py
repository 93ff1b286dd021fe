"""load -> validate -> rules -> analyse -> render: content folders in, {path: Markdown} out."""

from __future__ import annotations

import gc
import threading
from dataclasses import dataclass

from generator.content.check import Checked, Settings, check
from generator.publish.opendata import data_files
from generator.publish.render import (
    listed_pages,
    make_environment,
    render_pages,
    source_pages,
    topic_pages,
)
from generator.resources import TEMPLATES, site_assets
from generator.speed.cores import on_two_cores
from generator.speed.reuse import Reuse, tree_stamp
from generator.view.analyse import BriefingView, analyse, source_path, topic_path


@dataclass
class Built:
    """The generated pages of a briefing, with the YAML file each page came from."""

    checked: Checked
    view: BriefingView
    pages: dict[str, str]
    origins: dict[str, str]


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


def build_pages(settings: Settings, reuse: Reuse | None = None) -> Built:
    """Check a briefing and render its pages; raise BriefingError on content errors.

    A long-running process passes the same `reuse` to every build, so that files
    and templates unchanged since the previous build are not read over again.
    """
    checked = check(settings, reuse)
    view = analyse(checked, reuse)
    env = None
    if reuse is not None:  # compiled once, and again when a template changes
        env = reuse.templates.made("env", tree_stamp([TEMPLATES]), make_environment)
    pages = render_pages(view, env, reuse.rendered if reuse else None)
    return Built(checked, view, pages, page_origins(view, checked))


def build_files(settings: Settings) -> tuple[Built, dict[str, str | bytes]]:
    """What `briefing build` writes: every page, the site assets and the open data files.

    The pages briefing.yml lists and the source pages are rendered here while a forked
    child renders the topic pages and the data files (about half the work each), so a
    build uses two cores; the files are the same either way.
    """
    checked = check(settings)
    view = analyse(checked)
    env = make_environment()
    (listed, sources), (topics, data) = on_two_cores(
        lambda: (listed_pages(view, env), source_pages(view, env)),
        lambda: (topic_pages(view, env), data_files(view)),
    )
    pages = dict(sorted({**listed, **topics, **sources}.items()))
    built = Built(checked, view, pages, page_origins(view, checked))
    return built, {**pages, **site_assets(), **data}


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
