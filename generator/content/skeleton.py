"""A new claim, source or question as a YAML skeleton: every field, a comment on each.

Required fields are written with an empty value ("") so that `briefing check`
refuses the item until an editor fills them in: a skeleton can never be
published by accident. Optional fields are commented out, with an example value.

The new id is `<kind>-NNNN`: one more than the highest id already numbered that
way, or, when there is none, than the number of items of that kind, written with
at least four digits (the 69th claim of a briefing is `claim-0069`). Ids of items
that failed validation count as taken. Editors may rename it to a descriptive
slug (the default briefing's ids say what the claim is, e.g. `ministry-evacuated-1200`).
"""

from __future__ import annotations

import json
import re
import typing
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from generator.content.models import Claim, Evidence, Question, Source
from generator.content.validate import Content

Kind = Literal["claim", "source", "question"]
KINDS: tuple[Kind, ...] = ("claim", "source", "question")
MODELS: dict[Kind, type[BaseModel]] = {"claim": Claim, "source": Source, "question": Question}
FILES: dict[Kind, str] = {
    "claim": "claims/<topic>.yml",
    "source": "sources.yml",
    "question": "questions.yml",
}
MIN_DIGITS = 4
MAX_LISTED = 12  # list known ids in a comment only when there are few


@dataclass(frozen=True)
class Known:
    """What the content already holds: ids by kind, topics, measures, sources, a date."""

    ids: dict[str, list[str]]
    topics: list[str]
    measures: list[str]
    sources: list[str]
    as_of: str | None


def known_of(content: Content) -> Known:
    """Collect the ids and names a skeleton refers to from validated content."""
    claims = [c.model.id for c in content.claims]
    sources = [s.model.id for s in content.sources]
    questions = [q.model.id for q in content.questions]
    broken = sorted(content.broken_ids)
    topics = Counter(c.model.topic for c in content.claims)
    return Known(
        ids={"claim": claims + broken, "source": sources + broken, "question": questions + broken},
        topics=[t for t, _ in topics.most_common()],
        measures=[m.model.id for m in content.measures],
        sources=sources,
        as_of=content.briefing.model.as_of if content.briefing else None,
    )


def next_id(kind: str, taken: Sequence[str], count: int | None = None) -> str:
    """The next free `<kind>-NNNN` id after the highest numbered one (or the item count)."""
    pattern = re.compile(rf"^{re.escape(kind)}-([0-9]+)$")
    numbers = [m.group(1) for m in map(pattern.match, taken) if m]
    width = max([MIN_DIGITS, *(len(n) for n in numbers)])
    n = max([int(x) for x in numbers], default=len(taken) if count is None else count) + 1
    used = set(taken)
    while f"{kind}-{n:0{width}d}" in used:
        n += 1
    return f"{kind}-{n:0{width}d}"


def choices(annotation: Any) -> list[str]:
    """The allowed words of a Literal field (inside Optional/Annotated), or none."""
    if typing.get_origin(annotation) is Literal:
        return [str(a) for a in typing.get_args(annotation)]
    return [c for arg in typing.get_args(annotation) for c in choices(arg)]


def listed(label: str, names: Iterable[str]) -> str:
    """A short comment naming known values, or nothing when there are none or too many."""
    names = list(names)
    if not names or len(names) > MAX_LISTED:
        return ""
    return f"; {label}: " + ", ".join(names)


def yaml_value(value: Any) -> str:
    """Write a value for the skeleton: numbers and slugs plain, text double-quoted."""
    if value == []:
        return "[]"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    if re.fullmatch(r"[a-z0-9][a-z0-9_-]*|[0-9]{4}(-[0-9]{2}){0,2}", text) and text:
        return text
    return json.dumps(text, ensure_ascii=False)


def examples(kind: Kind, known: Known) -> dict[str, Any]:
    """Example values shown for optional fields, taken from the content where possible."""
    date = known.as_of or "2025-01-31"
    return {
        "date": date,
        "published": date,
        "actor": "",
        "measure": known.measures[0] if known.measures else "",
        "value": 0,
        "low": 0,
        "high": 0,
        "qualifier": "about",
        "status": {"question": "open"}.get(kind, "reported"),
        "superseded_by": "",
        "error": "date",
        "credibility": 6,
        "reliability": "F",
        "author": "",
        "url": "https://",
        "sha256": "",
        "note": "",
    }


def hints(kind: Kind, known: Known) -> dict[str, str]:
    """Extra words for a field's comment: the known values it may take."""
    return {
        "topic": listed("in use", known.topics),
        "measure": listed("known", known.measures),
        "source": listed("known", known.sources),
        "text": "; e.g. seeds/<file>.txt",
        "date": "; YYYY-MM-DD, YYYY-MM or YYYY",
        "published": "; YYYY-MM-DD, YYYY-MM or YYYY",
        "value": "; or low and/or high",
        "sha256": "; `briefing check` prints it when it differs",
    }


def field_lines(
    model: type[BaseModel], values: dict[str, Any], kind: Kind, known: Known, indent: str
) -> list[str]:
    """One line per field: required ones filled in, optional ones commented out."""
    lines: list[str] = []
    example = examples(kind, known)
    extra = hints(kind, known)
    for name, info in model.model_fields.items():
        comment = (info.description or "") + extra.get(name, "")
        allowed = choices(info.annotation)
        if allowed and not all(word in comment for word in allowed):
            comment += "; one of: " + ", ".join(allowed)
        if name == "evidence":
            lines.append(f"{indent}{name}:  # {comment}")
            lines.extend(evidence_lines(known, indent + "  "))
            continue
        if info.is_required() or name in values:
            value = values.get(name, "")
            lines.append(f"{indent}{name}: {yaml_value(value)}  # {comment}")
        else:
            value = example.get(name, info.get_default(call_default_factory=True))
            lines.append(f"{indent}# {name}: {yaml_value(value)}  # {comment}")
    return lines


def evidence_lines(known: Known, indent: str) -> list[str]:
    """One evidence entry: a source id and an exact quote, both to fill in."""
    fields = Evidence.model_fields
    source = (fields["source"].description or "") + hints("claim", known)["source"]
    quote = fields["quote"].description or ""
    return [
        f'{indent}- source: ""  # {source}',
        f'{indent}  quote: ""  # {quote}',
    ]


def new_item(kind: str, content: Content) -> str:
    """A YAML skeleton of a new claim, source or question with the next free id."""
    if kind not in MODELS:
        raise ValueError(f"expected one of {', '.join(KINDS)}; got {kind!r}")
    known = known_of(content)
    ident = next_id(kind, known.ids[kind])
    model = MODELS[kind]
    values: dict[str, Any] = {"id": ident}
    if kind == "question":
        values["claims"] = []
    lines = field_lines(model, values, kind, known, "  ")
    lines[0] = "- " + lines[0].removeprefix("  ")
    header = f'# New {kind} for {FILES[kind]}: fill in every "", uncomment what applies.'
    return "\n".join([header, *lines]) + "\n"
