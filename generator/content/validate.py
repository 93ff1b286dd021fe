"""Raw data -> models, or problems with the position of every bad value."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from generator.content.load import RawContent, YamlFile
from generator.content.models import (
    SHA256_PATTERN,
    SLUG_PATTERN,
    Briefing,
    Claim,
    Measure,
    Question,
    Source,
)
from generator.content.yamlstrict import Path
from generator.errors import Problem, Span, did_you_mean, field_path, shorten
from generator.speed.reuse import NO_MEMO, Memo

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Item(Generic[M]):
    """A validated model with the file and path it came from, for precise reports."""

    model: M
    file: YamlFile
    path: Path

    def span(self, *sub: str | int) -> Span | None:
        """Where a field of this item (or the item itself) was written."""
        return self.file.parsed.span((*self.path, *sub))

    def problem(
        self,
        at: tuple[str | int, ...],
        message: str,
        code: str,
        got: str | None = None,
        hint: str | None = None,
    ) -> Problem:
        """A problem with the field at a path inside this item."""
        return Problem(
            span=self.span(*at),
            field=field_path((*self.path, *at)),
            message=message,
            code=code,
            got=got,
            hint=hint,
        )


AnyItem = Item[Any]  # an item of any kind of content file


@dataclass
class Content:
    """Every validated item of a briefing, and the ids of items that failed."""

    briefing: Item[Briefing] | None = None
    sources: list[Item[Source]] = field(default_factory=list)
    measures: list[Item[Measure]] = field(default_factory=list)
    claims: list[Item[Claim]] = field(default_factory=list)
    questions: list[Item[Question]] = field(default_factory=list)
    broken_ids: set[str] = field(default_factory=set)
    unreadable: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)


def describe(value: Any) -> str:
    """Show a found value briefly."""
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return shorten(str(value))


EXPECTED_TYPE = {
    "string_type": "expected text",
    "list_type": "expected a list",
    "dict_type": "expected a mapping of fields",
    "model_type": "expected a mapping of fields",
    "model_attributes_type": "expected a mapping of fields",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
}


PATTERNS = {
    SLUG_PATTERN: (
        "expected a slug: a-z, 0-9, '-' and '_', starting with a letter or digit",
        "bad-id",
    ),
    SHA256_PATTERN: ("expected a SHA-256 digest: 64 characters 0-9 and a-f", "bad-digest"),
}


def error_message(error: Any, loc: tuple[Any, ...]) -> tuple[str, str]:
    """Word a pydantic error for editors; return (message, code)."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return f"missing required field '{loc[-1]}'", "missing-field"
    if kind == "extra_forbidden":
        return f"unknown field '{shorten(str(loc[-1]))}'", "unknown-field"
    if kind == "literal_error":
        return f"expected one of {ctx.get('expected', '')}", "bad-enum"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern"))
        return PATTERNS.get(pattern, (f"expected text matching {pattern}", "bad-format"))
    if kind == "string_too_long":
        return f"too long; at most {ctx.get('max_length')} characters", "too-long"
    if kind == "too_short":
        return "expected at least one entry", "empty-list"
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = ctx.get("ge", ctx.get("le"))
        word = "at least" if kind == "greater_than_equal" else "at most"
        return f"expected a number {word} {bound}", "out-of-range"
    if kind in EXPECTED_TYPE:
        return EXPECTED_TYPE[kind], "wrong-type"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"])), "bad-value"
    return str(error["msg"]), kind.replace("_", "-")


def suggestion(error: Any, model: type[BaseModel], loc: tuple[Any, ...]) -> str | None:
    """Offer the closest allowed word for an unknown field or a bad enum value."""
    if error["type"] == "extra_forbidden":
        owner = owner_model(model, loc[:-1])
        return did_you_mean(str(loc[-1]), owner.model_fields) if owner else None
    if error["type"] == "literal_error" and isinstance(error.get("input"), str):
        choices = [
            c.strip(" '") for c in str(error["ctx"]["expected"]).replace(" or ", ",").split(",")
        ]
        return did_you_mean(error["input"], [c for c in choices if c])
    return None


def owner_model(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """Find the model that owns the field at loc."""
    current: type[BaseModel] = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(str(part))
        if info is None:
            return None
        nested = nested_model(info.annotation)
        if nested is None:
            return None
        current = nested
    return current


def nested_model(annotation: Any) -> type[BaseModel] | None:
    """Return the model inside an annotation such as list[Evidence], if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = nested_model(arg)
        if found is not None:
            return found
    return None


def to_problems(
    failure: ValidationError, model: type[BaseModel], file: YamlFile, path: Path
) -> list[Problem]:
    """Turn a pydantic failure into problems positioned in the YAML file."""
    problems = []
    for error in failure.errors(include_url=False):
        loc = tuple(error["loc"])
        message, code = error_message(error, loc)
        full = (*path, *loc)
        if code == "unknown-field":
            span = file.parsed.key_span(full) or file.parsed.span(full)
        else:
            span = file.parsed.span(full)
        got = None if code == "missing-field" else describe(error.get("input"))
        hint = suggestion(error, model, loc)
        problems.append(
            Problem(
                span=span, field=field_path(full), message=message, code=code, got=got, hint=hint
            )
        )
    return problems


def validate_item(
    model: type[M], file: YamlFile, path: Path, data: Any
) -> tuple[M | None, list[Problem]]:
    """Validate one mapping against a model."""
    try:
        return model.model_validate(data), []
    except ValidationError as failure:
        return None, to_problems(failure, model, file, path)


@dataclass
class Validated(Generic[M]):
    """The outcome of validating one file: its valid items, problems and failed ids."""

    items: list[Item[M]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    broken_ids: set[str] = field(default_factory=set)


def validate_list(
    model: type[M], file: YamlFile | None, content: Content, what: str, memo: Memo = NO_MEMO
) -> list[Item[M]]:
    """Validate a file that holds a list of items; with a memo, an unchanged file once."""
    if file is None:
        return []
    known = memo.made((file.name, model.__name__), file, lambda: validated_list(model, file, what))
    content.problems.extend(known.problems)
    content.broken_ids.update(known.broken_ids)
    return list(known.items)


def validated_list(model: type[M], file: YamlFile, what: str) -> Validated[M]:
    """Validate a file that holds a list of items, item by item."""
    out: Validated[M] = Validated()
    data = file.parsed.data
    if not isinstance(data, list):
        span = file.parsed.span(()) or Span(file.name, 1, 1)
        message = f"expected a list of {what}, one per '- ' entry"
        out.problems.append(
            Problem(span=span, field="", message=message, code="wrong-type", got=describe(data))
        )
        return out
    for index, entry in enumerate(data):
        valid, problems = validate_item(model, file, (index,), entry)
        out.problems.extend(problems)
        if valid is not None:
            out.items.append(Item(valid, file, (index,)))
        elif isinstance(entry, dict) and isinstance(entry.get("id"), str):
            out.broken_ids.add(entry["id"])
    return out


def validate_briefing(file: YamlFile | None, content: Content) -> Item[Briefing] | None:
    """Validate briefing.yml, a single mapping."""
    if file is None:
        return None
    data = file.parsed.data
    if not isinstance(data, dict):
        span = file.parsed.span(()) or Span(file.name, 1, 1)
        message = "expected a mapping of fields (title, summary, as_of, ...)"
        content.problems.append(
            Problem(span=span, field="", message=message, code="wrong-type", got=describe(data))
        )
        return None
    valid, problems = validate_item(Briefing, file, (), data)
    content.problems.extend(problems)
    return Item(valid, file, ()) if valid is not None else None


def validate_content(raw: RawContent, memo: Memo = NO_MEMO) -> Content:
    """Validate every file of a briefing, collecting all problems."""
    content = Content(unreadable=set(raw.unreadable))
    content.briefing = validate_briefing(raw.briefing, content)
    content.sources = validate_list(Source, raw.sources, content, "sources", memo)
    content.measures = validate_list(Measure, raw.measures, content, "measures", memo)
    content.questions = validate_list(Question, raw.questions, content, "questions", memo)
    for file in raw.claims:
        content.claims.extend(validate_list(Claim, file, content, "claims", memo))
    # Claims may be split over files in any way; their order comes from their ids, so
    # renaming or reordering claim files never changes the site.
    content.claims.sort(key=lambda item: (item.model.id, item.file.name, item.path))
    return content
