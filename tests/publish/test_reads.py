"""The memo contract: every field a page's rendering reads is declared beside its template."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from bench.synth import write_briefing
from generator.content.check import Settings
from generator.pipeline import build_pages
from generator.publish.opendata import MEASURE_READS, export_measure
from generator.publish.reads import (
    DECLARATION,
    DeclarationError,
    Projector,
    parse_reads,
    template_reads,
    undeclared,
)
from generator.publish.render import Renderer, make_environment, render_pages
from generator.resources import TEMPLATES
from tests.helpers import DEFAULT, HOSTILE, MINIMAL, VOLCANO
from tests.tracing import Recorder


class Tracing(Renderer):
    """Render every page twice: plainly, and over recording stand-ins for its data."""

    reads: dict[str, set[tuple[str, str]]]

    def rendered(self, template: str, data: dict[str, Any]) -> str:
        plain = super().rendered(template, data)
        recorder = Recorder()
        traced = super().rendered(template, {k: recorder.wrap(v, k) for k, v in data.items()})
        assert traced == plain, f"{template}: the stand-ins changed what the page shows"
        self.reads[template] |= recorder.reads
        return plain


def traced_reads(folders: tuple[Path, Path]) -> dict[str, set[tuple[str, str]]]:
    """What each template read over every page of a briefing."""
    view = build_pages(Settings(*folders)).view
    Tracing.reads = defaultdict(set)
    render_pages(view, make_environment(), renderer=Tracing)
    return Tracing.reads


@pytest.fixture(scope="module")
def split(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A synthetic briefing whose timeline, topics and figure tables are cut into pages."""
    folder = tmp_path_factory.mktemp("split")
    write_briefing(folder, 12, 120, claims_per_page=10)
    return folder / "content", folder / "seeds"


BRIEFINGS = {"default": DEFAULT, "minimal": MINIMAL, "volcano": VOLCANO, "hostile": HOSTILE}


@pytest.mark.parametrize("name", [*BRIEFINGS, "split"])
def test_every_read_of_every_page_is_declared_beside_its_template(
    name: str, split: tuple[Path, Path]
) -> None:
    env = make_environment()
    traced = traced_reads(BRIEFINGS.get(name, split))
    if name == "split":
        assert "measure.md.j2" in traced, "the split briefing has pages of its own per measure"
    for template, reads in traced.items():
        missing = undeclared(reads, template_reads(env, template))
        assert not missing, f"templates/{template} reads fields it does not declare: {missing}"


def test_a_field_left_out_of_a_declaration_is_found() -> None:
    env = make_environment()
    reads = traced_reads(MINIMAL)["source.md.j2"]
    declared = dict(template_reads(env, "source.md.j2"))
    assert ("s.source", "publisher") in reads
    declared["s.source"] = declared["s.source"] - {"publisher"}
    assert undeclared(reads, declared) == ["s.source: publisher"]


def test_every_page_template_declares_what_it_reads() -> None:
    for path in sorted(TEMPLATES.glob("[!_]*.md.j2")):  # partials: their includers declare
        assert DECLARATION.search(path.read_text(encoding="utf-8")), f"{path.name}: no reads"


class Item:
    def __init__(self, shown: str, hidden: str, whole: Any) -> None:
        self.shown, self.hidden, self.whole = shown, hidden, whole


def key(items: list[Item]) -> Any:
    return Projector(parse_reads("items[]: shown whole")).data({"items": items})


def test_a_projection_keeps_declared_fields_and_compares_the_rest_whole() -> None:
    a = key([Item("x", "one", {"k": [1]})])
    assert a == key([Item("x", "two", {"k": [1]})]), "a field no one reads is left out"
    assert a != key([Item("y", "one", {"k": [1]})]), "a declared field counts"
    assert a != key([Item("x", "one", {"k": [2]})]), "what no path reads into counts whole"
    assert a != key([Item("x", "one", {"k": [1]}), Item("x", "one", {"k": [1]})])


def test_a_drawn_method_keys_on_what_it_is_drawn_by_and_what_is_read_of_its_result() -> None:
    view = build_pages(Settings(*MINIMAL)).view
    reads = parse_reads("v: page_of\nv.page_of(): path")
    projected = Projector(reads)(view, "v")
    assert projected == ((tuple(((p.kind,), (p.path,)) for p in view.pages)),)


def test_a_declaration_line_must_name_a_path_and_its_fields() -> None:
    assert parse_reads("a: x y\na: z\n\nb.c[].d(): e") == {
        "a": frozenset({"x", "y", "z"}),
        "b.c[].d()": frozenset({"e"}),
    }
    with pytest.raises(DeclarationError, match="not a 'path: field"):
        parse_reads("just words")


@pytest.mark.parametrize("name", [*BRIEFINGS, "split"])
def test_every_read_of_a_measure_export_is_declared(name: str, split: tuple[Path, Path]) -> None:
    view = build_pages(Settings(*BRIEFINGS.get(name, split))).view
    for m in view.measures:
        recorder = Recorder()
        assert export_measure(recorder.wrap(m, "m")) == export_measure(m)
        assert not undeclared(recorder.reads, MEASURE_READS), m.measure.id
