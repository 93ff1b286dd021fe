"""Page metadata: the page's own declarations read most specific first, references followed,
the publication date and never the modified one, addresses resolved and only http(s) kept."""

from __future__ import annotations

import pytest

from generator.content.pagemeta import as_date, one_line, page_metadata
from tests.content.test_extract import ld, page


def test_json_ld_wins_over_open_graph_and_meta_tags() -> None:
    head = (
        '<meta property="og:title" content="OG title">'
        '<meta property="og:site_name" content="OG Site">'
        '<meta name="author" content="Meta Author">'
        '<meta property="article:published_time" content="2024-02-02T10:00:00Z">'
        + ld(
            {
                "@type": "NewsArticle",
                "headline": "LD headline",
                "datePublished": "2024-01-31T23:30:00-05:00",
                "author": [{"@type": "Person", "name": "A. One"}, "B. Two", {"name": "A. One"}],
                "publisher": {"@type": "Organization", "name": "LD Times"},
            }
        )
    )
    meta = page_metadata(page(head), None)
    assert (meta.title, meta.publisher, meta.author) == (
        "LD headline",
        "LD Times",
        "A. One, B. Two",
    )
    assert meta.published == "2024-01-31"  # the date as written, in the page's own time zone


def test_open_graph_and_meta_tags_stand_in_for_json_ld() -> None:
    head = (
        '<meta property="og:title" content="OG title">'
        '<meta property="og:site_name" content="OG Site">'
        '<meta property="article:author" content="https://example.org/people/meta">'
        '<meta name="author" content="By Meta Author">'
        '<meta property="article:published_time" content="2024-02-02T10:00:00Z">'
    )
    meta = page_metadata(page(head), None)
    assert (meta.title, meta.publisher, meta.author) == ("OG title", "OG Site", "Meta Author")
    assert meta.published == "2024-02-02"


def test_a_graph_is_opened_and_references_followed() -> None:
    graph = {
        "@graph": [
            {"@type": "Organization", "@id": "#org", "name": "Water Board"},
            {"@type": "WebPage", "url": "https://example.org/news/river"},
            {"@type": ["Article"], "headline": "H", "publisher": {"@id": "#org"}},
        ]
    }
    meta = page_metadata(page(ld(graph)), None)
    assert meta.publisher == "Water Board" and meta.url == "https://example.org/news/river"


def test_the_modified_date_is_never_taken_for_the_published_one() -> None:
    head = '<meta property="article:modified_time" content="2024-03-09T10:00:00Z">' + ld(
        {"@type": "NewsArticle", "dateModified": "2024-03-09"}
    )
    body = '<time class="updated" datetime="2024-03-09">9 March</time>'
    assert page_metadata(page(head, body), None).published is None
    published = '<time class="entry-date published" datetime="2024-03-01T08:00:00Z">1 March</time>'
    assert page_metadata(page(head, published + body), None).published == "2024-03-01"


def test_the_canonical_address_is_resolved_and_only_http_kept() -> None:
    head = '<link rel="canonical" href="/news/river?x=1"><meta property="og:url" content="https://e.org/og">'
    assert page_metadata(page(head), "https://e.org/a/b").url == "https://e.org/news/river?x=1"
    assert page_metadata(page(head), None).url == "https://e.org/news/river?x=1"  # og:url as base
    hostile = '<link rel="canonical" href="javascript:alert(1)">'
    assert page_metadata(page(hostile), None).url is None
    assert page_metadata(page(hostile), "https://e.org/a").url == "https://e.org/a"


def test_the_publisher_falls_back_to_the_host_and_the_title_to_the_heading() -> None:
    meta = page_metadata("<html><body><h1> The  heading </h1></body></html>", "https://www.e.org/x")
    assert (meta.publisher, meta.title) == ("e.org", "The heading")


def test_broken_or_hostile_json_ld_is_ignored() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>'
        + ld({"@type": "NewsArticle", "headline": "<script>alert(1)</script>\u202e\x07 Real"})
        + ld([[[["deep"]]]])
    )
    assert page_metadata(page(head), None).title == "<script>alert(1)</script> Real"


@pytest.mark.parametrize(
    ("written", "date"),
    [
        ("2024-05-06T07:08:09+02:00", "2024-05-06"),
        ("20240506", "2024-05-06"),
        ("2024-05", "2024-05"),
        ("Mon, 06 May 2024 07:08:09 GMT", "2024-05-06"),
        ("2024-02-30", None),
        ("yesterday", None),
        ("0999-01-01", None),
    ],
)
def test_dates_are_read_from_the_forms_pages_use(written: str, date: str | None) -> None:
    assert as_date(written) == date


def test_a_metadata_value_is_one_clean_line_of_bounded_length() -> None:
    assert one_line("  A\n\ttitle\u200b  ") == "A title"
    long = one_line("word " * 200)
    assert long is not None and len(long) <= 300 and long.endswith("word…")
    assert one_line(" \n ") is None and one_line(None) is None
