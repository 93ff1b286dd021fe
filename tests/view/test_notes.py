"""Editors' notes naming claims and sources as [id]: which links they get."""

from __future__ import annotations

from generator.content.check import Settings
from generator.pipeline import build_pages
from generator.view.claimview import NoteRef
from generator.view.notes import named_ids
from tests.helpers import READER


def test_named_ids_are_bracketed_slugs_each_once() -> None:
    note = "See [a-1], [b_2] and [a-1] again; [Not An Id], [] and [sic]."
    assert named_ids(note) == ["a-1", "b_2", "sic"]
    assert named_ids(None) == []


def test_notes_link_claims_by_statement_and_sources_by_label() -> None:
    view = build_pages(Settings(*READER)).view
    claim = view.claims["council-homes-300"]
    assert claim.note_refs == (
        NoteRef(
            "council-homes-350",
            "The river council counts 350 homes flooded after a survey.",
            "claims/flooding.md",
            "claim-council-homes-350",
        ),
        NoteRef(
            "residents",
            "Unknown outlet, Mar 2031: \u201cResidents describe the night the river\u2026\u201d",
            "sources/residents.md",
            "",
        ),
    )


def test_unknown_ids_get_no_link() -> None:
    view = build_pages(Settings(*READER)).view
    assert [r.id for r in view.sources["council"].note_refs] == ["gazette-levees"]
    assert "no-such-source" not in view.claims


def test_rendered_notes_keep_unknown_ids_as_text() -> None:
    pages = build_pages(Settings(*READER)).pages
    council = pages["sources/council.md"]
    assert (
        "[Valley Gazette, 2 Mar 2031&#58; “Flood waters reach the old town…”](gazette-levees.md)"
        in council
    )
    assert "&#91;no&#45;such&#45;source&#93; is no id" in council
