"""Open data files and JSON-LD: valid against their schemas, deterministic, and script-safe."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from generator.content.check import Settings
from generator.content.quotes import fold
from generator.pipeline import build_pages
from generator.publish.jsonld import agent_type, jsonld_for
from generator.publish.opendata import (
    CSV_COLUMNS,
    BriefingOut,
    ClaimsFile,
    claim_out,
    data_files,
    figure_out,
    json_bytes,
    measure_out,
)
from generator.view.views import BriefingView
from tests.content.test_schema import validate
from tests.helpers import DEFAULT, MINIMAL, VOLCANO

HOSTILE_TEXT = '</script><script>alert(1)</script> <!-- & "quotes" \u2028'


def view_of(folders: tuple[Path, Path]) -> BriefingView:
    return build_pages(Settings(*folders)).view


def hostile_view(tmp_path: Path) -> BriefingView:
    """The minimal briefing with a claimant and a statement made to break out of contexts."""
    root = tmp_path / "b"
    shutil.copytree(MINIMAL[0].parent, root)
    figures = root / "content" / "claims" / "figures.yml"
    text = figures.read_text(encoding="utf-8")
    text = text.replace(
        "statement: The harbour authority counts 40 damaged vessels.",
        f"statement: {json.dumps(HOSTILE_TEXT)}",
    ).replace("claimant: Harbour authority", "claimant: \"=HYPERLINK('http://x')\"")
    figures.write_text(text, encoding="utf-8")
    return view_of((root / "content", root / "seeds"))


def loaded(files: dict[str, bytes], name: str) -> Any:
    return json.loads(files[name].decode("utf-8"))


@pytest.mark.parametrize(
    "folders", [DEFAULT, MINIMAL, VOLCANO], ids=["default", "minimal", "volcano"]
)
def test_json_files_validate_against_their_schemas(folders: tuple[Path, Path]) -> None:
    files = data_files(view_of(folders))
    assert sorted(files) == [
        "data/claims.json",
        "data/estimates.csv",
        "data/schema/claims.schema.json",
        "data/schema/sources.schema.json",
        "data/sources.json",
    ]
    for name in ("claims", "sources"):
        schema = loaded(files, f"data/schema/{name}.schema.json")
        assert schema["$schema"].startswith("https://json-schema.org/")
        assert validate(loaded(files, f"data/{name}.json"), schema) == []


def test_schemas_catch_wrong_data() -> None:
    files = data_files(view_of(MINIMAL))
    schema = loaded(files, "data/schema/claims.schema.json")
    data = loaded(files, "data/claims.json")
    data["claims"][0]["value"] = "forty"
    del data["claims"][1]["evidence"]
    data["measures"][0]["extra"] = 1
    assert len(validate(data, schema)) == 3


def test_files_are_deterministic_and_sorted() -> None:
    first, second = data_files(view_of(DEFAULT)), data_files(view_of(DEFAULT))
    assert first == second
    for name, data in first.items():
        if name.endswith(".json"):
            text = data.decode("utf-8")
            # Data files are compact (the C encoder writes them); schemas are indented.
            layout: dict[str, Any] = (
                {"indent": 2} if "/schema/" in name else {"separators": (",", ":")}
            )
            normal = json.dumps(json.loads(text), sort_keys=True, ensure_ascii=False, **layout)
            assert text == normal + "\n"


def test_claims_carry_resolved_quotes_and_figures() -> None:
    view = view_of(DEFAULT)
    data = loaded(data_files(view), "data/claims.json")
    claims = {c["id"]: c for c in data["claims"]}
    assert list(claims) == sorted(view.claims)
    for claim in claims.values():
        for ev in claim["evidence"]:
            text = view.sources[ev["source"]].text
            assert fold(text[ev["start"] : ev["end"]]) == fold(ev["quote"])
            assert ev["page"] == f"sources/{ev['source']}.md"
    killed = claims["nis-killed-300"]
    assert (killed["value"], killed["qualifier"], killed["figure"]) == (300, "about", "about 300")
    derived = data["derived"]
    assert derived and all(r["derived"] for r in derived)
    nis_total = next(r for r in derived if r["claimant"] == "South Korea's NIS")
    assert nis_total["claims"] == ["nis-killed-300", "nis-wounded-2700"]
    assert (nis_total["low"], nis_total["high"]) == (3000, 3000)
    measure_ids = [m["id"] for m in data["measures"]]
    assert measure_ids == [m.measure.id for m in view.measures]


def test_estimates_csv_has_one_row_per_figure() -> None:
    view = view_of(DEFAULT)
    text = data_files(view)["data/estimates.csv"].decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == sum(len(m.rows) for m in view.measures)
    assert text.endswith("\r\n")
    open_ended = [r for r in rows if r["figure"].startswith(("more than", "at least"))]
    assert open_ended and all(r["high"] == "" for r in open_ended)
    derived = [r for r in rows if r["derived"] == "true"]
    assert derived and all(r["value"] == "" and ";" in r["claims"] for r in derived)
    stated = next(r for r in rows if r["claims"] == "nis-killed-300")
    assert (stated["low"], stated["high"], stated["value"]) == ("300", "300", "300")
    assert stated["sources"] == "unknown-2025-02-reinforcements;unknown-2025-02-casualties"


def test_csv_cells_never_start_a_formula(tmp_path: Path) -> None:
    text = data_files(hostile_view(tmp_path))["data/estimates.csv"].decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert rows[0]["claimant"] == "'=HYPERLINK('http://x')"
    for row in rows:
        assert not any(str(cell).startswith(("=", "+", "-", "@")) for cell in row.values())


def test_jsonld_is_script_safe_and_round_trips(tmp_path: Path) -> None:
    view = hostile_view(tmp_path)
    block = jsonld_for(view.claims.values())
    assert block.startswith('<script type="application/ld+json">')
    assert block.endswith("</script>") and block.count("</script") == 1
    body = block.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    for char in "<>&\u2028":
        assert char not in body
    data = json.loads(body)
    assert data["@context"] == "https://schema.org"
    hostile = next(c for c in data["@graph"] if c["@id"] == "#claim-authority-damaged")
    assert hostile["text"] == HOSTILE_TEXT
    assert hostile["@type"] == "Claim"
    work = hostile["appearance"][0]
    assert work["@type"] == "CreativeWork" and work["url"] == "https://example.org/harbour/update"
    assert work["publisher"] == {"@type": "Organization", "name": "Harbour Authority"}


def test_jsonld_for_no_claims_is_empty() -> None:
    assert jsonld_for([]) == ""


def test_jsonld_is_stable_whatever_the_order() -> None:
    claims = list(view_of(DEFAULT).claims.values())
    assert jsonld_for(claims) == jsonld_for(reversed(claims))


@pytest.mark.parametrize(
    "name,kind",
    [
        ("Volodymyr Zelensky", "Person"),
        ("Governor Elena Marrow", "Person"),
        ("North Korean official", "Person"),
        ("Mayor", "Person"),
        ("South Korea's NIS", "Organization"),
        ("United Kingdom", "Organization"),
        ("The Korea Times", "Organization"),
        ("South Korean lawmakers", "Organization"),
        ("NATO", "Organization"),
        ("Harbour authority", "Organization"),
        ("Analysts (unnamed)", "Organization"),
    ],
)
def test_claimant_types(name: str, kind: str) -> None:
    assert agent_type(name) == kind


def test_claims_json_is_byte_for_byte_what_dumping_its_model_gives() -> None:
    view = view_of(DEFAULT)
    spots = {p.anchor: p for s in view.sources.values() for p in s.passages}
    b = view.briefing
    model = ClaimsFile(
        briefing=BriefingOut(title=b.title, summary=b.summary, as_of=b.as_of),
        claims=[claim_out(view, view.claims[i], spots) for i in sorted(view.claims)],
        measures=[measure_out(m) for m in view.measures],
        derived=[figure_out(r) for m in view.measures for r in m.rows if r.derived],
    )
    expected = json_bytes(model.model_dump(mode="json"), compact=True)
    assert data_files(view)["data/claims.json"] == expected
