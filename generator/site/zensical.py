"""A Zensical project around the Markdown `briefing build` writes, buildable as it is.

Zensical reads a project's `mkdocs.yml` but runs none of its plugins: on the
briefing's own config it builds an empty site and reports no issue. So
`briefing build --engine zensical --out DIR` writes what Zensical needs:

    DIR/zensical.toml     site name, nav, stylesheet, search separator, theme
    DIR/docs/             every page and file the MkDocs site has
    DIR/overrides/        the page-title override (not Material's search partial,
                          which keeps Zensical's search on "Initializing search")

and `cd DIR && zensical build --strict` builds it. The theme and search
settings are those of the project's mkdocs.yml (a test keeps them equal).
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from typing import Any

from generator.resources import ASSET_PREFIX, OVERRIDES, VENDOR
from generator.site.nav import nav_for
from generator.view.views import BriefingView

# Split on white space, hyphens, dashes and slashes only, so that figures written
# with thousands separators ("2,700", "11,000") stay one term.
SEARCH_SEPARATOR = r"[\s\-\u2013\u2014/]+"
FEATURES = [
    "navigation.tabs",
    "navigation.sections",
    "navigation.top",
    "navigation.indexes",
    "search.highlight",
    "search.suggest",
    "toc.follow",
]
PALETTE: list[dict[str, Any]] = [
    {
        "media": "(prefers-color-scheme: light)",
        "scheme": "default",
        "primary": "indigo",
        "accent": "deep orange",
        "toggle": {"icon": "material/weather-night", "name": "Switch to dark mode"},
    },
    {
        "media": "(prefers-color-scheme: dark)",
        "scheme": "slate",
        "primary": "indigo",
        "accent": "amber",
        "toggle": {"icon": "material/weather-sunny", "name": "Switch to light mode"},
    },
]
OFFLINE_SHIM = "assets/vendor/iframe-worker-shim.js"
DOCS = "docs"


def zensical_project(
    view: BriefingView, files: Mapping[str, str | bytes], *, offline: bool = False
) -> dict[str, str | bytes]:
    """Every file of the project, by its path in DIR: the config, docs/ and overrides/."""
    docs = dict(files)
    if offline:
        docs[OFFLINE_SHIM] = (VENDOR / "iframe-worker" / "shim.js").read_bytes()
    project: dict[str, str | bytes] = {f"{DOCS}/{path}": data for path, data in docs.items()}
    project["overrides/main.html"] = (OVERRIDES / "main.html").read_bytes()
    project["zensical.toml"] = zensical_toml(view, offline=offline)
    return project


def zensical_toml(view: BriefingView, *, offline: bool = False) -> str:
    """The project's zensical.toml."""
    b = view.briefing
    summary = b.summary.strip().split("\n")[0] if b.summary else ""
    project: dict[str, Any] = {
        # The theme writes both into pages as HTML, some places unescaped: content is
        # escaped here, as the navigation's titles are.
        "site_name": html.escape(b.title, quote=True),
        "site_description": html.escape(summary, quote=True),
        "docs_dir": DOCS,
        "site_dir": "site",
        "use_directory_urls": not offline,
        "nav": nav_for(view),
        "extra_css": [f"{ASSET_PREFIX}/briefing.css"],
    }
    if offline:
        # Listed here, the vendored polyfill stands in for the one the offline
        # plugin would otherwise load from a CDN.
        project["extra"] = {"polyfills": [OFFLINE_SHIM], "offline_build": True}
    lines = ["# Written by `briefing build --engine zensical`; build with `zensical build`.", ""]
    lines += table("project", project)
    theme = {"name": "material", "custom_dir": "overrides", "language": "en", "font": False}
    lines += table("project.theme", {**theme, "features": FEATURES})
    for palette in PALETTE:
        lines += ["[[project.theme.palette]]", *pairs(palette), ""]
    lines += table("project.plugins.search", {"separator": SEARCH_SEPARATOR})
    lines += table("project.plugins.offline", {"enabled": offline})
    lines += table("project.markdown_extensions.attr_list", {})
    lines += table("project.markdown_extensions.tables", {})
    lines += table("project.markdown_extensions.toc", {"permalink": True})
    return "\n".join(lines).rstrip("\n") + "\n"


def table(name: str, values: Mapping[str, Any]) -> list[str]:
    """A TOML table and a blank line after it."""
    return [f"[{name}]", *pairs(values), ""]


def pairs(values: Mapping[str, Any]) -> list[str]:
    """`key = value` lines; nested tables written inline."""
    return [f"{key(k)} = {toml_value(v)}" for k, v in values.items()]


def key(name: str) -> str:
    """A TOML key: bare when it can be, else quoted."""
    return name if name.replace("_", "").replace("-", "").isalnum() else toml_string(name)


def toml_value(value: Any) -> str:
    """A TOML value: strings, booleans, numbers, arrays and inline tables."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        if not value:
            return "[]"
        return "[\n" + "".join(f"  {toml_value(v)},\n" for v in value) + "]"
    if isinstance(value, Mapping):
        inner = ", ".join(f"{key(k)} = {toml_value(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    raise TypeError(f"no TOML form for {type(value).__name__}")


def toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = ['"']
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif (ord(char) < 0x20 and char != "\t") or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)
