"""The MkDocs plugin `briefing`: a thin adapter over the pipeline.

Pages are added in on_files with File.generated (nothing is written into
docs_dir), inputs are watched in on_serve, and content problems go through
the plugin logger, so `mkdocs build --strict` fails on them while a running
`mkdocs serve` keeps serving the last good pages with the problems on top.
While serving, the pipeline keeps what it made between builds (generator.speed.reuse)
and MkDocs is handed the finished pages that did not change (generator.site.pagecache).
"""

from __future__ import annotations

import hashlib
import html
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from generator.view.analyse import topic_path
from generator.content.check import Settings
from generator.view.claimview import ClaimView
from generator.errors import BriefingError
from generator.changes.history import git_history, history_files
from generator.publish.opendata import data_files, jsonld_for
from generator.site.pagecache import CompiledTemplates, PageCache, PageKey, wrap_search
from generator.pipeline import (
    Built,
    build_pages,
    collect_when_idle,
    tune_garbage_collector,
)
from generator.resources import ASSETS, TEMPLATES, VENDOR, site_assets
from generator.report import headline
from generator.speed.reuse import Reuse, made, tree_stamp

log = get_plugin_logger(__name__)
SOURCES_IN_NAV = 50
OFFLINE_SHIM = "assets/vendor/iframe-worker-shim.js"


class BriefingConfig(Config):
    """Options of the briefing plugin in mkdocs.yml."""

    content_dir = c.Type(str, default="content")
    seeds_dir = c.Type(str, default="seeds")
    edit_base = c.Optional(c.Type(str))


def plugin_folders(config_file: Path) -> tuple[Path, Path]:
    """Read the briefing plugin's content and seeds folders from a MkDocs config file."""
    from mkdocs.config import load_config

    config = load_config(str(config_file))
    plugin = config.plugins.get("briefing")
    if not isinstance(plugin, BriefingPlugin):
        raise PluginError(f"{config_file} does not use the briefing plugin")
    root = config_file.resolve().parent
    return root / plugin.config.content_dir, root / plugin.config.seeds_dir


def nav_for(built: Built) -> list[Any]:
    """The navigation: briefing pages in order, claims by topic, sources, methodology."""
    from generator.view.analyse import topic_title

    nav: list[Any] = []
    for page in built.view.pages:
        if page.kind == "sources" and sources_in_nav(built):
            sources = [{title(s.source.title): s.path} for s in built.view.sources.values()]
            nav.append({title(page.title): [page.path, *sources]})
        else:
            nav.append({title(page.title): page.path})
    topics = [{title(topic_title(t)): topic_path(t)} for t in built.view.topics]
    nav.insert(1 if nav else 0, {"Claims by topic": topics})
    nav.append({"What's new": "whats-new.md"})
    nav.append({"Methodology": "methodology.md"})
    return nav


def title(text: str) -> str:
    """A navigation title: the theme writes these as HTML, so content text is escaped."""
    return html.escape(text, quote=True)


def sources_in_nav(built: Built) -> bool:
    """List source pages in the navigation only while that keeps every page small."""
    return len(built.view.sources) <= SOURCES_IN_NAV


def page_inclusion(built: Built, path: str, parts: set[str]) -> InclusionLevel:
    """Pages that keep the navigation small stay out of it; the pages above link them.

    Source pages of large briefings (the sources index links them) and the parts of a
    split list (the list's own page links them).
    """
    if path.startswith("sources/") and path != "sources/index.md" and not sources_in_nav(built):
        return InclusionLevel.NOT_IN_NAV
    return InclusionLevel.NOT_IN_NAV if path in parts else InclusionLevel.UNDEFINED


def error_banner(error: BriefingError) -> str:
    """A block shown on every page while the content has errors (serve only)."""
    lines = "".join(f"<li><code>{html.escape(headline(p))}</code></li>" for p in error.problems)
    return (
        '<div class="bf-errors" role="alert"><p><strong>The content has errors; '
        "showing the last good version.</strong></p>"
        f"<ul>{lines}</ul></div>\n"
    )


ARTICLE_START = '<article class="md-content__inner md-typeset">'


def with_banner(output: str, banner: str) -> str:
    """Put the error banner at the top of a page's content (or of its body)."""
    at = output.find(ARTICLE_START)
    if at >= 0:
        at += len(ARTICLE_START)
    else:
        body = output.find("<body")
        at = output.find(">", body) + 1 if body >= 0 else 0
    return output[:at] + banner + output[at:]


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


def repository_root(path: Path) -> Path | None:
    """The nearest folder above a path that holds a git repository."""
    return next((p for p in path.parents if (p / ".git").exists()), None)


def offline_enabled(config: MkDocsConfig) -> bool:
    """Tell whether Material's offline plugin is on in this build."""
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin is not None and getattr(plugin, "config", {}).get("enabled", False))


class BriefingPlugin(BasePlugin[BriefingConfig]):
    """Generate the briefing's pages from its content and article texts."""

    def __init__(self) -> None:
        self.serving = False
        self.last_good: Built | None = None
        self.settings: Settings | None = None
        self.root = Path.cwd()
        self.user_nav = False
        self.offline = False
        self.banner = ""
        self.cache = PageCache()
        self.compiled = CompiledTemplates()
        self.reuse = Reuse()

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Remember whether we serve: then errors must not stop the server."""
        self.serving = command == "serve"
        if self.serving:
            tune_garbage_collector()  # each rebuild allocates as much as a whole build

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Resolve the content and seeds folders next to mkdocs.yml; add the stylesheet."""
        self.root = Path(config.config_file_path or ".").resolve().parent
        self.settings = Settings(
            self.root / self.config.content_dir, self.root / self.config.seeds_dir
        )
        self.user_nav = config.nav is not None
        self.offline = offline_enabled(config)
        if self.offline:
            # Material's offline plugin loads this shim from a CDN unless one is listed;
            # list the vendored copy so an offline site makes no request elsewhere.
            config.extra["polyfills"] = [*config.extra.get("polyfills", []), OFFLINE_SHIM]
        for name in site_assets():
            if name.endswith(".css") and name not in config.extra_css:
                config.extra_css.append(name)
        return config

    def build(self) -> tuple[Built, BriefingError | None]:
        """Run the pipeline; in serve mode fall back to the last good pages."""
        assert self.settings is not None
        try:
            built = build_pages(self.settings, self.reuse if self.serving else None)
        except BriefingError as error:
            for problem in error.problems:
                log.error(headline(problem))
            if not self.serving or self.last_good is None:
                raise PluginError(
                    f"the briefing content has {len(error.problems)} problem(s)"
                ) from None
            return self.last_good, error
        for warning in built.checked.warnings:
            log.warning(headline(warning))
        self.last_good = built
        return built, None

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add every generated page and asset as a virtual file."""
        built, error = self.build()
        self.banner = error_banner(error) if error else ""
        parts = built.view.part_paths()
        for path, markdown in built.pages.items():
            inclusion = page_inclusion(built, path, parts)
            files.append(File.generated(config, path, content=markdown, inclusion=inclusion))
        for path, data in site_assets().items():
            files.append(File.generated(config, path, content=data))
        for path, data in data_files(
            built.view, self.reuse.exported if self.serving else None
        ).items():
            files.append(File.generated(config, path, content=data))
        assert self.settings is not None
        for path, text in self.history_files(built, config).items():
            files.append(File.generated(config, path, content=text))
        self.jsonld = {
            path: self.linked_data(path, cs) for path, cs in built.view.claim_pages().items()
        }
        if self.offline:
            shim = (VENDOR / "iframe-worker" / "shim.js").read_bytes()
            files.append(File.generated(config, OFFLINE_SHIM, content=shim))
        if not self.user_nav:
            config.nav = nav_for(built)
        self.origins = built.origins
        if self.serving:
            keys: dict[str, PageKey] = {
                path: (markdown, built.origins.get(path), self.jsonld.get(path, ""))
                for path, markdown in built.pages.items()
            }
            self.cache.begin(build_shape(config, files, config.nav), keys)
            log.info(f"{len(self.cache.reused)} of {len(keys)} generated pages unchanged")
        return files

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """While serving, let the search index take unchanged pages' entries as they were."""
        if self.serving:
            wrap_search(config.plugins.values(), self.cache)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """While serving, free what this build left behind once the server is idle."""
        if self.serving:
            collect_when_idle()

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

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """While serving, keep what MkDocs made of a changed page."""
        if self.serving:
            self.cache.store_render(page)
        return html

    def linked_data(self, path: str, claims: list[ClaimView]) -> str:
        """The JSON-LD of a page's claims; while serving, kept while the claims are equal."""
        memo = self.reuse.linked_data if self.serving else None
        return made(memo, path, claims, lambda: jsonld_for(claims))

    def history_files(self, built: Built, config: MkDocsConfig) -> dict[str, str]:
        """The 'What's new' page and Atom feed, from the content folder's git history."""
        assert self.settings is not None
        b = built.view.briefing
        page_url = "whats-new/" if config.use_directory_urls else "whats-new.html"
        commits = git_history(self.settings.content_dir)
        return history_files(commits, b.title, b.as_of, page_url)

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Add the JSON-LD of the claims a topic page shows, and while serving the errors."""
        if not self.serving:
            return self.with_jsonld(output, page)
        output = self.cache.finished(page) or self.cache.keep_output(
            page, self.with_jsonld(output, page)
        )
        return with_banner(output, self.banner) if self.banner else output

    def with_jsonld(self, output: str, page: Page) -> str:
        """Add the JSON-LD of the claims a topic page shows."""
        block = getattr(self, "jsonld", {}).get(page.file.src_uri, "")
        return output.replace("</head>", block + "</head>", 1) if block else output

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        """Point 'Edit this page' at the YAML file a generated page came from."""
        origin = getattr(self, "origins", {}).get(page.file.src_uri)
        if origin is not None or page.file.generated_by:
            base = self.config.edit_base
            page.edit_url = (
                (base.rstrip("/") + "/" + self.relative(origin)) if base and origin else None
            )
        return context

    def relative(self, origin: str) -> str:
        """A content file's path inside its repository (or the folder of mkdocs.yml)."""
        path = Path(origin).resolve()
        base = repository_root(path) or self.root
        try:
            return path.relative_to(base).as_posix()
        except ValueError:
            return path.as_posix()

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        """Rebuild when content, article texts, templates or site assets change."""
        assert self.settings is not None
        for folder in (self.settings.content_dir, self.settings.seeds_dir, TEMPLATES):
            if folder.exists():
                server.watch(str(folder))
        server.watch(str(ASSETS))
        return server
