"""Joining the lines of hard-wrapped article texts into paragraphs, offsets kept."""

from __future__ import annotations

import textwrap

from generator.view.paragraphs import unwrap

PROSE = (
    "The river broke through two levees north of the old town late on Sunday night, and by "
    "morning the fire service said that 120 homes had been flooded. Crews worked through "
    "the night to move people from the lowest streets to the school on the hill."
)


def paragraphs(text: str) -> list[str]:
    return [" ".join(line.split()) for line in unwrap(text).splitlines() if line.strip()]


def test_a_wrapped_text_becomes_one_line_per_paragraph_of_the_same_length() -> None:
    text = "Title\n\n" + textwrap.fill(PROSE, 60) + "\n\n" + textwrap.fill(PROSE, 60) + "\n"
    joined = unwrap(text)
    assert len(joined) == len(text)
    assert paragraphs(text) == ["Title", PROSE, PROSE]


def test_crlf_line_ends_are_joined_too() -> None:
    text = textwrap.fill(PROSE, 50).replace("\n", "\r\n") + "\r\n"
    assert len(unwrap(text)) == len(text)
    assert paragraphs(text) == [PROSE]


def test_one_line_per_paragraph_is_kept_as_it_is() -> None:
    long_lines = f"Title\n\n{PROSE}\n{PROSE}\n{PROSE}\n"
    assert unwrap(long_lines) == long_lines
    blank_separated = f"{PROSE}\n\n{PROSE}\n"
    assert unwrap(blank_separated) == blank_separated


def test_short_lines_that_are_each_a_paragraph_are_kept() -> None:
    text = (
        "Residents describe the night the river rose\n"
        "About 400 homes in the valley were under water by dawn, the association said.\n"
        "Many families spent the night in the school hall.\n"
    )
    assert unwrap(text) == text


def test_one_ambiguous_break_is_kept() -> None:
    text = (
        "The authority said on Monday that 40 vessels were damaged in the storm, with 12 sunk.\n"
        "The mayor put the number of damaged vessels at more than 60, a figure it rejected.\n"
    )
    assert unwrap(text) == text


def test_a_short_last_line_ends_its_paragraph() -> None:
    text = textwrap.fill(PROSE, 60) + "\nA new paragraph without a blank line before it.\n"
    assert paragraphs(text) == [PROSE, "A new paragraph without a blank line before it."]
