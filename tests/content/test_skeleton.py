"""New-item skeletons: next free id, every field shown and described, refused until filled in."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from generator.content.check import Settings, check
from generator.content.load import load_content
from generator.content.skeleton import KINDS, MODELS, Kind, new_item, next_id
from generator.content.validate import Content, validate_content
from generator.content.yamlstrict import parse_yaml
from generator.errors import BriefingError
from tests.content.test_schema import run_editor
from tests.helpers import DEFAULT, MINIMAL

FILLED = {
    "claim": {
        "statement": "The harbour authority counts 12 sunk vessels.",
        "claimant": "Harbour authority",
        "topic": "damage",
        "source": "update",
        "quote": "with 12 sunk",
    },
    "source": {"title": "Second report", "publisher": "Harbour Authority"},
    "question": {"question": "Q?", "why_it_matters": "W", "would_resolve": "R"},
}


def content_of(folder: Path) -> Content:
    return validate_content(load_content(folder))


def parsed(text: str) -> dict[str, Any]:
    result, problems = parse_yaml(text, "new.yml")
    assert problems == []
    assert isinstance(result.data, list) and len(result.data) == 1
    item: dict[str, Any] = result.data[0]
    return item


def copy_minimal(tmp_path: Path) -> Path:
    root = tmp_path / "b"
    shutil.copytree(MINIMAL[0].parent, root)
    return root


def test_next_id_continues_the_numbering() -> None:
    assert next_id("claim", ["claim-0003", "claim-0010", "other"]) == "claim-0011"
    assert next_id("claim", ["a", "b"]) == "claim-0003"
    assert next_id("claim", ["a", "claim-0003"], count=1) == "claim-0004"
    assert next_id("claim", ["claim-00012"]) == "claim-00013"
    assert next_id("source", []) == "source-0001"
    assert next_id("claim", ["a", "b", "claim-3"]) == "claim-0004"


def test_default_briefing_gets_the_next_free_ids() -> None:
    content = content_of(DEFAULT[0])
    assert parsed(new_item("claim", content))["id"] == f"claim-{len(content.claims) + 1:04d}"
    assert parsed(new_item("source", content))["id"] == f"source-{len(content.sources) + 1:04d}"
    assert parsed(new_item("question", content))["id"] == "question-0007"


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_is_shown_with_its_description(kind: Kind) -> None:
    text = new_item(kind, content_of(DEFAULT[0]))
    for name, info in MODELS[kind].model_fields.items():
        line = next(x for x in text.splitlines() if x.lstrip("-# ").startswith(f"{name}:"))
        assert info.description and info.description in line, name
        commented = line.lstrip().startswith("#")
        assert commented == (not info.is_required() and name != "claims"), name


@pytest.mark.parametrize("kind", KINDS)
def test_skeleton_is_refused_until_filled_in(kind: Kind) -> None:
    item = parsed(new_item(kind, content_of(MINIMAL[0])))
    model = MODELS[kind]
    with pytest.raises(ValueError):
        model.model_validate(item)
    filled = fill(item, FILLED[kind])
    if kind == "source":
        filled.update(published="2030-05-06", text="seeds/report.txt")
    assert model.model_validate(filled).model_dump()["id"] == item["id"]


def fill(item: dict[str, Any], values: dict[str, str]) -> dict[str, Any]:
    """Fill the empty fields of a parsed skeleton, evidence included."""
    out = {k: values.get(k, v) for k, v in item.items()}
    if "evidence" in out:
        out["evidence"] = [{"source": values["source"], "quote": values["quote"]}]
    return out


def test_uncommented_optional_fields_parse(tmp_path: Path) -> None:
    text = new_item("claim", content_of(DEFAULT[0]))
    uncommented = "\n".join(
        line.replace("# ", "", 1) if line.startswith("  # ") else line for line in text.splitlines()
    )
    item = parsed(uncommented)
    assert {"date", "measure", "qualifier", "credibility", "note"} <= set(item)


def test_new_appends_and_check_refuses_until_filled(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_minimal(tmp_path)
    figures = root / "content" / "claims" / "figures.yml"
    argv = ["new", "claim", "--content", str(root / "content"), "--append", str(figures)]
    assert run_editor(argv) == 0
    assert "appended claim claim-0003" in capsys.readouterr().out
    settings = Settings(root / "content", root / "seeds")
    with pytest.raises(BriefingError) as failure:
        check(settings)
    codes = {p.code for p in failure.value.problems}
    assert codes and not any(c.startswith("yaml") for c in codes)
    assert all("[2]" in p.field for p in failure.value.problems)
    text = figures.read_text(encoding="utf-8")
    for key, value in FILLED["claim"].items():
        text = text.replace(f'{key}: ""', f"{key}: {value}", 1)
    figures.write_text(text, encoding="utf-8")
    assert "claim-0003" in {c.model.id for c in check(settings).content.claims}


def test_new_prints_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_editor(["new", "question", "--content", str(MINIMAL[0])]) == 0
    assert capsys.readouterr().out.startswith("# New question")


def test_new_refuses_when_ids_cannot_be_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_minimal(tmp_path)
    (root / "content" / "claims" / "broken.yml").write_text("- id: [\n", encoding="utf-8")
    assert run_editor(["new", "claim", "--content", str(root / "content")]) == 1
    err = capsys.readouterr().err
    assert "broken.yml" in err and "new id" in err
    assert run_editor(["new", "source", "--content", str(root / "content")]) == 0
    assert run_editor(["new", "claim", "--content", str(tmp_path / "missing")]) == 1


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_new_appends_in_place_of_a_lone_empty_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], newline: str
) -> None:
    root = copy_minimal(tmp_path)
    extra = root / "content" / "claims" / "extra.yml"
    extra.write_bytes(f"# Claims to come.{newline}[]{newline}".encode())
    argv = ["new", "claim", "--content", str(root / "content"), "--append", str(extra)]
    assert run_editor(argv) == 0
    text = extra.read_bytes().decode("utf-8")
    assert text.startswith(f"# Claims to come.{newline}{newline}# New claim")
    assert "[]" not in text.splitlines() and ("\r\n" in text) == (newline == "\r\n")
    with pytest.raises(BriefingError) as failure:
        check(Settings(root / "content", root / "seeds"))
    codes = {p.code for p in failure.value.problems}
    assert codes and not any(c.startswith("yaml") for c in codes)


def test_new_appends_to_a_file_holding_an_empty_list_and_keeps_its_comment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_minimal(tmp_path)
    extra = root / "content" / "claims" / "extra.yml"
    extra.write_text("# More claims\n[]  # none yet\n", encoding="utf-8")
    argv = ["new", "claim", "--content", str(root / "content"), "--append", str(extra)]
    assert run_editor(argv) == 0
    assert "extra.yml:5; fill in" in capsys.readouterr().out
    text = extra.read_text(encoding="utf-8")
    assert text.startswith("# More claims\n# none yet\n\n# New claim")
    for key, value in FILLED["claim"].items():
        text = text.replace(f'{key}: ""', f"{key}: {value}", 1)
    extra.write_text(text, encoding="utf-8")
    settings = Settings(root / "content", root / "seeds")
    assert "claim-0003" in {c.model.id for c in check(settings).content.claims}


def test_new_leaves_a_file_it_cannot_append_to_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_minimal(tmp_path)
    extra = root / "content" / "claims" / "extra.yml"
    extra.write_text("[claim-a]  # flow style\n", encoding="utf-8")
    argv = ["new", "source", "--content", str(root / "content"), "--append", str(extra)]
    assert run_editor(argv) == 1
    err = capsys.readouterr().err
    assert "extra.yml:1:1: error: the list is written in flow style" in err
    assert "[append-flow-list]" in err and "nothing was written" in err
    assert extra.read_text(encoding="utf-8") == "[claim-a]  # flow style\n"
