"""Quote matching forgives white space, curly quotes and dashes, nothing else."""

from __future__ import annotations

import pytest

from generator.content.quotes import FOLD, IndexedText, fold, invisible_chars, passage_bounds

TEXT = "He said   “300 killed” —\n\n  and it’s  final."


def test_fold() -> None:
    assert fold(" a\u00a0\u00a0“b” – c’s ") == 'a "b" - c\'s'


def test_find_maps_back_to_the_original() -> None:
    text = IndexedText(TEXT)
    start, end = text.find('"300 killed" - and it\'s final')  # type: ignore[misc]
    assert TEXT[start:end] == "“300 killed” —\n\n  and it’s  final"


def test_nothing_else_is_forgiven() -> None:
    text = IndexedText(TEXT)
    assert not text.contains("300 Killed")
    assert not text.contains("300 killed.")
    assert text.contains("He said 300") is False


def test_closest_passage_points_at_the_difference() -> None:
    found = IndexedText(TEXT).closest('said "300 kiled"')
    assert found.passage == 'said "300 killed"' and found.differs == 13
    assert found.passage[found.passage_differs :] == 'led"'
    assert TEXT[found.start :].startswith("said")


ARTICLE = (
    "Headline\n\nThe first paragraph says nothing.\n\n"
    "Three bridges over the river remain closed to traffic, and trains are suspended.\n"
)


@pytest.mark.parametrize(
    ("quote", "differs", "text_has"),
    [
        # a letter dropped before the longest shared run: the passage does not shift
        ("Three bridges over the river remain closed to trafic, and trains", 50, "fic, and"),
        # a letter added early, then a long run in common
        ("Three bridgesz over the river remain closed to traffic", 13, " over the"),
        # different from the first letter
        ("three bridges over the river remain closed", 0, "Three"),
        # the quote runs on past the text's sentence
        ("remain closed to traffic, and trains are suspended daily", 50, ""),
    ],
)
def test_closest_aligns_the_quote_and_finds_the_real_first_difference(
    quote: str, differs: int, text_has: str
) -> None:
    text = IndexedText(ARTICLE)
    found = text.closest(quote)
    assert found.differs == differs
    assert found.passage[found.passage_differs :].startswith(text_has)
    assert quote[:differs] == found.passage[:differs]
    assert text.line_col(found.start) == (5, 1 if quote[0] in "Tt" else 30)


def test_invisible_characters_are_named() -> None:
    assert invisible_chars("a\u202eb\u200bc") == [
        "U+200B ZERO WIDTH SPACE",
        "U+202E RIGHT-TO-LEFT OVERRIDE",
    ]


# Each folding entry, written out here (not read from FOLD), so that dropping one from
# the table fails its own test.
FOLDED = [
    ("\u2018", "'", "left single quotation mark"),
    ("\u2019", "'", "right single quotation mark"),
    ("\u201a", "'", "single low-9 quotation mark"),
    ("\u201b", "'", "single high-reversed-9 quotation mark"),
    ("\u02bc", "'", "modifier letter apostrophe"),
    ("\u2032", "'", "prime"),
    ("\u201c", '"', "left double quotation mark"),
    ("\u201d", '"', "right double quotation mark"),
    ("\u201e", '"', "double low-9 quotation mark"),
    ("\u201f", '"', "double high-reversed-9 quotation mark"),
    ("\u2033", '"', "double prime"),
    ("\u2010", "-", "hyphen"),
    ("\u2011", "-", "non-breaking hyphen"),
    ("\u2012", "-", "figure dash"),
    ("\u2013", "-", "en dash"),
    ("\u2014", "-", "em dash"),
    ("\u2015", "-", "horizontal bar"),
    ("\u2212", "-", "minus sign"),
]


@pytest.mark.parametrize("char,plain,name", FOLDED, ids=[n for _, _, n in FOLDED])
def test_each_folded_character_matches_its_plain_form_both_ways(
    char: str, plain: str, name: str
) -> None:
    assert fold(char) == plain
    article = IndexedText(f"The count {char}300{char} was final.")
    assert article.find(f"count {plain}300{plain} was") == (4, 4 + len("count x300x was"))
    assert IndexedText(f"count {plain}300{plain}").contains(f"count {char}300{char}")


def test_the_folding_table_holds_exactly_the_tested_entries() -> None:
    assert {chr(k): v for k, v in FOLD.items()} == {c: p for c, p, _ in FOLDED}


@pytest.mark.parametrize("char", ["\u00b4", "`", "\u2039", "\u00ab", "\u2043", "\u00ad", "_"])
def test_look_alikes_that_are_not_folded_do_not_match(char: str) -> None:
    assert not IndexedText(f"count {char}300").contains("count '300")
    assert not IndexedText(f"count {char}300").contains('count "300')
    assert not IndexedText(f"count {char}300").contains("count -300")


def test_a_quote_found_twice_maps_to_its_first_occurrence_every_time() -> None:
    text = IndexedText("Losses:   300 killed.   Later:   300 killed again.")
    first = text.find("300 killed")
    assert first == (10, 20)
    assert text.find("300 killed") == first, "the offsets are built once and stay right"
    assert text.find("Later: 300") == (24, 36)


def test_a_quote_right_after_a_run_of_white_space_starts_where_it_does() -> None:
    text = IndexedText("a    b c")
    assert text.find("b c") == (5, 8)
    assert text.find("a b") == (0, 6)


def test_closest_in_a_long_article_finds_the_passage_and_the_first_difference() -> None:
    filler = "The agency said that the figures were provisional and would be revised. " * 6
    text = IndexedText(filler + "About 2,700 soldiers were wounded in the fighting. " + filler)
    found = text.closest("About 2,700 soldiers were injured in the fighting")
    assert found.passage == "About 2,700 soldiers were wounded in the fighting"
    assert found.differs == len("About 2,700 soldiers were ")
    assert text.line_col(found.start) == (1, len(filler) + 1)


def closest(text: str, quote: str) -> tuple[str, int]:
    """The passage of a text closest to a quote, and where the quote first differs."""
    found = IndexedText(text).closest(quote)
    return found.passage, found.differs


def test_closest_to_a_passage_at_the_very_start_of_the_text() -> None:
    assert closest("He said 300 killed.", "He said 300 kiled") == (
        "He said 300 killed",
        len("He said 300 kil"),
    )
    assert closest("ab", "aZ") == ("ab", 1)


def test_closest_aligns_the_passage_with_the_quote_when_the_quote_begins_differently() -> None:
    assert closest("He said 300 killed", "Ze said 300") == ("He said 300", 0)
    assert closest("xab", "aQ") == ("ab", 1)


def test_closest_to_a_quote_that_is_there_or_runs_past_the_end() -> None:
    assert closest("He said 300 killed", "said 300") == ("said 300", 8)
    assert closest("abc", "abcdef") == ("abc", 3)


def test_closest_to_a_long_quote_is_not_thrown_off_by_its_common_letters() -> None:
    # Over 200 characters, difflib's automatic junk heuristic would ignore letters that are
    # common in the quote (spaces, 'e'), and no long match would be found.
    passage = (
        "The ministry said on Tuesday that at least 300 soldiers had been killed and some "
        "2,700 wounded since the deployment began, adding that the figures were provisional, "
        "that several units had not yet reported, and that a fuller count would follow in May."
    )
    quote = passage.replace("fuller", "fullr")
    assert len(quote) > 200
    found, differs = closest("Opening remarks. " + passage + " End.", quote)
    assert found == passage
    assert differs == passage.index("fuller") + 4


def test_a_run_found_twice_anchors_the_passage_at_its_first_occurrence() -> None:
    text = "the ship sank. later, the ship sank again."
    assert IndexedText(text).closest("the ship sanc").start == 0


def test_the_quotes_first_letter_belongs_to_the_run_that_anchors_it() -> None:
    # "40 vessels s" is in both sentences; "140 vessels s", the longer run, in the second only.
    text = "In 2023, 40 vessels sank. In 2024, 140 vessels sank."
    found = IndexedText(text).closest("140 vessels sunk")
    assert (found.passage, found.differs) == ("140 vessels sank", len("140 vessels s"))
    assert text[found.start :].startswith("140")


def test_a_quote_may_drop_four_letters_and_one_per_sixteen_before_its_longest_run() -> None:
    # 48 letters: 4 + 48 // 16 = 7, the length of the word the quote leaves out.
    text = "Reports differ. The harbour master lately said 40 ships sank in a storm, they added."
    quote = "The harbour master said 40 ships sank in a storm"
    found = IndexedText(text).closest(quote)
    assert found.passage == "The harbour master lately said 40 ships sank in a storm"
    assert found.differs == len("The harbour master")
    assert text[found.start :].startswith("The harbour")


def test_the_passage_stays_near_the_run_when_the_quotes_end_is_found_further_on() -> None:
    text = (
        "Officials said on Monday that forty vessels were damaged by the storm in the harbour. "
        "A week later the storm was over and the harbour reopened."
    )
    quote = (
        "Oficials sayd on Munday that forty vessels were damaged by the storm, the harbour reopened"
    )
    found = IndexedText(text).closest(quote)
    assert found.start == 0 and found.differs == 1
    assert found.passage.startswith("Officials said on Monday that forty vessels were damaged")
    assert "reopened" not in found.passage and len(found.passage) < len(quote) + 10


def test_an_empty_or_absent_quote_is_never_found() -> None:
    text = IndexedText("He said 300.")
    for quote in ("", " \n\t "):
        assert text.find(quote) is None
        assert text.contains(quote) is False
    assert text.find("400") is None
    assert text.contains("400") is False
    assert text.find("He said 300.") == (0, 12)


def test_invisible_characters_are_named_once_each_in_order() -> None:
    assert invisible_chars("\ufeffa\u200bb\u200b\u2066") == [
        "U+200B ZERO WIDTH SPACE",
        "U+2066 LEFT-TO-RIGHT ISOLATE",
        "U+FEFF ZERO WIDTH NO-BREAK SPACE",
    ]
    assert invisible_chars("plain text") == []


@pytest.mark.parametrize(
    "ops,length,bounds",
    [
        ([("equal", 0, 5, 0, 5)], 5, (0, 5)),
        ([("delete", 0, 3, 0, 0), ("equal", 3, 8, 0, 5), ("delete", 8, 10, 5, 5)], 5, (3, 8)),
        ([("replace", 0, 4, 0, 2), ("equal", 4, 9, 2, 7), ("replace", 9, 12, 7, 8)], 8, (2, 10)),
        ([("replace", 0, 1, 0, 3), ("equal", 1, 6, 3, 8), ("replace", 6, 9, 8, 12)], 12, (0, 9)),
        ([("insert", 0, 0, 0, 2), ("equal", 0, 5, 2, 7), ("insert", 5, 5, 7, 9)], 9, (0, 5)),
        ([("equal", 2, 4, 0, 2), ("delete", 4, 6, 2, 2), ("equal", 6, 7, 2, 3)], 3, (2, 7)),
        ([("replace", 3, 5, 0, 1), ("replace", 5, 6, 1, 3)], 3, (4, 6)),
    ],
)
def test_a_passage_is_bounded_by_where_the_quotes_ends_sit(
    ops: list[tuple[str, int, int, int, int]], length: int, bounds: tuple[int, int]
) -> None:
    assert passage_bounds(ops, length) == bounds


def test_positions_are_placed_by_line_and_column() -> None:
    text = IndexedText("\nab\ncd")
    assert [text.line_col(p) for p in (0, 1, 2, 3, 4, 6)] == [
        (1, 1),
        (2, 1),
        (2, 2),
        (2, 3),
        (3, 1),
        (3, 3),
    ]
