"""JSON Schemas for the content files, generated from the models, for editors' YAML tools.

One schema per kind of file (briefing.yml, sources.yml, measures.yml, claims/*.yml,
questions.yml), written to schemas/<name>.schema.json with sorted keys, so a
content file can name its schema on its first line:

    # yaml-language-server: $schema=../schemas/claims.schema.json

The models read YAML scalars as text and parse numbers and dates themselves;
editors' tools resolve YAML types first. So the schemas say what those tools
see: plain numbers are numbers, dates are strings matching the date pattern (a
bare year such as 2025 is a number to them, and is accepted too), and an empty
list key (null) is an empty list.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from generator.content.models import (
    MIN_YEAR,
    Briefing,
    Claim,
    Measure,
    Question,
    Source,
    check_partial_date,
    null_to_empty_list,
    parse_number,
    parse_whole,
)
from generator.resources import SCHEMAS
from generator.write import write_file

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = SCHEMAS
# YYYY, YYYY-MM or YYYY-MM-DD with a real month and a day of 01-31 (the model checks the rest).
DATE_REGEX = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
DATE_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "string", "pattern": DATE_REGEX},
        {"type": "integer", "minimum": MIN_YEAR, "maximum": 9999},
    ]
}
# pydantic writes a bound it cannot push into a union (float | int) under its own name.
BOUNDS = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum"}

# name -> (the file it describes, the model of the whole file, what the file holds)
FILES: dict[str, tuple[str, Any, str]] = {
    "briefing": ("briefing.yml", Briefing, "the briefing's title, bottom line, date and pages"),
    "sources": ("sources.yml", list[Source], "a list of the articles and statements cited"),
    "measures": ("measures.yml", list[Measure], "a list of the quantities claims estimate"),
    "claims": ("claims/*.yml", list[Claim], "a list of claims"),
    "questions": ("questions.yml", list[Question], "a list of open questions"),
}


class ContentSchema(GenerateJsonSchema):
    """Describe fields as editors' YAML tools see them, keyed on the models' own validators."""

    def function_before_schema(
        self, schema: core_schema.BeforeValidatorFunctionSchema
    ) -> JsonSchemaValue:
        """Numbers and whole numbers are plain YAML numbers; an empty list may be null."""
        function = schema["function"]["function"]
        if function is parse_number:
            return {"type": "number"}
        if function is parse_whole:
            return {"type": "integer"}
        inner = super().function_before_schema(schema)
        if function is null_to_empty_list:
            return {"anyOf": [inner, {"type": "null"}]}
        return inner

    def function_after_schema(
        self, schema: core_schema.AfterValidatorFunctionSchema
    ) -> JsonSchemaValue:
        """A date field is a string with the date pattern (or a bare year)."""
        if schema["function"]["function"] is check_partial_date:
            return copy.deepcopy(DATE_SCHEMA)
        return super().function_after_schema(schema)


def standard_bounds(node: Any) -> Any:  # a JSON value in, the same shape out
    """Rename pydantic's ge/le/gt/lt to JSON Schema's keywords, leaving property names alone."""
    if isinstance(node, list):
        return [standard_bounds(x) for x in node]
    if not isinstance(node, dict):
        return node
    mapping: dict[str, Any] = node
    out: dict[str, Any] = {}
    for key, value in mapping.items():
        if key in ("properties", "$defs") and isinstance(value, dict):
            out[key] = {name: standard_bounds(sub) for name, sub in value.items()}
        else:
            out[BOUNDS.get(key, key)] = standard_bounds(value)
    return out


def file_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of one kind of content file."""
    file, model, what = FILES[name]
    generated = TypeAdapter(model).json_schema(schema_generator=ContentSchema)
    schema: dict[str, Any] = standard_bounds(generated)
    schema["$schema"] = DIALECT
    schema["title"] = file
    schema["description"] = f"{file}: {what}"
    return schema


def schema_text(schema: dict[str, Any]) -> str:
    """Write a schema as stable text: sorted keys, two-space indent, a final newline."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def schema_texts() -> dict[str, str]:
    """Every content schema as text, by file name (e.g. 'claims.schema.json')."""
    return {f"{name}.schema.json": schema_text(file_schema(name)) for name in FILES}


def write_schemas(out: Path) -> list[Path]:
    """Write every content schema into a folder; return the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = out / name
        write_file(path, text.encode("utf-8"))
        written.append(path)
    return written


def stale_schemas(out: Path) -> list[str]:
    """Name the schema files in a folder that are missing or differ from the models."""
    stale = []
    for name, text in schema_texts().items():
        path = out / name
        try:
            current = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            current = None
        if current != text:
            stale.append(name)
    return stale


def models() -> list[type[BaseModel]]:
    """Every model a content file is made of, nested ones included."""
    found: dict[str, type[BaseModel]] = {}
    for _file, model, _what in FILES.values():
        for cls in nested_models(model):
            found.setdefault(cls.__name__, cls)
    return list(found.values())


def nested_models(annotation: Any) -> list[type[BaseModel]]:
    """The models inside an annotation, and the models inside their fields."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        inner = [m for f in annotation.model_fields.values() for m in nested_models(f.annotation)]
        return [annotation, *inner]
    return [m for arg in getattr(annotation, "__args__", ()) or () for m in nested_models(arg)]


def schema_modeline(name: str, content_file: Path, schema_dir: Path = SCHEMA_DIR) -> str:
    """The first line that points the YAML language server at a file's schema."""
    relative = os.path.relpath(schema_dir / f"{name}.schema.json", content_file.parent)
    return f"# yaml-language-server: $schema={Path(relative).as_posix()}"
