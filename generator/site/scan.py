"""Check a built site for live markup that content could have smuggled in.

Every HTML page and the search index are parsed as a browser parses them,
by an HTML5 parser (lexbor, through selectolax), so that no comment, CDATA
section or raw-text trick hides from the scan what a browser runs. A page may
run only the theme's own scripts: files under
assets/javascripts/ (or the generator's own assets) and the inline scripts
that the installed theme's templates write, matched in full. Anything else
that executes, navigates or embeds is a finding: other scripts, on* event
attributes, URLs whose scheme is not http, https or mailto, frames, objects,
embeds, <base>, <meta http-equiv=refresh>, and forms or styles inside the
page's content. A site searched with Pagefind may hold in pagefind/ only the files
Pagefind writes, and each page its index lists must be a path inside the site.
"""

from __future__ import annotations

import bisect
import functools
import importlib.util
import json
import posixpath
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser
from selectolax.lexbor import LexborNode as Node

from generator.errors import Problem, Span
from generator.resources import OVERRIDES, site_assets
from generator.site.search import PAGEFIND, read_fragment

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
    # raw-text elements whose content a browser with scripting on and a parser without it
    # read differently: refused outright
    | {"noscript", "noembed", "noframes", "xmp", "plaintext"}
)
NOT_IN_CONTENT = frozenset(
    {"form", "input", "button", "textarea", "select", "style", "link", "meta", "template"}
)
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
URL_NOISE = re.compile(r"[\t\n\r]")  # browsers drop these anywhere in a URL
C0_AND_SPACE = "".join(chr(c) for c in range(0x21))  # and strip these at either end
DOT_ESCAPE = re.compile("%2e", re.I)  # a path segment of '%2e%2e' climbs like '..'
TEMPLATE_VALUE = re.compile(r"\{\{.*?\}\}")
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
# The files Pagefind writes into a site's pagefind/ folder (its prebuilt search interfaces,
# which the site does not use, are removed): its scripts, WebAssembly, and the index.
PAGEFIND_FILES = re.compile(
    r"pagefind\.js|pagefind-worker\.js|pagefind-entry\.json|wasm\.[a-z_-]+\.pagefind"
    r"|pagefind\.[a-z_-]+_[0-9a-f]+\.pf_meta"
    r"|(index/[a-z_-]+_[0-9a-f]+\.pf_index)|(fragment/[a-z_-]+_[0-9a-f]+\.pf_fragment)"
    r"|(filter/[a-z_-]+_[0-9a-f]+\.pf_filter)"
)


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


def site_path(page: str, url: str, root: str = "/") -> str | None:
    """Resolve a script's src against the page it appears on, as a path inside the site, the
    way a browser does: '\\' is '/', and '%2e' is '.' in '..' segments; None for a URL that
    names another host ('//host/...').

    `root` is the path the site is published under (site_url's, e.g. '/briefing/'): an
    absolute path inside it is a path of the site; one outside it is kept absolute, so it
    matches none of the site's files.
    """
    cleaned = URL_NOISE.sub("", url).strip(C0_AND_SPACE).replace("\\", "/")
    path = DOT_ESCAPE.sub(".", cleaned.split("?")[0].split("#")[0])
    if path.startswith("//"):
        return None
    if path.startswith(root):
        return posixpath.normpath(path[len(root) :])
    if path.startswith("/"):
        return posixpath.normpath(path)
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path))


class Locator:
    """Positions in a page's source for what its parsed tree holds.

    The HTML5 parser keeps no positions, so the k-th <tag> of the tree is placed at the
    k-th `<tag` of the source (implied elements, which the source lacks, at the last
    one), and an attribute at its name's first occurrence after that.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.lower = text.lower()
        self.lines = [0, *(m.end() for m in re.finditer("\n", text))]
        self.seen: dict[str, int] = {}
        self.starts: dict[str, list[int]] = {}

    def element(self, tag: str) -> int:
        """The offset of the next element of a tag, in tree order."""
        if tag not in self.starts:
            pattern = re.compile("<" + re.escape(tag) + r"[\s/>]")
            self.starts[tag] = [m.start() for m in pattern.finditer(self.lower)]
        k = self.seen.get(tag, 0)
        self.seen[tag] = k + 1
        starts = self.starts[tag]
        return starts[min(k, len(starts) - 1)] if starts else 0

    def attribute(self, at: int, name: str) -> int:
        """The offset of an attribute's name after an element's offset."""
        found = self.lower.find(name, at)
        return found if found >= 0 else at

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an offset."""
        line = bisect.bisect_right(self.lines, offset)
        return line, offset - self.lines[line - 1] + 1


Element = tuple[Node, str, dict[str, str | None], bool]


def walk(html: str, in_content: bool = False) -> Iterator[Element]:
    """Every element of a document as a browser's parser builds it, in tree order: the
    node, its tag and attributes (names lower-cased), and whether it is inside the page's
    <article> (the part written from content)."""
    root = LexborHTMLParser(html).root
    stack: list[tuple[Node, bool]] = [(root, in_content)] if root is not None else []
    while stack:
        node, inside = stack.pop()
        if node.is_element_node:
            tag = (node.tag or "").lower()
            attrs = {name.lower(): value for name, value in node.attributes.items()}
            yield node, tag, attrs, inside
            inside = inside or tag == "article"
        children = list(node.iter(include_text=False))
        stack.extend((child, inside) for child in reversed(children))


def elements(html: str) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    """What the scanner sees of a document: each element's tag and attributes, in order."""
    return [
        (tag, tuple(sorted((k, v or "") for k, v in attrs.items())))
        for _, tag, attrs, _ in walk(html)
    ]


@dataclass
class PageScanner:
    """Collect findings for one HTML document (a page, or a search-index fragment), parsed
    as a browser parses it (HTML5, by lexbor): comments, CDATA sections, raw-text elements
    and misnested tags end where a browser ends them, so what runs there is what is seen."""

    page: str
    own_assets: frozenset[str] = frozenset()
    fragment: bool = False
    config_scripts: frozenset[str] = frozenset()
    theme: Path | None = None
    root: str = "/"
    findings: list[Finding] = field(default_factory=list)

    def scan(self, text: str) -> list[Finding]:
        """Parse a document and check every element of it, in tree order."""
        html = f"<body>{text}" if self.fragment else text
        self.locate = Locator(html)
        for node, tag, attrs, in_content in walk(html, self.fragment):
            self.check_node(node, tag, attrs, in_content)
        return self.findings

    def check_node(
        self, node: Node, tag: str, attrs: dict[str, str | None], in_content: bool
    ) -> None:
        """Check one element and its attributes."""
        at = self.locate.element(tag)
        self.check_element(tag, attrs, in_content, at)
        for name, value in attrs.items():
            self.check_attribute(tag, name, value or "", at)
        if tag == "script":
            self.check_script(attrs, node.text(deep=True), at)

    def flag(self, offset: int, message: str, code: str) -> None:
        """Record a finding at an offset of the source."""
        line, col = self.locate.position(offset)
        self.findings.append(Finding(line, col, message, code))

    def check_element(
        self, tag: str, attrs: dict[str, str | None], in_content: bool, at: int
    ) -> None:
        """Elements that embed, navigate or submit have no place in a briefing page."""
        if tag in NEVER:
            self.flag(at, f"<{tag}> element", "scan-element")
        elif tag == "meta" and (attrs.get("http-equiv") or "").strip().lower() == "refresh":
            self.flag(at, "<meta http-equiv=refresh> redirects the page", "scan-element")
        elif tag in NOT_IN_CONTENT and in_content:
            self.flag(at, f"<{tag}> element inside the page content", "scan-element")

    def check_attribute(self, tag: str, name: str, value: str, at: int) -> None:
        """Event handlers and URLs with a scheme that runs code are findings."""
        where = self.locate.attribute(at, name)
        if name.startswith("on"):
            self.flag(where, f"event handler attribute '{name}' on <{tag}>", "scan-event-handler")
        elif name in URL_ATTRIBUTES or name.endswith(":href"):
            self.check_url(tag, name, value, where)
        elif name == "srcset":
            for url in srcset_urls(value):
                self.check_url(tag, name, url, where)
        elif name == "attributename" and (value.lower() in URL_ATTRIBUTES or value[:2] == "on"):
            self.flag(where, f"<{tag}> animates the '{value}' attribute", "scan-attribute")
        elif name == "style" and re.search(r"javascript:|expression\(", value, re.I):
            self.flag(where, f"style attribute on <{tag}> runs script", "scan-attribute")

    def check_url(self, tag: str, name: str, value: str, at: int) -> None:
        """Only http, https, mailto and relative URLs."""
        scheme = url_scheme(value)
        if scheme is not None and scheme not in SAFE_SCHEMES:
            shown = value if len(value) <= 60 else value[:57] + "..."
            message = f"{name} on <{tag}> uses the '{scheme}:' scheme ({shown!r})"
            self.flag(at, message, "scan-url")

    def is_known_script(self, src: str) -> bool:
        """A script file of the theme or the generator, or one the theme or config adds."""
        if src in THEME_EXTERNAL_SCRIPTS or src in self.config_scripts:
            return True
        target = site_path(self.page, src, self.root)
        if target is None or url_scheme(src) is not None:
            return False
        return target.startswith(THEME_SCRIPTS) or target in self.own_assets | self.config_scripts

    def check_script(self, attrs: dict[str, str | None], body: str, at: int) -> None:
        """Only the theme's own script files and its own inline scripts may run, and no
        script at all in a search-index fragment."""
        src = attrs.get("src") or ""
        if not self.fragment and self.is_theme_script(attrs, src, body):
            return
        where = f"src {src!r}" if src else f"inline script {body[:40]!r}"
        self.flag(at, f"<script> that is not the theme's ({where})", "scan-script")

    def is_theme_script(self, attrs: dict[str, str | None], src: str, body: str) -> bool:
        """A script file of the theme's loaded plainly, or an inline script the theme writes."""
        if src:
            return script_attributes_are_plain(attrs) and self.is_known_script(src)
        return is_theme_inline(attrs, body, self.theme)


def srcset_urls(value: str) -> list[str]:
    """The URL of each candidate of a srcset: what comes before its first white space."""
    return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]


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
    root: str = "/",
) -> list[Finding]:
    """Scan one HTML page (`theme`: the templates folder of the theme that wrote it; `root`:
    the path the site is published under)."""
    scanner = PageScanner(page, own_assets, config_scripts=config_scripts, theme=theme, root=root)
    return scanner.scan(text)


def scan_fragment(text: str) -> list[Finding]:
    """Scan an HTML fragment from the search index, where no script may appear at all."""
    return PageScanner("", fragment=True).scan(text)


def scan_search_index(raw: str) -> Iterator[tuple[int, str, Finding]]:
    """Scan every title and text of the search index; yield (column, field, finding).

    A finding is placed where its value is written in the index, looked for after the
    entries before it (column 1 when the index spells the value otherwise)."""
    data = json.loads(raw)
    docs = data.get("docs", data.get("items", []))  # Material's index, Zensical's
    entry_start = 0
    for i, doc in enumerate(docs):
        entry_end = entry_start
        for key in ("title", "text", "location"):
            value = doc.get(key)
            if not isinstance(value, str):
                continue
            written = json.dumps(value)[1:-1]
            at = raw.find(written, entry_start)
            if at >= 0:
                entry_end = max(entry_end, at + len(written))
            found = scan_fragment(value) if key != "location" else location_findings(value)
            for finding in found:
                yield max(at, 0) + 1, f"docs[{i}].{key}", finding
        entry_start = entry_end


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
    root: str = "/",
) -> list[Problem]:
    """Scan every HTML page and the search index of a built site.

    config_scripts are script URLs the site's config declares (extra_javascript, the
    theme's polyfills): the project's own choice, so pages may load them. `theme` is
    the templates folder of the theme that built the site, when it is not Material; `root`
    the path it is published under (site_url's), where the theme's 404 page finds its files.
    """
    name = shown_as if shown_as is not None else str(site)
    assets = own_asset_paths()
    problems: list[Problem] = []
    for path in sorted(site.rglob("*.html")):
        page = path.relative_to(site).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        for f in scan_html(page, text, assets, config_scripts, theme, root):
            span = Span(f"{name}/{page}", f.line, f.col)
            problems.append(Problem(span=span, field="", message=f.message, code=f.code))
    for index in SEARCH_INDEXES:
        if (site / index).is_file():
            problems += index_problems(site / index, f"{name}/{index}")
    return problems + pagefind_problems(site, name)


def pagefind_problems(site: Path, name: str) -> list[Problem]:
    """Pagefind's folder holds only the files Pagefind writes, and each page it indexed
    links inside the site.

    Its scripts are Pagefind's own, loaded by the briefing's search worker (an own asset),
    never by a page: a page's <script> that names one is still a finding. Titles and texts
    in the fragments are text, which the worker escapes; they are not HTML to scan."""
    folder = site / PAGEFIND
    problems: list[Problem] = []
    for path in sorted(p for p in folder.rglob("*") if not p.is_dir()):
        relative = path.relative_to(folder).as_posix()
        shown = f"{name}/{PAGEFIND}/{relative}"
        if not PAGEFIND_FILES.fullmatch(relative):
            message = "a file Pagefind does not write"
            problems.append(
                Problem(span=Span(shown, 1, 1), field="", message=message, code="scan-pagefind")
            )
        elif relative.endswith(".pf_fragment"):
            problems += fragment_problems(path, shown)
    return problems


def fragment_problems(path: Path, shown: str) -> list[Problem]:
    """A fragment must be readable, and its page's URL a path inside the site."""
    try:
        url = read_fragment(path.read_bytes()).get("url")
    except (OSError, ValueError, EOFError, zlib.error) as error:
        message = f"not a Pagefind fragment: {error}"
        return [Problem(span=Span(shown, 1, 1), field="", message=message, code="scan-pagefind")]
    if not isinstance(url, str) or url_scheme(url) is not None or url.startswith("//"):
        message = f"the page's URL is not a path inside the site ({str(url)[:60]!r})"
        return [Problem(span=Span(shown, 1, 1), field="url", message=message, code="scan-url")]
    return []


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
