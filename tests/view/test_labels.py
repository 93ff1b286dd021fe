"""Citation labels: publisher and date, and a shortened headline where those do not tell apart."""

from __future__ import annotations

from generator.content.models import Source
from generator.view.labels import publisher_known, short_headline, source_labels


def source(ident: str, publisher: str, published: str, title: str) -> Source:
    return Source.model_validate(
        {
            "id": ident,
            "title": title,
            "publisher": publisher,
            "published": published,
            "text": "seeds/x.txt",
        }
    )


def test_a_publisher_alone_on_its_date_is_labelled_with_publisher_and_date() -> None:
    labels = source_labels([source("a", "Valley Gazette", "2031-03-02", "Levees give way")])
    assert labels == {"a": "Valley Gazette, 2 Mar 2031"}


def test_two_sources_of_one_publisher_and_date_add_their_headlines() -> None:
    labels = source_labels(
        [
            source("a", "Gazette", "2031-03", "Flood waters reach the old town as levees give way"),
            source("b", "Gazette", "2031-03", "Repairs to take months"),
            source("c", "Gazette", "2031-04", "Another month"),
        ]
    )
    assert labels["a"] == "Gazette, Mar 2031: \u201cFlood waters reach the old town\u2026\u201d"
    assert labels["b"] == "Gazette, Mar 2031: \u201cRepairs to take months\u201d"
    assert labels["c"] == "Gazette, Apr 2031"


def test_an_unknown_publisher_always_adds_the_headline() -> None:
    labels = source_labels([source("a", "Unknown outlet", "2024-10-28", "Troops deployed")])
    assert labels["a"] == "Unknown outlet, 28 Oct 2024: \u201cTroops deployed\u201d"
    assert not publisher_known("unknown") and not publisher_known("N/A")
    assert not publisher_known("  ") and not publisher_known("Anonymous source")
    assert publisher_known("The Unknowns Quarterly") and publisher_known("Nonesuch Press")


def test_headlines_sharing_their_first_words_are_lengthened_until_they_differ() -> None:
    shared = "One two three four five six"
    labels = source_labels(
        [
            source("a", "P", "2031", f"{shared} seven eight alpha"),
            source("b", "P", "2031", f"{shared} seven eight beta"),
        ]
    )
    assert labels["a"].endswith("\u201cOne two three four five six seven eight alpha\u201d")
    assert labels["b"].endswith("\u201cOne two three four five six seven eight beta\u201d")


def test_identical_headlines_are_numbered_in_file_order() -> None:
    labels = source_labels(
        [source("a", "P", "2031", "Same words"), source("b", "P", "2031", "Same words")]
    )
    assert labels == {
        "a": "P, 2031: \u201cSame words (1)\u201d",
        "b": "P, 2031: \u201cSame words (2)\u201d",
    }


def test_labels_are_distinct_for_every_source() -> None:
    sources = [
        source(f"s{i}", "Unknown outlet" if i % 2 else "Wire", "2031-03", f"Headline {i % 3}")
        for i in range(9)
    ]
    labels = source_labels(sources)
    assert len(set(labels.values())) == len(sources)


def test_short_headline_keeps_short_titles_whole() -> None:
    assert short_headline("A  short   one", 6) == "A short one"
    assert short_headline("a b c d e f g", 6) == "a b c d e f\u2026"
