"""Coverage against the hand-labelled figures: precision and recall may not fall.

The levels are those reached when the labels were written (bench/figures.py prints the
figures and those of an older revision); a change that loses a figure or finds a
non-figure fails here.
"""

from __future__ import annotations

import pytest

from bench.figures import measure
from generator.content.numbers import figures
from tests.content.figure_labels import ARTICLES, find_all, labels, score


def test_every_labelled_article_is_a_test_article() -> None:
    labelled = labels()
    assert all(spans for spans in labelled.values()), "an article without a labelled figure"
    assert len(ARTICLES) == len(labelled) and sum(map(len, labelled.values())) >= 100


def test_the_reader_finds_every_labelled_figure_and_little_else() -> None:
    found = score(find_all(lambda text: [(f.start, f.end) for f in figures(text)]), labels())
    assert found.recall == 1.0, found
    assert found.precision >= 0.99, found


@pytest.mark.parametrize("which", ["found", "listed"])
def test_coverage_keeps_its_precision_and_recall(which: str) -> None:
    found, listed = measure(None)
    result = found if which == "found" else listed
    assert result.recall == 1.0, result
    assert result.precision >= (0.99 if which == "found" else 0.95), result
