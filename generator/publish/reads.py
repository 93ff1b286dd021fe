"""What a rendering reads: declarations, and the memo keys projected from them.

A template declares, in a comment beside its text, every field its rendering
reads (helpers it calls included), path by path from the names it is given:

    {## reads
    s: source claims
    s.source: title publisher
    s.claims[]: claim home anchor
    s.claims[].claim: claimant statement
    ##}

`[]` is any item of a list or value of a dict, `name()` what a method returns,
`*` a value used whole (printed, compared). A page's memo key is its data
projected through the declaration: at each declared path only the declared
fields; an object read through a method that says nothing of what it reads (a
date's label()) whole; an object nothing reads, only that it is there. So an
edit to a field no page shows re-renders nothing, and an edit to a field a
page shows re-renders that page. A method of the view stands for what
`BriefingView.reads_of` says it reads.

`{## reads every build` marks a page that shows the whole briefing (its
overview, its figures): its key would cost about what rendering it does, so it
is rendered on every build (what it reads is still declared and checked).

`tests/publish/test_reads.py` renders every page over recording stand-ins and
fails when a page reads a field its template does not declare.
"""

from __future__ import annotations

import datetime
import enum
import functools
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment

from generator.view.views import Drawn

Reads = Mapping[str, frozenset[str]]
WHOLE = "*"  # the field that stands for a value used whole: printed, compared, hashed
PLAIN = (str, int, float, bool, type(None), datetime.date, enum.Enum)

DECLARATION = re.compile(r"\{##\s*reads\b(?P<every>[ \t]+every build)?(?P<body>.*?)##\}", re.DOTALL)
INCLUDE = re.compile(r"\{%-?\s*include\s+\"(?P<name>[^\"]+)\"")
LINE = re.compile(r"^\s*(?P<path>[A-Za-z_][\w.\[\]()]*)\s*:(?P<fields>[^\n]*)$")


class DeclarationError(ValueError):
    """A reads declaration that cannot be parsed."""


def parse_reads(text: str) -> dict[str, frozenset[str]]:
    """Parse the lines of a declaration: `path: field field ...`."""
    reads: dict[str, set[str]] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        found = LINE.match(line)
        if not found:
            raise DeclarationError(f"not a 'path: field ...' line: {line.strip()!r}")
        reads.setdefault(found["path"], set()).update(found["fields"].split())
    return {path: frozenset(fields) for path, fields in reads.items()}


def merged(*declarations: Reads) -> dict[str, frozenset[str]]:
    """The union of declarations."""
    out: dict[str, frozenset[str]] = {}
    for reads in declarations:
        for path, fields in reads.items():
            out[path] = out.get(path, frozenset()) | fields
    return out


def template_reads(env: Environment, name: str) -> dict[str, frozenset[str]]:
    """What rendering a template reads: its declaration and those of what it includes."""
    assert env.loader is not None
    source = env.loader.get_source(env, name)[0]
    own = [parse_reads(m["body"]) for m in DECLARATION.finditer(source)]
    included = [template_reads(env, m["name"]) for m in INCLUDE.finditer(source)]
    return merged(*own, *included)


@functools.lru_cache(maxsize=256)
def rendered_every_build(env: Environment, name: str) -> bool:
    """True for a template declared `{## reads every build`: a page that shows the whole
    briefing (its overview, its reactions), whose key would cost as much as rendering it."""
    assert env.loader is not None
    found = DECLARATION.search(env.loader.get_source(env, name)[0])
    return bool(found and found["every"])


def undeclared(recorded: set[tuple[str, str]], reads: Reads) -> list[str]:
    """The recorded reads (path, field) a declaration lacks, as `path: field`."""
    return sorted(
        f"{path}: {attr}" for path, attr in recorded if attr not in reads.get(path, frozenset())
    )


def pick(value: Any, dotted: str) -> Any:
    """The value at a dotted attribute path."""
    for name in dotted.split("."):
        value = getattr(value, name)
    return value


class Projections:
    """What one build projected, shared by every declaration that reads an object alike
    (the same fields, at every depth below it), so a claim shown by many templates is
    projected once per way it is read."""

    def __init__(self) -> None:
        self.done: dict[tuple[int, int], Any] = {}
        self.keep: list[Any] = []  # the projected objects, alive while their ids are keys
        self.ways: dict[tuple[Any, ...], int] = {}

    def way(self, below: tuple[Any, ...]) -> int:
        """A number for one way of reading an object (the declarations below its path)."""
        return self.ways.setdefault(below, len(self.ways))


class Projector:
    """Project data through one declaration, each object once per way it is read and build.

    Each (class, path) gets a plan once: a getter of its declared attributes (one C
    call per object) and the paths of what they hold, so projecting a briefing of
    thousands of claims stays a small part of rendering it.
    """

    def __init__(self, reads: Reads, store: Projections | None = None) -> None:
        self.reads = reads
        self.store = store or Projections()
        self.plans: dict[tuple[type, str], Plan | None] = {}
        self.ways: dict[str, int] = {}

    def data(self, data: Mapping[str, Any]) -> tuple[Any, ...]:
        """The projection of a template's named data, each name its own path."""
        return tuple((name, self(value, name)) for name, value in data.items())

    def way(self, path: str) -> int:
        """How this declaration reads what is at a path: every declaration below it."""
        found = self.ways.get(path)
        if found is None:
            n = len(path)
            below = tuple(
                sorted(
                    (q[n:], tuple(sorted(fields)))
                    for q, fields in self.reads.items()
                    if q == path or (q.startswith(path) and q[n] in ".[(")
                )
            )
            found = self.ways[path] = self.store.way(below)
        return found

    def __call__(self, value: Any, path: str) -> Any:
        """The part of a value the declaration reads at a path, as comparable data."""
        kind = type(value)
        if kind in PLAIN_TYPES:
            return value
        if kind is list or kind is tuple:
            inner = path + "[]"
            return tuple(x if type(x) in PLAIN_TYPES else self(x, inner) for x in value)
        if kind is dict:
            inner = path + "[]"
            return tuple((k, self(v, inner)) for k, v in value.items())
        plan = self.plan(kind, path)
        if plan is None:
            return self.unplanned(value, path)
        key = (id(value), self.way(path))
        done = self.store.done
        found = done.get(key)
        if found is None:
            self.store.keep.append(value)
            found = done[key] = plan.project(self, value)
        return found

    def unplanned(self, value: Any, path: str) -> Any:
        """A value no declared field reads into: a plain value or a container as such; an
        object used whole (`*`) all of it; an object neither read nor used, only that it is
        there (a list's length counts, its items' contents do not)."""
        if isinstance(value, PLAIN):
            return value
        if isinstance(value, (list, tuple)) and not hasattr(value, "_fields"):
            return tuple(self(x, path + "[]") for x in value)
        if isinstance(value, dict):
            return tuple((k, self(v, path + "[]")) for k, v in value.items())
        return value if path in self.reads else None

    def plan(self, kind: type, path: str) -> Plan | None:
        """How to project objects of a class at a path (None: compare them whole)."""
        if (kind, path) not in self.plans:
            fields = self.reads.get(path)
            plain = isinstance(kind, type) and issubclass(kind, PLAIN)
            sequence = issubclass(kind, (list, tuple, dict)) and not hasattr(kind, "_fields")
            if fields is None or WHOLE in fields or plain or sequence or opaque(kind, fields):
                self.plans[(kind, path)] = None
            else:
                self.plans[(kind, path)] = Plan.of(kind, path, sorted(fields))
        return self.plans[(kind, path)]

    def drawn(self, value: Any, name: str, path: str) -> Any:
        """A method's part of a key: what its class says it reads (nothing said: all of it)."""
        reads_of: Mapping[str, Drawn | tuple[str, ...]] = getattr(type(value), "reads_of", {})
        drawn = reads_of.get(name)
        if drawn is None:
            return value  # a method nothing declares reads its whole object
        if isinstance(drawn, tuple):
            return tuple(getattr(value, dep) for dep in drawn)  # compared whole
        items = getattr(value, drawn.source)
        items = list(items.values()) if isinstance(items, dict) else items
        result = f"{path}.{name}()" + ("" if drawn.one else "[]")
        return tuple((tuple(pick(x, b) for b in drawn.by), self(x, result)) for x in items)


PLAIN_TYPES = frozenset({str, int, float, bool, type(None), datetime.date})


def opaque(kind: type, fields: frozenset[str]) -> bool:
    """True when a declaration calls a method of a class that says nothing of what it
    reads: such an object counts whole (a date printed through its label())."""
    reads_of = getattr(kind, "reads_of", {})
    return any(callable(getattr(kind, f, None)) and f not in reads_of for f in fields)


@dataclass(frozen=True)
class Plan:
    """The declared attributes of one class at one path: got at once, then projected."""

    path: str
    methods: tuple[str, ...]
    get: Callable[[Any], tuple[Any, ...]] | None
    inner: tuple[str, ...]  # the path of each attribute got

    @classmethod
    def of(cls, kind: type, path: str, fields: list[str]) -> Plan:
        """Plan a class's declared fields: methods apart, attributes through one getter."""
        methods = tuple(f for f in fields if callable(getattr(kind, f, None)))
        attrs = [f for f in fields if f not in methods]
        if not attrs:
            get = None
        elif len(attrs) == 1:
            one = operator.attrgetter(attrs[0])
            get = lambda value: (one(value),)  # noqa: E731
        else:
            get = operator.attrgetter(*attrs)
        return cls(path, methods, get, tuple(f"{path}.{a}" for a in attrs))

    def project(self, projector: Projector, value: Any) -> tuple[Any, ...]:
        """The projection of one object."""
        got = self.get(value) if self.get else ()
        plain = PLAIN_TYPES
        out = tuple(
            [
                v if type(v) in plain else projector(v, p)
                for v, p in zip(got, self.inner, strict=True)
            ]
        )
        if self.methods:
            out += tuple(projector.drawn(value, m, self.path) for m in self.methods)
        return out
