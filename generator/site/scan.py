"""Check a built site for live markup that content could have smuggled in.

Every HTML page and the search index are parsed with the standard library's
html.parser. A page may run only the theme's own scripts: files under
assets/javascripts/ (or the generator's own assets) and the inline scripts
that the installed theme's templates write, matched in full. Anything else
that executes, navigates or embeds is a finding: other scripts, on* event
attributes, URLs whose scheme is not http, https or mailto, frames, objects,
embeds, <base>, <meta http-equiv=refresh>, and forms or styles inside the
page's content.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from generator.errors import Problem, Span
from generator.resources import OVERRIDES, site_assets

THEME_SCRIPTS = "assets/javascripts/"
# The one external script the theme itself adds: Material's offline plugin loads this
# polyfill (material/plugins/offline/plugin.py) so search works from file://.
THEME_EXTERNAL_SCRIPTS = frozenset({"https://unpkg.com/iframe-worker/shim"})
OWN_ASSETS = "assets/briefing/"
SCRIPT_TYPES = frozenset({"text/javascript", "module", "application/javascript"})
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "cite"}
)
NEVER = frozenset(
    {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
    # raw-text elements that browsers parse differently from html.parser (mutation XSS)
    | {"noscript", "noembed", "noframes", "xmp", "plaintext"}
)
NOT_IN_CONTENT = frozenset(
    {"form", "input", "button", "textarea", "select", "style", "link", "meta", "template"}
)
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track"}
    | {"wbr", "param", "keygen"}
)
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
URL_NOISE = re.compile(r"[\t\n\r]")  # browsers drop these anywhere in a URL
C0_AND_SPACE = "".join(chr(c) for c in range(0x21))  # and strip these at either end
TEMPLATE_VALUE = re.compile(r"\{\{.*?\}\}")
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


@dataclass(frozen=True)
class Finding:
    """One piece of live markup where there should be none."""

    line: int
    col: int
    message: str
    code: str


def theme_template_dirs(theme: Path | None = None) -> list[Path]:
    """The folders whose templates may write inline scripts: the theme and our overrides.

    The theme is Material's (installed with the tool) unless `theme` names the templates
    folder of the one that built the site (Zensical's, say).
    """
    if theme is not None:
        return [theme, OVERRIDES]
    spec = importlib.util.find_spec("material")
    if spec is None or spec.origin is None:  # pragma: no cover - the theme is a dependency
        return [OVERRIDES]
    return [Path(spec.origin).resolve().parent / "templates", OVERRIDES]


@functools.cache
def known_inline_scripts(theme: Path | None = None) -> tuple[re.Pattern[str], ...]:
    """Every inline script the theme's templates write, as an exact pattern.

    A template value inside a script (the site's base URL) may only be a relative
    or absolute path: letters, digits, '.', '/', '_' and '-', never a quote.
    """
    patterns: list[re.Pattern[str]] = []
    for folder in theme_template_dirs(theme):
        for template in sorted(folder.glob("partials/javascripts/*.html")):
            for body in INLINE_SCRIPT.findall(template.read_text(encoding="utf-8")):
                parts = [re.escape(p) for p in TEMPLATE_VALUE.split(body)]
                patterns.append(re.compile("[A-Za-z0-9./_-]*".join(parts)))
    return tuple(patterns)


def is_theme_inline_script(body: str, theme: Path | None = None) -> bool:
    """Tell whether an inline script is exactly one the theme writes."""
    return any(p.fullmatch(body) for p in known_inline_scripts(theme))


def url_scheme(value: str) -> str | None:
    """The scheme a browser would see in a URL, or None for a relative URL."""
    cleaned = URL_NOISE.sub("", value).strip(C0_AND_SPACE)
    match = SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


def site_path(page: str, url: str) -> str:
    """Resolve a script's src against the page it appears on, as a path inside the site."""
    path = url.split("?")[0].split("#")[0]
    if path.startswith("/"):
        return posixpath.normpath(path.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path))


class PageScanner(HTMLParser):
    """Collect findings for one HTML document (a page, or a search-index fragment)."""

    def __init__(
        self,
        page: str,
        own_assets: frozenset[str] = frozenset(),
        fragment: bool = False,
        config_scripts: frozenset[str] = frozenset(),
        theme: Path | None = None,
    ) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.theme = theme
        self.own_assets = own_assets
        self.config_scripts = config_scripts
        self.fragment = fragment
        self.findings: list[Finding] = []
        self.open_tags: list[str] = []
        self.content_depth: int | None = None
        self.script: tuple[int, int, dict[str, str | None]] | None = None
        self.script_body: list[str] = []

    def flag(self, message: str, code: str) -> None:
        """Record a finding at the parser's current position."""
        line, offset = self.getpos()
        self.findings.append(Finding(line, offset + 1, message, code))

    @property
    def in_content(self) -> bool:
        """True inside the page's article: the part written from content."""
        return self.fragment or self.content_depth is not None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Check an element and its attributes; track the article and scripts."""
        self.check_tag(tag, attrs)
        if tag == "script":
            self.script = (*self.getpos(), dict(attrs))
            self.script_body = []
        if tag in VOID:
            return
        if tag == "article" and self.content_depth is None:
            self.content_depth = len(self.open_tags)
        self.open_tags.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Check a self-closing element (SVG writes these)."""
        self.check_tag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        """Close an element; finish a script."""
        if tag == "script" and self.script is not None:
            self.check_script("".join(self.script_body))
            self.script = None
        if tag in self.open_tags:
            while self.open_tags and self.open_tags.pop() != tag:
                pass
        if self.content_depth is not None and len(self.open_tags) <= self.content_depth:
            self.content_depth = None

    def handle_data(self, data: str) -> None:
        """Collect a script's body."""
        if self.script is not None:
            self.script_body.append(data)

    def check_tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Check an element, its raw start tag and each attribute."""
        self.check_element(tag, dict(attrs))
        raw = self.get_starttag_text() or ""
        if "<" in raw[1:]:
            # Escaped output never holds a raw '<' in an attribute; browsers and this
            # parser may disagree on where such a tag ends (mutation XSS).
            self.flag(f"raw '<' inside the <{tag}> tag", "scan-attribute")
        for name, value in attrs:
            self.check_attribute(tag, name, value or "")

    def check_element(self, tag: str, attrs: dict[str, str | None]) -> None:
        """Elements that embed, navigate or submit have no place in a briefing page."""
        if tag in NEVER:
            self.flag(f"<{tag}> element", "scan-element")
        elif tag == "meta" and (attrs.get("http-equiv") or "").strip().lower() == "refresh":
            self.flag("<meta http-equiv=refresh> redirects the page", "scan-element")
        elif tag in NOT_IN_CONTENT and self.in_content:
            self.flag(f"<{tag}> element inside the page content", "scan-element")

    def check_attribute(self, tag: str, name: str, value: str) -> None:
        """Event handlers and URLs with a scheme that runs code are findings."""
        if name.startswith("on"):
            self.flag(f"event handler attribute '{name}' on <{tag}>", "scan-event-handler")
        elif name in URL_ATTRIBUTES or name.endswith(":href"):
            self.check_url(tag, name, value)
        elif name == "srcset":
            for candidate in value.split(","):
                self.check_url(tag, name, candidate.strip().split(" ")[0])
        elif name == "attributename" and (value.lower() in URL_ATTRIBUTES or value[:2] == "on"):
            self.flag(f"<{tag}> animates the '{value}' attribute", "scan-attribute")
        elif name == "style" and re.search(r"javascript:|expression\(", value, re.I):
            self.flag(f"style attribute on <{tag}> runs script", "scan-attribute")

    def check_url(self, tag: str, name: str, value: str) -> None:
        """Only http, https, mailto and relative URLs."""
        scheme = url_scheme(value)
        if scheme is not None and scheme not in SAFE_SCHEMES:
            shown = value if len(value) <= 60 else value[:57] + "..."
            self.flag(f"{name} on <{tag}> uses the '{scheme}:' scheme ({shown!r})", "scan-url")

    def is_known_script(self, src: str) -> bool:
        """A script file of the theme or the generator, or one the theme or config adds."""
        if src in THEME_EXTERNAL_SCRIPTS or src in self.config_scripts:
            return True
        target = site_path(self.page, src)
        ours = target.startswith(THEME_SCRIPTS) or target in self.own_assets
        return url_scheme(src) is None and (ours or target in self.config_scripts)

    def check_script(self, body: str) -> None:
        """Only the theme's own script files and its own inline scripts may run."""
        assert self.script is not None
        line, offset, attrs = self.script
        src = attrs.get("src") or ""
        if src:
            if script_attributes_are_plain(attrs) and self.is_known_script(src):
                return
            where = f"src {src!r}"
        elif not self.fragment and is_theme_inline(attrs, body, self.theme):
            return
        else:
            where = f"inline script {body[:40]!r}"
        message = f"<script> that is not the theme's ({where})"
        self.findings.append(Finding(line, offset + 1, message, "scan-script"))


def script_attributes_are_plain(attrs: dict[str, str | None]) -> bool:
    """A script file loaded plainly: src, defer, async, and a JavaScript type at most."""
    kind = (attrs.get("type") or "text/javascript").lower()
    return set(attrs) <= {"src", "defer", "async", "type"} and kind in SCRIPT_TYPES


def is_theme_inline(attrs: dict[str, str | None], body: str, theme: Path | None = None) -> bool:
    """An inline script the theme writes, or its JSON configuration block (never run)."""
    if not attrs:
        return is_theme_inline_script(body, theme)
    if attrs == {"type": "application/ld+json"}:  # structured data: never run; no '<' to end it
        return is_json(body) and "<" not in body
    return attrs == {"id": "__config", "type": "application/json"} and is_json(body)


def is_json(text: str) -> bool:
    """Tell whether a text is valid JSON."""
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def scan_html(
    page: str,
    text: str,
    own_assets: frozenset[str] = frozenset(),
    config_scripts: frozenset[str] = frozenset(),
    theme: Path | None = None,
) -> list[Finding]:
    """Scan one HTML page (`theme`: the templates folder of the theme that wrote it)."""
    scanner = PageScanner(page, own_assets, config_scripts=config_scripts, theme=theme)
    scanner.feed(text)
    scanner.close()
    return scanner.findings


def scan_fragment(text: str) -> list[Finding]:
    """Scan an HTML fragment from the search index, where no script may appear at all."""
    scanner = PageScanner("", fragment=True)
    scanner.feed(text)
    scanner.close()
    return scanner.findings


def scan_search_index(raw: str) -> Iterator[tuple[int, str, Finding]]:
    """Scan every title and text of the search index; yield (column, field, finding)."""
    data = json.loads(raw)
    docs = data.get("docs", data.get("items", []))  # Material's index, Zensical's
    for i, doc in enumerate(docs):
        for key in ("title", "text", "location"):
            value = doc.get(key)
            if not isinstance(value, str):
                continue
            found = scan_fragment(value) if key != "location" else location_findings(value)
            for finding in found:
                at = raw.find(json.dumps(value)[1:-1])
                yield max(at, 0) + 1, f"docs[{i}].{key}", finding


def location_findings(location: str) -> list[Finding]:
    """A search result's location is a link; it must be relative."""
    scheme = url_scheme(location)
    if scheme is None:
        return []
    return [Finding(1, 1, f"location uses the '{scheme}:' scheme", "scan-url")]


def own_asset_paths() -> frozenset[str]:
    """The generator's own asset files, which pages may load as scripts."""
    return frozenset(site_assets())


SEARCH_INDEXES = ("search/search_index.json", "search.json")  # Material's, Zensical's


def scan_site(
    site: Path,
    shown_as: str | None = None,
    config_scripts: frozenset[str] = frozenset(),
    theme: Path | None = None,
) -> list[Problem]:
    """Scan every HTML page and the search index of a built site.

    config_scripts are script URLs the site's config declares (extra_javascript, the
    theme's polyfills): the project's own choice, so pages may load them. `theme` is
    the templates folder of the theme that built the site, when it is not Material.
    """
    name = shown_as if shown_as is not None else str(site)
    assets = own_asset_paths()
    problems: list[Problem] = []
    for path in sorted(site.rglob("*.html")):
        page = path.relative_to(site).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        for f in scan_html(page, text, assets, config_scripts, theme):
            span = Span(f"{name}/{page}", f.line, f.col)
            problems.append(Problem(span=span, field="", message=f.message, code=f.code))
    for index in SEARCH_INDEXES:
        if (site / index).is_file():
            problems += index_problems(site / index, f"{name}/{index}")
    return problems


def index_problems(index: Path, shown: str) -> list[Problem]:
    """Scan a search index's titles, texts and locations."""
    raw = index.read_text(encoding="utf-8", errors="replace")
    try:
        return [
            Problem(span=Span(shown, 1, col), field=where, message=f.message, code=f.code)
            for col, where, f in scan_search_index(raw)
        ]
    except ValueError as error:
        message = f"not JSON: {error}"
        return [Problem(span=Span(shown, 1, 1), field="", message=message, code="scan-json")]
