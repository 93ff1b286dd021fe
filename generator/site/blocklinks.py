"""The links of a page's HTML blocks, made MkDocs' own: rewritten to URLs and validated.

MkDocs rewrites and checks the links it parses from Markdown, never those of raw
HTML. The parts of a generated page written as HTML blocks (publish/render.py)
link generated pages by their `.md` paths; this makes each such link what MkDocs
makes of a Markdown link: the target page's URL relative to the linking page, a
warning (an error under --strict) when no page has that path, and the anchor
recorded, so MkDocs checks it once every page is rendered, as it checks its own.
"""

from __future__ import annotations

import re

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from generator.publish.urls import rewrite_page_links

log = get_plugin_logger(__name__)
SELF_HREF = re.compile(r'href="#([^"]+)"')


def with_block_links(html: str, page: Page, files: Files) -> str:
    """The page's HTML with the links of its HTML blocks rewritten and recorded for checking."""
    by_uri = files.src_uris
    here = page.file
    anchors = page.links_to_anchors  # None when MkDocs does not check anchors
    if anchors is not None:  # links within the page; recording MkDocs' own again is harmless
        own = anchors.setdefault(here, {})
        for anchor in SELF_HREF.findall(html):
            own.setdefault(anchor, f"#{anchor}")
    if ".md" not in html:
        return html

    def url_of(target: str, written: str) -> str | None:
        found = by_uri.get(target)
        if found is None:
            log.warning(
                f"Doc file '{here.src_uri}' contains a link '{written}', but the target "
                f"'{target}' is not found among documentation files."
            )
            return None
        _, _, anchor = written.partition("#")
        if anchor and anchors is not None:
            anchors.setdefault(found, {}).setdefault(anchor, written)
        return get_relative_url(found.url, here.url)

    return rewrite_page_links(html, here.src_uri, url_of)
