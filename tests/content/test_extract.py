"""Main text and metadata of news pages: furniture out, the article kept whole, the page's own
declarations read most specific first, the publication date and never the modified one."""

from __future__ import annotations

import json

import pytest

from generator.content.extract import (
    as_date,
    as_paragraphs,
    extract,
    one_line,
    page_metadata,
    without_furniture,
)

PARAGRAPH = (
    "The river rose by 2.4 metres overnight, the water board said on Monday, and 300 homes "
    "in the lower town were evacuated before dawn as a precaution against further rain."
)


def page(head: str = "", body: str = "") -> str:
    """A small page with a head and an article of four real paragraphs."""
    article = "".join(f"<p>{PARAGRAPH} Paragraph {n}.</p>" for n in range(1, 5))
    return (
        f"<!doctype html><html><head><title>Head title</title>{head}</head>"
        f"<body><article><h1>River rises</h1>{article}{body}</article></body></html>"
    )


def ld(data: object) -> str:
    """A JSON-LD script, its slashes escaped as pages escape them (so "</script>" cannot end it)."""
    escaped = json.dumps(data).replace("/", "\\/")
    return f'<script type="application/ld+json">{escaped}</script>'


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


def test_paragraphs_are_separated_by_blank_lines() -> None:
    assert as_paragraphs("One\u00a0 line\n\n  Two \x07\nThree") == "One line\n\nTwo\n\nThree\n"
    assert as_paragraphs("  \n") == ""


def test_furniture_goes_but_an_element_holding_the_article_stays() -> None:
    html = (
        '<html><body class="has-comments"><div class="share-wrapper comments-on">'
        "<article><h1>Kept</h1><p>Body text</p>"
        '<div class="social-share">Share</div><figure><figcaption>Caption</figcaption></figure>'
        '<div class="cookie-notice">Cookies</div><div class="ad-slot">Buy</div>'
        '<div class="read-more">Read more</div></article></div></body></html>'
    )
    cleaned = without_furniture(html)
    assert "Kept" in cleaned and "Body text" in cleaned
    for gone in ("Share</div>", "Caption", "Cookies", "Buy", "Read more"):
        assert gone not in cleaned


def test_a_layout_table_is_opened_and_a_data_table_kept() -> None:
    rows = "".join(f"<tr><td>Town {n}</td><td>{n * 100}</td></tr>" for n in range(1, 4))
    html = page(body=f"<table><tr><th>Town</th><th>Homes</th></tr>{rows}</table>")
    layout = (
        "<html><body><table><tr><td><ul><li>Menu</li></ul></td><td>"
        + "".join(f"<p>{PARAGRAPH} Part {n}.</p>" for n in range(1, 5))
        + "</td></tr></table></body></html>"
    )
    assert "<table" not in without_furniture(layout)
    assert "<table" in without_furniture(html)
    text = extract(html).text
    assert "Town 2" in text and "200" in text


def test_a_page_without_an_article_gives_no_text() -> None:
    assert extract("<html><body><nav><a href='/'>Home</a></nav></body></html>").text == ""


def test_a_date_is_guessed_from_the_text_only_when_the_page_declares_none() -> None:
    shown = page(body='<p class="when">Posted 12 March 2024</p>')
    meta = extract(shown).meta
    assert (meta.published, meta.guessed_date) == ("2024-03-12", True)
    modified = '<meta property="article:modified_time" content="2024-03-20">'
    meta = extract(page(modified, "<p>Updated 20 March 2024</p>")).meta
    assert (meta.published, meta.guessed_date) == (None, False)
    unreadable = '<meta property="article:published_time" content="2024-13-45">'
    meta = extract(page(unreadable, '<p class="when">Posted 12 March 2024</p>')).meta
    assert (meta.published, meta.guessed_date) == (None, False)
    declared = '<meta property="article:published_time" content="2024-03-11">'
    meta = extract(page(declared, '<p class="when">Posted 12 March 2024</p>')).meta
    assert (meta.published, meta.guessed_date) == ("2024-03-11", False)


def test_a_short_paragraph_that_is_mostly_a_link_is_furniture() -> None:
    links = (
        '<p><strong>READ MORE:</strong> <a href="/x">Ferry fares to rise by eight per cent</a></p>'
        '<p>Our standards: <a href="/trust">The Trust Principles.</a></p>'
    )
    cleaned = without_furniture(page(body=links))
    assert "READ MORE" not in cleaned and "Trust Principles" not in cleaned
    kept = f'<p>{PARAGRAPH} The <a href="/board">water board</a> said.</p>'
    assert "water board</a> said" in without_furniture(page(body=kept))
