"""The HTML blocks of generated pages: kept out of Markdown's way, their links made MkDocs' own.

Figure tables, claim blocks, claim lists and article texts are written as HTML
blocks (publish/render.py): Markdown passes such a block through as it is, but
Python-Markdown and MkDocs still read every tag of it with Python's HTML parser
(to find where it ends, and its ids), which at ten thousand claims costs more
than converting the rest of the page. So the plugin sets each block aside before
conversion, leaving a one-word paragraph in its place, and puts it back into the
HTML after, taking its ids as MkDocs would have.

MkDocs rewrites and checks the links it parses from Markdown, never those of raw
HTML. The blocks link generated pages by their `.md` paths; `with_block_links`
makes each such link what MkDocs makes of a Markdown link: the target page's URL
relative to the linking page, a warning (an error under --strict) when no page
has that path, and the anchor recorded, so MkDocs checks it once every page is
rendered, as it checks its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from generator.publish.urls import rewrite_page_links

log = get_plugin_logger(__name__)
SELF_HREF = re.compile(r'href="#([^"]+)"')
# A block the templates write: a block-level element first, every line a tag's line.
BLOCK_START = re.compile(r"<(?:table|p|blockquote|ul|div|figure)[ >]")
# Its stand-in: content never writes it, as content's hyphens are character references.
STAND_IN = "bf-html-block-{}"
PUT_BACK = re.compile(r"<p>bf-html-block-([0-9]+)</p>")
ID = re.compile(r'\sid="([^"]+)"')


def is_block(chunk: str) -> bool:
    """Tell whether a chunk of Markdown between blank lines is one of the HTML blocks."""
    lines = chunk.split("\n")
    return (
        bool(BLOCK_START.match(chunk))
        and lines[-1].endswith(">")
        and all(line.startswith("<") for line in lines)
    )


@dataclass
class SetAside:
    """The HTML blocks of the pages being built, set aside while Markdown converts them."""

    blocks: dict[str, list[str]] = field(default_factory=dict)

    def take(self, uri: str, markdown: str) -> str:
        """A page's Markdown with each HTML block replaced by its stand-in."""
        blocks: list[str] = []
        chunks = markdown.split("\n\n")
        for i, chunk in enumerate(chunks):
            block = chunk.rstrip("\n")  # the page's last chunk ends with its newline
            if is_block(block):
                chunks[i] = STAND_IN.format(len(blocks)) + chunk[len(block) :]
                blocks.append(block)
        self.blocks[uri] = blocks
        return "\n\n".join(chunks) if blocks else markdown

    def put_back(self, page: Page, html: str) -> str:
        """The page's HTML with its blocks in place; their ids join the page's anchors."""
        blocks = self.blocks.pop(page.file.src_uri, [])
        if not blocks:
            return html
        if page.present_anchor_ids is not None:
            for block in blocks:
                page.present_anchor_ids.update(ID.findall(block))
        return PUT_BACK.sub(lambda m: blocks[int(m.group(1))], html)


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
