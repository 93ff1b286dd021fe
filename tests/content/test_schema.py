"""Content JSON Schemas: not stale, described, and accepting what editors' YAML tools see."""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli.editor import HANDLERS, register
from generator.content.schema import FILES, SCHEMA_DIR, models, schema_texts, stale_schemas
from tests.conftest import FIXTURES, ROOT
from tests.helpers import in_fresh_process

BRIEFINGS = [
    ROOT / "content",
    FIXTURES / "briefings" / "minimal" / "content",
    FIXTURES / "briefings" / "volcano" / "content",
    FIXTURES / "diff" / "old" / "content",
    FIXTURES / "diff" / "new" / "content",
]


def run_editor(argv: Sequence[str]) -> int:
    """Run one editor command through a parser built like the briefing CLI's."""
    parser = argparse.ArgumentParser(prog="briefing")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    register(commands)
    args = parser.parse_args(list(argv))
    return HANDLERS[args.command](args)


# --- A tiny JSON Schema validator: the keywords our schemas use -------------------------


TYPES: dict[str, Any] = {
    "object": dict,
    "array": list,
    "string": str,
    "boolean": bool,
    "null": type(None),
}


def type_ok(value: Any, kind: str) -> bool:
    """Whether a value has a JSON Schema type (booleans are not numbers)."""
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, TYPES[kind])


def errors(value: Any, schema: dict[str, Any], root: dict[str, Any], at: str = "$") -> list[str]:
    """Every way a value breaks a schema (subset: the keywords generated schemas use)."""
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        return errors(value, root["$defs"][name], root, at)
    if "anyOf" in schema:
        if all(errors(value, sub, root, at) for sub in schema["anyOf"]):
            return [f"{at}: matches no alternative"]
        return []
    found: list[str] = []
    kind = schema.get("type")
    if kind is not None and not type_ok(value, kind):
        return [f"{at}: expected {kind}, got {type(value).__name__}"]
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{at}: {value!r} not in enum")
    if isinstance(value, str):
        if "pattern" in schema and not re.search(schema["pattern"], value):
            found.append(f"{at}: {value!r} does not match {schema['pattern']}")
        if len(value) > schema.get("maxLength", len(value)):
            found.append(f"{at}: too long")
    if type_ok(value, "number") and not in_range(value, schema):
        found.append(f"{at}: {value} out of range")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            found.append(f"{at}: too few items")
        for i, item in enumerate(value):
            found += errors(item, schema.get("items", {}), root, f"{at}[{i}]")
    if isinstance(value, dict):
        found += object_errors(value, schema, root, at)
    return found


def in_range(value: float, schema: dict[str, Any]) -> bool:
    """Whether a number lies within a schema's minimum and maximum."""
    return bool(schema.get("minimum", value) <= value <= schema.get("maximum", value))


def object_errors(value: dict[str, Any], schema: dict[str, Any], root: Any, at: str) -> list[str]:
    """Required, known and valid properties of an object."""
    props = schema.get("properties", {})
    found = [f"{at}: missing {name}" for name in schema.get("required", []) if name not in value]
    for name, item in value.items():
        if name in props:
            found += errors(item, props[name], root, f"{at}.{name}")
        elif schema.get("additionalProperties") is False:
            found.append(f"{at}: unknown property {name}")
    return found


def validate(value: Any, schema: dict[str, Any]) -> list[str]:
    """Validate a value against a whole schema document."""
    return errors(value, schema, schema)


# --- YAML as editors' tools read it (YAML 1.2 core: dates stay strings) -----------------


class EditorLoader(yaml.SafeLoader):
    """A loader that, like YAML 1.2 tools, has no timestamp type."""


EditorLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def content_files(content: Path) -> list[tuple[Path, str]]:
    """Every content file of a briefing folder with its schema's name."""
    named = {file: name for name, (file, _model, _what) in FILES.items()}
    found = [(content / file, name) for file, name in named.items() if (content / file).exists()]
    return found + [(p, "claims") for p in sorted((content / "claims").glob("*.yml"))]


def schema(name: str) -> dict[str, Any]:
    """A committed schema, parsed."""
    loaded: dict[str, Any] = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text())
    return loaded


# --- Tests ------------------------------------------------------------------------------


def test_committed_schemas_are_not_stale() -> None:
    assert stale_schemas(SCHEMA_DIR) == [], "run `briefing schema` and commit schemas/"


def test_schema_text_is_the_same_in_every_process_sorted_and_ends_with_a_newline() -> None:
    texts = schema_texts()
    code = (
        "import json; from generator.content.schema import schema_texts\n"
        "print(json.dumps(schema_texts()))"
    )
    for seed in (1, 2):
        assert json.loads(in_fresh_process(code, seed)) == texts, f"PYTHONHASHSEED={seed}"
    for text in texts.values():
        assert text.endswith("}\n") and not text.endswith("\n\n")
        assert text == json.dumps(json.loads(text), indent=2, sort_keys=True) + "\n"


def test_every_model_field_has_a_description() -> None:
    for model in models():
        assert model.__doc__, model.__name__
        for name, info in model.model_fields.items():
            assert info.description, f"{model.__name__}.{name} has no description"


def test_every_schema_property_has_a_description() -> None:
    for name in FILES:
        document = schema(name)
        objects = [document, *document.get("$defs", {}).values()]
        for obj in objects:
            for prop, sub in obj.get("properties", {}).items():
                assert sub.get("description"), f"{name}: {prop}"


def test_schemas_use_standard_keywords_only() -> None:
    text = "".join(schema_texts().values())
    assert '"ge"' not in text and '"le"' not in text


@pytest.mark.parametrize("content", BRIEFINGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_content_files_validate_as_editors_tools_read_them(content: Path) -> None:
    for path, name in content_files(content):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=EditorLoader)
        assert validate(data, schema(name)) == [], path


def test_dates_accept_partial_dates_and_bare_years_and_refuse_others() -> None:
    briefing = schema("briefing")
    base = {"title": "T", "summary": "S"}
    for good in ("2025-02-27", "2025-02", "2025", 2025):
        assert validate({**base, "as_of": good}, briefing) == [], good
    for bad in ("2025-13", "27/02/2025", "2025-02-27T00:00", 25):
        assert validate({**base, "as_of": bad}, briefing) != [], bad


def test_numbers_are_numbers_and_bounded() -> None:
    claims = schema("claims")
    claim: dict[str, Any] = {"id": "a", "statement": "S", "claimant": "C", "topic": "t"}
    claim["evidence"] = [{"source": "s", "quote": "q"}]
    assert validate([{**claim, "value": 2.5, "credibility": 6}], claims) == []
    assert validate([{**claim, "value": -1}], claims) != []
    assert validate([{**claim, "credibility": 7}], claims) != []
    assert validate([{**claim, "value": "300"}], claims) != []
    assert validate([{**claim, "evidence": []}], claims) != []
    assert validate([{**claim, "unknown": 1}], claims) != []


def test_empty_list_keys_are_accepted() -> None:
    question = {"id": "q", "question": "Q?", "why_it_matters": "W", "would_resolve": "R"}
    assert validate([{**question, "claims": None}], schema("questions")) == []


def test_content_files_name_their_schema_on_the_first_line() -> None:
    for content in (ROOT / "content", FIXTURES / "briefings" / "volcano" / "content"):
        for path, name in content_files(content):
            first = path.read_text(encoding="utf-8").splitlines()[0]
            target = first.removeprefix("# yaml-language-server: $schema=")
            assert (path.parent / target).resolve() == SCHEMA_DIR / f"{name}.schema.json"


def test_schema_command_writes_and_checks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "schemas"
    assert run_editor(["schema", "--check", "--out", str(out)]) == 1
    assert "stale or missing" in capsys.readouterr().err
    assert run_editor(["schema", "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(schema_texts())
    assert run_editor(["schema", "--check", "--out", str(out)]) == 0
    (out / "claims.schema.json").write_text("{}\n")
    assert run_editor(["schema", "--check", "--out", str(out)]) == 1
    assert "claims.schema.json" in capsys.readouterr().err


def test_every_editor_command_has_help_with_an_example(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name in HANDLERS:
        with pytest.raises(SystemExit) as stop:
            run_editor([name, "--help"])
        assert stop.value.code == 0
        assert "example:\n  briefing " + name in capsys.readouterr().out
