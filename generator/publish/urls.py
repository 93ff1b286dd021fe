"""The links of the HTML blocks a page holds, from generated `.md` paths to the site's URLs.

Parts of a page are written as HTML blocks (publish/render.py), whose links name
the generated page they point at (`../sources/s1.md#q-c1-0`), as Markdown links do.
A Markdown engine rewrites a Markdown link to the page's URL but leaves raw HTML
as it is: the MkDocs plugin rewrites and checks these links itself
(site/htmlblocks.py), and `briefing build` writes them here as URLs, for an engine
that runs no plugin of ours (Zensical, or MkDocs on the written folder).
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Callable

# A link the templates write to a generated page: a relative `.md` path, maybe an anchor.
# Content is escaped (`"` and `=` are character references), so it never writes one.
PAGE_HREF = re.compile(r'href="(?P<path>[^":#?]*\.md)(?P<anchor>#[^"]*)?"')


def page_url(path: str, directory_urls: bool) -> str:
    """A page's URL relative to the site's root, as MkDocs makes it (File.url); paths are
    generated slugs, so nothing needs quoting."""
    folder, name = posixpath.split(path.removesuffix(".md"))
    name = "index" if name == "README" else name
    if not directory_urls:
        return posixpath.join(folder, f"{name}.html")
    if name == "index":
        return f"{folder or '.'}/"
    return posixpath.join(folder, name) + "/"


def url_parts(url: str) -> list[str]:
    """The folders and name of a URL relative to the site's root, normalized."""
    path = posixpath.normpath("/" + url)[1:]
    return path.split("/") if path else []


@functools.lru_cache(maxsize=65536)
def relative_url(url: str, from_url: str) -> str:
    """The link from the page at `from_url` to `url`, both relative to the site's root,
    written as MkDocs writes it (mkdocs.utils.get_relative_url)."""
    folder, _, name = from_url.rpartition("/")
    here = url_parts(folder if "." in name else from_url)
    there = url_parts(url)
    common = 0
    for a, b in zip(here, there, strict=False):
        if a != b:
            break
        common += 1
    relative = "/".join([".."] * (len(here) - common) + there[common:]) or "."
    return relative + "/" if url.endswith("/") else relative


def rewrite_page_links(text: str, page: str, url_of: Callable[[str, str], str | None]) -> str:
    """Rewrite every link to a generated page in `text` (written for the page at `page`).

    `url_of(target page, link as written)` gives the target's link, or None to keep it.
    """
    folder = posixpath.dirname(page)

    def rewritten(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(folder, match["path"]))
        url = url_of(target, match.group(0)[6:-1])
        return match.group(0) if url is None else f'href="{url}{match["anchor"] or ""}"'

    return PAGE_HREF.sub(rewritten, text)


def final_links(text: str, page: str, directory_urls: bool) -> str:
    """A page's Markdown with the links of its HTML blocks written as URLs."""
    here = page_url(page, directory_urls)
    return rewrite_page_links(
        text, page, lambda target, _: relative_url(page_url(target, directory_urls), here)
    )
