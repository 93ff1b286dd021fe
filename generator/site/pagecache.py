"""Between the builds of one `mkdocs serve`, reuse what MkDocs made of unchanged pages.

MkDocs rebuilds every page on each save: it converts the Markdown, indexes the
HTML for search and renders the theme around it, which takes half a minute on
a briefing of ten thousand claims. When the build's shape (configuration,
theme files, navigation, the list of pages) is the same as in the previous
build, a page whose Markdown, edit link and JSON-LD are the same comes out as
the same HTML; this cache hands that HTML back instead. Changed pages go
through MkDocs as usual, and every page, reused or not, is still written, put
in the navigation and in the search index, so the site stays whole.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Template
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from generator.speed.reuse import tree_stamp

# Handed to MkDocs as the page's template: renders nothing, so the theme is not run
# for a page whose finished HTML is already known (MkDocs accepts a Template object).
NO_THEME = Template("")

PageKey = tuple[str, str | None, str]  # the page's Markdown, its edit origin, its JSON-LD


@dataclass
class Rendered:
    """What MkDocs made of one page in the previous build."""

    key: PageKey
    content: str
    toc: Any
    title: str | None
    anchors: set[str]
    links: dict[str, dict[str, str]]  # linked page -> {anchor: link as written}
    search: list[Any] | None = None
    output: str | None = None


@dataclass
class PageCache:
    """Rendered pages of the previous build, and which of them this build reuses."""

    shape: str | None = None
    pages: dict[str, Rendered] = field(default_factory=dict)
    keys: dict[str, PageKey] = field(default_factory=dict)
    reused: set[str] = field(default_factory=set)

    def begin(self, shape: str, keys: dict[str, PageKey]) -> None:
        """Start a build: keep the pages whose key is unchanged, if the shape is."""
        if shape != self.shape:
            self.pages = {}
        self.shape = shape
        self.keys = keys
        self.pages = {uri: r for uri, r in self.pages.items() if keys.get(uri) == r.key}
        self.reused = set(self.pages)

    def restore(self, page: Page) -> None:
        """Make MkDocs take a reused page's HTML instead of converting its Markdown."""
        rendered = self.pages[page.file.src_uri]

        def render(config: Any, files: Files) -> None:
            # With the finished HTML known, nothing downstream needs the content: the theme
            # is not run, and search takes the page's entries as they were (and so does not
            # scan the page's HTML again).
            page.content = "" if rendered.output is not None else rendered.content
            page.toc = rendered.toc
            page._title_from_render = rendered.title
            page.present_anchor_ids = rendered.anchors
            page.links_to_anchors = relinked(rendered.links, files)
            if rendered.output is not None:
                page.meta["template"] = NO_THEME

        page.render = render  # type: ignore[method-assign]

    def store_render(self, page: Page) -> None:
        """Keep what converting a changed page's Markdown gave."""
        uri = page.file.src_uri
        if uri not in self.keys or uri in self.reused or page.content is None:
            return
        links = {f.src_uri: dict(a) for f, a in (page.links_to_anchors or {}).items()}
        self.pages[uri] = Rendered(
            self.keys[uri],
            page.content,
            page.toc,
            page._title_from_render,
            set(page.present_anchor_ids or ()),
            links,
        )

    def finished(self, page: Page) -> str | None:
        """A reused page's finished HTML, when the previous build got that far."""
        rendered = self.pages.get(page.file.src_uri)
        return rendered.output if rendered and page.file.src_uri in self.reused else None

    def keep_output(self, page: Page, output: str) -> str:
        """Keep a page's finished HTML for the next build; return it."""
        rendered = self.pages.get(page.file.src_uri)
        if rendered is not None:
            rendered.output = output
        return output

    def search_entries(self, page: Page) -> list[Any] | None:
        """The search entries a reused page had, or None when it must be indexed."""
        rendered = self.pages.get(page.file.src_uri)
        if page.file.src_uri in self.reused and rendered is not None:
            return rendered.search
        return None

    def keep_search_entries(self, page: Page, entries: list[Any]) -> None:
        """Keep the search entries a rebuilt page gave."""
        rendered = self.pages.get(page.file.src_uri)
        if rendered is not None:
            rendered.search = entries


def relinked(links: dict[str, dict[str, str]], files: Files) -> dict[Any, dict[str, str]]:
    """Links to anchors by linked file, with this build's File objects."""
    out: dict[Any, dict[str, str]] = {}
    by_uri = files.src_uris  # the keys are posix paths already: no PurePath per link
    for uri, anchors in links.items():
        target = by_uri.get(uri)
        if target is not None:
            out[target] = anchors
    return out


def wrap_search(plugins: Iterable[Any], cache: PageCache) -> None:
    """Let a search plugin take a reused page's entries instead of parsing its HTML again.

    MkDocs' and Material's search plugins both index a page in
    `search_index.add_entry_from_context(page)`, appending to a list of entries;
    the wrapper replays a reused page's entries into that list.
    """
    for plugin in plugins:
        index: Any = getattr(plugin, "search_index", None)
        entries = entries_of(index)
        add = getattr(index, "add_entry_from_context", None)
        if entries is None or add is None:
            continue

        def indexed(page: Page, add: Any = add, entries: list[Any] = entries) -> None:
            known = cache.search_entries(page)
            if known is not None:
                entries.extend(known)
                return
            start = len(entries)
            add(page)
            cache.keep_search_entries(page, entries[start:])

        index.add_entry_from_context = indexed


def entries_of(index: Any) -> list[Any] | None:
    """The list a search index appends its entries to (Material: entries; MkDocs: _entries)."""
    for name in ("entries", "_entries"):
        value = getattr(index, name, None)
        if isinstance(value, list):
            return value
    return None


class CompiledTemplates(BytecodeCache):
    """Theme templates compiled once per process: MkDocs makes a new environment per build.

    Jinja keys each entry by the template's name and the checksum of its source, so
    an edited template is compiled again. The store is in memory and holds only what
    Jinja compiled in this process from the theme's template files; content never
    reaches it (content is data passed to templates, never template source).
    """

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        """Fill a bucket from the store, when the template was compiled before."""
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep a freshly compiled template."""
        self.store[bucket.key] = bucket.bytecode_to_string()


def build_shape(config: MkDocsConfig, files: Files, nav: Any) -> str:
    """A digest of what every page's HTML depends on besides its own Markdown.

    The configuration file, the theme (and the files of its custom_dir), the
    navigation and the list of pages (with the text of any page not generated
    from the content).
    """
    digest = hashlib.sha256()
    if config.config_file_path:
        digest.update(Path(config.config_file_path).read_bytes())
    if config.theme.custom_dir:  # the theme's own files are installed and do not change
        digest.update(tree_stamp([config.theme.custom_dir]).encode())
    digest.update(repr(config.theme.dirs).encode())
    digest.update(repr(nav).encode())
    for file in files.documentation_pages():
        digest.update(f"{file.src_uri}\0{file.inclusion}\0".encode())
        if not file.generated_by:
            digest.update(file.content_bytes)
    return digest.hexdigest()
