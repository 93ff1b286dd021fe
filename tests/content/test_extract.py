"""Main text of news pages: furniture out, the article kept whole, paragraphs separated by
blank lines, layout tables opened and data tables kept."""

from __future__ import annotations

import json

from generator.content.extract import as_paragraphs, extract, without_furniture

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
