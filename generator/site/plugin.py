"""The MkDocs plugin `briefing`: MkDocs' hooks over the composition root, nothing more.

Pages are added in on_files with File.generated (nothing is written into
docs_dir), inputs are watched in on_serve, and content problems go through
the plugin logger, so `mkdocs build --strict` fails on them while a running
`mkdocs serve` keeps serving the last good pages with the problems on top.
While serving, the pipeline keeps what it made between builds (speed.reuse)
and MkDocs is handed the finished pages that did not change (site.pagecache).
"""

from __future__ import annotations

import contextlib
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Literal, Protocol

from jinja2 import Environment
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.content.check import Checked, Settings
from generator.errors import BriefingError
from generator.pipeline import Outputs, collect_when_idle, outputs, tune_garbage_collector
from generator.report import format_problem, summary
from generator.resources import ASSETS, OVERRIDES, TEMPLATES, VENDOR, site_assets
from generator.site.banner import error_banner, with_banner
from generator.site.htmlblocks import SetAside, with_block_links
from generator.site.nav import edit_url, nav_for, page_inclusion
from generator.site.pagecache import CompiledTemplates, PageCache, PageKey, build_shape, wrap_search
from generator.site.search import (
    BackgroundIndex,
    SearchError,
    empty_theme_index,
    index_site,
    indexed,
    use_pagefind,
)
from generator.speed.reuse import NO_REUSE, Reuse

log = get_plugin_logger(__name__)
OFFLINE_SHIM = "assets/vendor/iframe-worker-shim.js"


class Progress(Protocol):
    """Whom a build tells how far it got: its phases, timed, and the pages written."""

    def phase(self, name: str) -> AbstractContextManager[None]:
        """Time one phase of the build."""
        ...

    def pages(self, done: int, total: int) -> None:
        """Count the pages written so far."""
        ...


class Silent:
    """A build that tells no one."""

    def phase(self, name: str) -> AbstractContextManager[None]:
        """Time nothing."""
        return contextlib.nullcontext()

    def pages(self, done: int, total: int) -> None:
        """Count nothing."""


class BriefingConfig(Config):
    """Options of the briefing plugin in mkdocs.yml."""

    content_dir = c.Type(str, default="content")
    seeds_dir = c.Type(str, default="seeds")
    edit_base = c.Optional(c.Type(str))


def offline_enabled(config: MkDocsConfig) -> bool:
    """Tell whether Material's offline plugin is on in this build."""
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin is not None and getattr(plugin, "config", {}).get("enabled", False))


def search_box(config: MkDocsConfig) -> bool:
    """Tell whether the theme shows a search box: Material's search plugin is on."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    return bool(plugin is not None and getattr(plugin, "config", {}).get("enabled", True))


def add_overrides(config: MkDocsConfig) -> None:
    """Put the package's theme overrides under the config's own custom_dir, if it has one."""
    dirs = config.theme.dirs
    if str(OVERRIDES) not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, str(OVERRIDES))


class BriefingPlugin(BasePlugin[BriefingConfig]):
    """Generate the briefing's pages from its content and article texts."""

    def __init__(self) -> None:
        self.serving = False
        self.last_good: Outputs | None = None
        self.settings: Settings | None = None
        self.root = Path.cwd()
        self.user_nav = False
        self.offline = False
        self.pagefind = False
        self.background_index = BackgroundIndex()
        self.banner = ""
        self.cache = PageCache()
        self.compiled = CompiledTemplates()
        self.set_aside = SetAside()
        self.reuse = NO_REUSE
        self.progress: Progress = Silent()
        # Content the command that started this build checked already (briefing site), by
        # the settings it was checked with; taken by the next build only.
        self.prechecked: tuple[Settings, Checked] | None = None
        self.pages_done = 0
        self.pages_total = 0

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Remember whether we serve: then errors must not stop the server."""
        self.serving = command == "serve"
        # A build's pages, trees and HTML live until it ends; under serve each rebuild
        # allocates as much as a whole build.
        tune_garbage_collector()
        # MkDocs keeps one instance of the plugin per process: a build after a serve in the
        # same process must not take the server's memos.
        self.reuse = Reuse() if self.serving else NO_REUSE

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Resolve the content and seeds folders next to mkdocs.yml; add the stylesheet."""
        self.root = Path(config.config_file_path or ".").resolve().parent
        self.settings = Settings(
            self.root / self.config.content_dir, self.root / self.config.seeds_dir
        )
        self.user_nav = config.nav is not None
        add_overrides(config)
        self.offline = offline_enabled(config)
        if self.offline:
            # Material's offline plugin loads this shim from a CDN unless one is listed;
            # list the vendored copy so an offline site makes no request elsewhere.
            config.extra["polyfills"] = [*config.extra.get("polyfills", []), OFFLINE_SHIM]
            # A page read from file:// links no feed: the theme fetches the sitemap beside
            # every alternate link, which a browser refuses there.
            config.extra["offline_build"] = True
        # Online, Pagefind answers the theme's search box (offline, the theme's own index).
        self.pagefind = not self.offline and search_box(config) and use_pagefind(config.extra)
        for name in site_assets():
            if name.endswith(".css") and name not in config.extra_css:
                config.extra_css.append(name)
        return config

    def build(self, config: MkDocsConfig) -> tuple[Outputs, BriefingError | None]:
        """Run the pipeline; in serve mode fall back to the last good outputs.

        Either way `last_good` is what this build shows.
        """
        assert self.settings is not None
        pre, self.prechecked = self.prechecked, None
        try:
            made = outputs(
                self.settings,
                self.reuse,
                directory_urls=config.use_directory_urls,
                site_url=config.site_url or "",
                checked=pre[1] if pre and pre[0] == self.settings else None,
            )
        except BriefingError as error:
            for problem in error.problems:
                log.error(format_problem(problem, error.texts))
            log.error(summary(error.problems, wrote_nothing=False))
            if not self.serving or self.last_good is None:
                raise PluginError(
                    f"the briefing content has {len(error.problems)} problem(s)"
                ) from None
            return self.last_good, error
        for warning in made.built.checked.warnings:
            log.warning(format_problem(warning, made.built.checked.texts))
        self.last_good = made
        return made, None

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add every file the briefing publishes as a virtual file."""
        with self.progress.phase("generate"):
            made, error = self.build(config)
        self.banner = error_banner(error) if error else ""
        view = made.built.view
        parts = view.part_paths()
        for path, content in made.files.items():
            inclusion = page_inclusion(view, path, parts)
            files.append(File.generated(config, path, content=content, inclusion=inclusion))
        if self.offline:
            shim = (VENDOR / "iframe-worker" / "shim.js").read_bytes()
            files.append(File.generated(config, OFFLINE_SHIM, content=shim))
        if not self.user_nav:
            config.nav = nav_for(view)
        self.pages_done, self.pages_total = 0, len(files.documentation_pages())
        if self.serving:
            keys: dict[str, PageKey] = {
                path: (markdown, made.built.origins.get(path), made.linked_data.get(path, ""))
                for path, markdown in made.built.pages.items()
            }
            self.cache.begin(build_shape(config, files, config.nav), keys)
            log.info(f"{len(self.cache.reused)} of {len(keys)} generated pages unchanged")
        return files

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Leave Material's search index empty when Pagefind searches the site; while
        serving, let the search index take unchanged pages' entries as they were."""
        if self.pagefind:
            empty_theme_index(config.plugins.values())
            if self.serving:
                self.background_index.build_started()
        if self.serving:
            wrap_search(config.plugins.values(), self.cache)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Index the site with Pagefind (while serving, in the background, after the reload);
        while serving, free what this build left behind once the server is idle."""
        site = Path(config.site_dir)
        if self.pagefind and self.serving:
            self.background_index.build_done(site)
        elif self.pagefind:
            with self.progress.phase("search"):
                try:
                    index_site(site)
                except SearchError as error:
                    raise PluginError(str(error)) from None
        if self.serving:
            collect_when_idle()

    def on_shutdown(self) -> None:
        """Remove the search indexes a server kept outside its site."""
        self.background_index.close()

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """While serving, compile the theme's templates once rather than on every build."""
        if self.serving:
            env.bytecode_cache = self.compiled
        return env

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page:
        """While serving, hand MkDocs the HTML of a page that did not change."""
        if self.serving and page.file.src_uri in self.cache.reused:
            self.cache.restore(page)
        return page

    def generated(self, page: Page) -> bool:
        """Tell whether the briefing generated this page."""
        return self.last_good is not None and page.file.src_uri in self.last_good.built.pages

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Set a generated page's HTML blocks aside while MkDocs converts its Markdown."""
        return (
            self.set_aside.take(page.file.src_uri, markdown) if self.generated(page) else markdown
        )

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Put a generated page's HTML blocks back, their links rewritten and checked; while
        serving, keep what MkDocs made of a changed page."""
        if self.generated(page):
            html = with_block_links(self.set_aside.put_back(page, html), page, files)
        if self.serving:
            self.cache.store_render(page)
        return html

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        """Point 'Edit this page' at the YAML file a generated page came from."""
        origins = self.last_good.built.origins if self.last_good else {}
        origin = origins.get(page.file.src_uri)
        if origin is not None or page.file.generated_by:
            page.edit_url = edit_url(self.config.edit_base, origin, self.root)
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Add the JSON-LD of the claims a topic page shows, and while serving the errors."""
        self.pages_done += 1
        self.progress.pages(self.pages_done, self.pages_total)
        if not self.serving:
            return self.finish(output, page)
        output = self.cache.finished(page) or self.cache.keep_output(
            page, self.finish(output, page)
        )
        return with_banner(output, self.banner) if self.banner else output

    def finish(self, output: str, page: Page) -> str:
        """Add the JSON-LD, and mark the page's body for Pagefind when it searches the site."""
        output = self.with_jsonld(output, page)
        return indexed(output, page) if self.pagefind else output

    def with_jsonld(self, output: str, page: Page) -> str:
        """Add the JSON-LD of the claims a topic page shows."""
        block = self.last_good.linked_data.get(page.file.src_uri, "") if self.last_good else ""
        return output.replace("</head>", block + "</head>", 1) if block else output

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        """Rebuild when content, article texts, templates or site assets change."""
        assert self.settings is not None
        for folder in (self.settings.content_dir, self.settings.seeds_dir, TEMPLATES):
            if folder.exists():
                server.watch(str(folder))
        server.watch(str(ASSETS))
        server.watch(str(OVERRIDES))
        return server
