"""Quote matching forgives white space, curly quotes and dashes, nothing else."""

from __future__ import annotations

from generator.content.quotes import IndexedText, fold, invisible_chars

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
    passage, differs = IndexedText(TEXT).closest('said "300 kiled"')
    assert passage.startswith("said") and differs == 13


def test_invisible_characters_are_named() -> None:
    assert invisible_chars("a\u202eb\u200bc") == [
        "U+200B ZERO WIDTH SPACE",
        "U+202E RIGHT-TO-LEFT OVERRIDE",
    ]
