"""A news page's main text: what `briefing import` archives.

The page is parsed as a browser would (lexbor, through selectolax), and everything that
is not the article is taken out first: navigation, adverts, share bars, captions,
related links, comments, cookie banners, forms, short lines that are mostly a link.
trafilatura (the `import` extra) then finds the main text, written as plain paragraphs
separated by blank lines; the metadata comes from content/pagemeta.py. Nothing in the
page is run or kept as markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from generator.content.pagemeta import Metadata, clean_chars, page_metadata

# Elements that are never the article's text, by tag and by ARIA role.
NOT_TEXT_TAGS = (
    *("nav", "aside", "footer", "form", "figure", "figcaption", "iframe", "noscript"),
    *("button", "dialog", "template", "svg", "select"),
)
NOT_TEXT_ROLES = ("navigation", "complementary", "contentinfo", "dialog", "alertdialog")
NOT_TEXT = ", ".join([*NOT_TEXT_TAGS, *(f"[role={r}]" for r in NOT_TEXT_ROLES)])
# Words in a class or id that mark page furniture (matched as whole words of the name).
FURNITURE_WORDS = (
    "ad ads adv advert adverts advertisement advertising adslot dfp sponsor sponsored "
    "promo promoted outbrain taboola cookie cookies consent gdpr share shares sharing "
    "sharebar social related recommended recirculation comment comments disqus "
    "newsletter caption captions credit breadcrumb breadcrumbs paywall byline dateline "
    "timestamp date subscribe signup"
)
FURNITURE = frozenset(FURNITURE_WORDS.split())
FURNITURE_PHRASES = ("read-next", "read-more", "more-from", "most-read", "gpt-ad", "also-read")
# An element holding one of these is the article (or holds it), whatever its class says.
ARTICLE = "article, main, h1, [itemprop=articleBody]"
MAX_LINK_LINE = 120  # characters: a paragraph this short that is mostly a link is furniture


@dataclass(frozen=True)
class Extracted:
    """A page's main text (paragraphs separated by blank lines) and its metadata."""

    text: str
    meta: Metadata


class ExtractorMissing(Exception):
    """The `import` extra (trafilatura) is not installed."""


def words(name: str) -> set[str]:
    """The lower-case words of a class or id."""
    return set(re.split(r"[^a-z0-9]+", name.lower()))


def is_furniture(node: LexborNode) -> bool:
    """Tell page furniture by its class and id."""
    name = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}".lower()
    return bool(words(name) & FURNITURE) or any(p in name for p in FURNITURE_PHRASES)


def holds_article(node: LexborNode) -> bool:
    """Tell an element that is, or holds, the article itself."""
    return node.tag in ("html", "body", "main", "article") or bool(node.css_first(ARTICLE))


def is_removable(node: LexborNode) -> bool:
    """Tell furniture that does not hold the article."""
    role = (node.attributes.get("role") or "").strip().lower()
    not_text = node.tag in NOT_TEXT_TAGS or role in NOT_TEXT_ROLES or is_furniture(node)
    return not_text and not holds_article(node)


def is_layout_table(node: LexborNode) -> bool:
    """Tell a table used for layout (it holds paragraphs, headings or tables), not data."""
    # A node's own query finds the node itself too: a nested table makes two.
    return node.tag == "table" and (
        bool(node.css_first("p, h1, h2, h3")) or len(node.css("table")) > 1
    )


def outermost(nodes: list[LexborNode]) -> list[LexborNode]:
    """The nodes that lie inside none of the others."""
    unique = {node.mem_id: node for node in nodes}
    chosen = set(unique)
    kept = []
    for node in unique.values():
        parent = node.parent
        while parent is not None and parent.mem_id not in chosen:
            parent = parent.parent
        if parent is None:
            kept.append(node)
    return kept


def is_link_line(node: LexborNode) -> bool:
    """Tell a short paragraph that is mostly a link ("Read more: ...", "Our standards: ...")."""
    if node.tag not in ("p", "li"):
        return False
    text = " ".join((node.text(deep=True) or "").split())
    linked = sum(len(" ".join((a.text(deep=True) or "").split())) for a in node.css("a"))
    return 0 < len(text) <= MAX_LINK_LINE and linked >= len(text) / 2


def without_furniture(html: str) -> str:
    """The page with navigation, adverts, captions, comments and the like taken out."""
    tree = LexborHTMLParser(html)
    # Only the outermost are taken out: taking an element out frees its descendants, so
    # none of them may be touched after it.
    found = [node for node in tree.css(f"{NOT_TEXT}, [class], [id]") if is_removable(node)]
    found += [node for node in tree.css("p, li") if is_link_line(node)]
    for node in outermost(found):
        node.decompose()
    tables = [node for node in tree.css("table") if is_layout_table(node)]
    for table in outermost(tables):
        table.unwrap_tags(["table", "thead", "tbody", "tfoot", "tr", "td", "th"])
        table.unwrap()
    return tree.html or ""


def as_paragraphs(text: str) -> str:
    """One paragraph a line becomes paragraphs separated by blank lines."""
    lines = [" ".join(clean_chars(line).split()) for line in text.splitlines()]
    kept = [line for line in lines if line]
    return "\n\n".join(kept) + "\n" if kept else ""


def main_text(html: str) -> tuple[str, Any]:
    """The article's text, and trafilatura's own reading of the page's metadata (a fallback)."""
    try:
        import trafilatura
    except ImportError:
        raise ExtractorMissing from None
    found = trafilatura.bare_extraction(
        without_furniture(html),
        with_metadata=False,
        include_comments=False,
        include_images=False,
        include_tables=True,
        favor_precision=True,
        deduplicate=False,
    )
    text = getattr(found, "text", None)
    fallback = trafilatura.extract_metadata(html)
    return (as_paragraphs(text) if isinstance(text, str) else ""), fallback


def extract(html: str, page_url: str | None = None) -> Extracted:
    """A page's main text and metadata; raise ExtractorMissing without the import extra."""
    text, found = main_text(html)
    return Extracted(text, page_metadata(html, page_url, found))
