"""What a news page declares about itself: title, publisher, author, date, address.

Read from the page's own declarations, most specific first: JSON-LD (NewsArticle and
its kin, graphs opened, references followed), Open Graph and article: properties,
<meta name=...>, <link rel=canonical>, bylines marked up as such. The date is the
publication date, never the modification date; a date guessed from the text (by
trafilatura, passed in as the fallback) is taken only when the page declares none.
Every value is one line of plain text; addresses are absolute http(s) URLs.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from generator.content.models import MAX_LINE, check_http_url, check_partial_date

ARTICLE_TYPES = (
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "Article",
    "BlogPosting",
    "Report",
    "LiveBlogPosting",
)
PUBLISHED_META = (
    "article:published_time",
    "datepublished",
    "og:published_time",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.created",
    "date",
)
MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "last-modified")
PUBLISHED_ELEMENTS = (
    "time[itemprop=datePublished][datetime], time[pubdate][datetime], "
    "time.published[datetime], time.entry-date[datetime]:not(.updated)"
)
AUTHOR_ELEMENTS = "[itemprop=author] [itemprop=name], [itemprop=author], a[rel~=author], .vcard .fn"
AUTHOR_META = ("author", "article:author", "byl", "dc.creator", "parsely-author", "sailthru.author")
MAX_JSON_LD = 1024 * 1024


@dataclass(frozen=True)
class Metadata:
    """What a page says about itself; None where it says nothing usable."""

    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    guessed_date: bool = False  # published was guessed from the text: the page declares none


def clean_chars(text: str) -> str:
    """Drop control and invisible formatting characters."""
    return "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cf"))


def one_line(value: Any) -> str | None:
    """A metadata value as one clean line of at most MAX_LINE characters, or None."""
    if not isinstance(value, str):
        return None
    text = clean_chars(" ".join(value.split()))
    if len(text) > MAX_LINE:
        text = text[: MAX_LINE - 1].rsplit(" ", 1)[0] + "…"
    return text or None


def meta_tags(tree: LexborHTMLParser) -> dict[str, str]:
    """Every <meta> by its lower-case property, name or itemprop (the first one wins)."""
    found: dict[str, str] = {}
    for node in tree.css("meta[content]"):
        attrs = node.attributes
        for key in ("property", "name", "itemprop"):
            name = (attrs.get(key) or "").strip().lower()
            if name and name not in found:
                found[name] = attrs.get("content") or ""
    return found


def json_ld(tree: LexborHTMLParser) -> list[dict[str, Any]]:
    """Every JSON-LD object of the page, graphs and lists flattened."""
    objects: list[dict[str, Any]] = []
    for node in tree.css("script"):
        kind = (node.attributes.get("type") or "").split(";")[0].strip().lower()
        text = node.text(deep=True) or ""
        if kind != "application/ld+json" or len(text) > MAX_JSON_LD:
            continue
        try:
            objects.extend(flattened(json.loads(text)))
        except (ValueError, RecursionError):
            continue
    return objects


def flattened(value: Any) -> Iterator[dict[str, Any]]:
    """The objects of a JSON-LD value: lists walked, @graph opened."""
    if isinstance(value, list):
        for item in value:
            yield from flattened(item)
    elif isinstance(value, dict):
        yield value
        yield from flattened(value.get("@graph"))


def types_of(item: dict[str, Any]) -> list[str]:
    """An object's @type values."""
    kind = item.get("@type")
    return [kind] if isinstance(kind, str) else [k for k in kind or [] if isinstance(k, str)]


def article_object(objects: list[dict[str, Any]]) -> dict[str, Any]:
    """The JSON-LD object that describes the article, the most specific type first."""
    for wanted in ARTICLE_TYPES:
        for item in objects:
            if wanted in types_of(item):
                return item
    return {}


def resolve(value: Any, objects: list[dict[str, Any]]) -> Any:
    """Follow a {"@id": ...} reference to the object it names, when the page holds it."""
    if isinstance(value, dict) and set(value) == {"@id"}:
        return next((o for o in objects if o.get("@id") == value["@id"] and len(o) > 1), value)
    return value


def names(value: Any, objects: list[dict[str, Any]]) -> list[str]:
    """The names in a JSON-LD author or publisher: text, an object, or a list of them."""
    value = resolve(value, objects)
    if isinstance(value, list):
        return [n for item in value for n in names(item, objects)]
    if isinstance(value, dict):
        value = value.get("name")
    line = one_line(value)
    return [line] if line else []


def joined_names(found: list[str]) -> str | None:
    """Names joined with commas, each once, in order."""
    unique = list(dict.fromkeys(n.removeprefix("By ").removeprefix("by ") for n in found))
    return one_line(", ".join(unique)) if unique else None


def as_date(value: Any) -> str | None:
    """A publication date as YYYY-MM-DD (or YYYY-MM, YYYY), read from ISO or e-mail forms."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    iso = re.match(r"^([0-9]{4})-?([0-9]{2})-?([0-9]{2})(?![0-9])", text)
    partial = re.match(r"^([0-9]{4})(?:-([0-9]{2}))?$", text)
    if iso:
        found = "-".join(iso.groups())
    elif partial:
        found = "-".join(g for g in partial.groups() if g)
    else:
        try:
            found = parsedate_to_datetime(text).date().isoformat()
        except (TypeError, ValueError, IndexError):
            return None
    try:
        return check_partial_date(found)
    except ValueError:
        return None


def http_url(value: Any, base: str | None) -> str | None:
    """An absolute http(s) URL, resolved against the page's address, or None."""
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    if not isinstance(value, str) or not value.strip():
        return None
    url = value.strip()
    if base and not urlsplit(url).scheme:
        url = urljoin(base, url)
    try:
        return check_http_url(url)
    except ValueError:
        return None


def first(*values: str | None) -> str | None:
    """The first value that is there."""
    return next((v for v in values if v), None)


def page_metadata(html: str, page_url: str | None, fallback: Any = None) -> Metadata:
    """What the page declares about itself, most specific declaration first."""
    tree = LexborHTMLParser(html)
    meta = meta_tags(tree)
    objects = json_ld(tree)
    article = article_object(objects)
    canonical = tree.css_first("link[rel~=canonical][href]")
    base = first(page_url, http_url(meta.get("og:url"), None))
    url = first(
        http_url(canonical.attributes.get("href") if canonical else None, base),
        http_url(meta.get("og:url"), page_url),
        http_url(article.get("mainEntityOfPage") or article.get("url"), base),
        *(http_url(o.get("url"), base) for o in objects if "WebPage" in types_of(o)),
        page_url,
    )
    published = published_of(tree, meta, article)
    guessed = guessed_date(tree, meta, article, fallback)
    return Metadata(
        title=title_of(tree, meta, article, fallback),
        publisher=publisher_of(meta, article, objects, url, fallback),
        author=author_of(tree, meta, article, objects, fallback),
        published=published or guessed,
        url=url,
        guessed_date=published is None and guessed is not None,
    )


def title_of(
    tree: LexborHTMLParser, meta: dict[str, str], article: dict[str, Any], fallback: Any
) -> str | None:
    """The headline."""
    heading = tree.css_first("h1")
    head_title = tree.css_first("title")
    return first(
        one_line(article.get("headline")),
        one_line(meta.get("og:title")),
        one_line(meta.get("twitter:title")),
        one_line(getattr(fallback, "title", None)),
        one_line(heading.text(deep=True) if heading else None),
        one_line(head_title.text() if head_title else None),
    )


def publisher_of(
    meta: dict[str, str],
    article: dict[str, Any],
    objects: list[dict[str, Any]],
    url: str | None,
    fallback: Any,
) -> str | None:
    """The outlet or issuing body; at worst the site's host name."""
    host = urlsplit(url).hostname if url else None
    return first(
        joined_names(names(article.get("publisher"), objects)),
        one_line(meta.get("og:site_name")),
        one_line(meta.get("publisher")),
        one_line(meta.get("application-name")),
        one_line(getattr(fallback, "sitename", None)),
        host.removeprefix("www.") if host else None,
    )


def author_of(
    tree: LexborHTMLParser,
    meta: dict[str, str],
    article: dict[str, Any],
    objects: list[dict[str, Any]],
    fallback: Any,
) -> str | None:
    """The byline: names, never a profile page's address."""
    declared = [meta[key] for key in AUTHOR_META if key in meta and "://" not in meta[key]]
    bylines = [node.text(deep=True) for node in tree.css(AUTHOR_ELEMENTS)]
    return first(
        joined_names(names(article.get("author"), objects)),
        joined_names([n for n in map(one_line, declared) if n][:1]),
        joined_names([n for n in map(one_line, bylines) if n]),
        joined_names([n for n in [one_line(getattr(fallback, "author", None))] if n]),
    )


def published_of(
    tree: LexborHTMLParser, meta: dict[str, str], article: dict[str, Any]
) -> str | None:
    """The publication date the page declares: never the date it was last modified."""
    timed = tree.css_first(PUBLISHED_ELEMENTS)
    return first(
        as_date(article.get("datePublished")),
        *(as_date(meta.get(key)) for key in PUBLISHED_META),
        as_date(timed.attributes.get("datetime") if timed else None),
    )


def declares_a_date(tree: LexborHTMLParser, meta: dict[str, str], article: dict[str, Any]) -> bool:
    """Tell a page that declares a publication date, readable or not."""
    declared = "datePublished" in article or any(key in meta for key in PUBLISHED_META)
    return declared or tree.css_first(PUBLISHED_ELEMENTS) is not None


def guessed_date(
    tree: LexborHTMLParser, meta: dict[str, str], article: dict[str, Any], fallback: Any
) -> str | None:
    """trafilatura's guess at the date, for a page that declares none; never a modified date."""
    if declares_a_date(tree, meta, article):
        return None
    modified = {as_date(meta.get(key)) for key in MODIFIED_META} | {
        as_date(article.get("dateModified")),
        *(as_date(t.attributes.get("datetime")) for t in tree.css("time.updated[datetime]")),
    }
    guessed = as_date(getattr(fallback, "date", None))
    return guessed if guessed not in modified else None
