"""Cross-field and cross-file rules: one small function per rule, each yielding problems."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from generator.content.models import Claim
from generator.content.validate import AnyItem, Content, Item
from generator.errors import Problem, Span, did_you_mean, shorten

RESERVED_SOURCE_IDS = frozenset({"index"})
UNCHECKED: set[str] = set()  # stands for a kind whose files could not be read


def where(span: Span | None) -> str:
    """Name a place as FILE:LINE."""
    return f"{span.file}:{span.line}" if span else "elsewhere"


def unique_ids(items: Sequence[AnyItem], kind: str) -> Iterator[Problem]:
    """Each id appears once within its kind; a duplicate names both places."""
    seen: dict[str, AnyItem] = {}
    for item in items:
        ident = item.model.id
        first = seen.setdefault(ident, item)
        if first is not item:
            message = f"duplicate {kind} id (first at {where(first.span('id'))})"
            yield item.problem(("id",), message, "duplicate-id", ident)


def reserved_ids(content: Content) -> Iterator[Problem]:
    """Source ids that would collide with generated file names are refused."""
    for item in content.sources:
        if item.model.id in RESERVED_SOURCE_IDS:
            message = "this id is reserved for the index page; choose another"
            yield item.problem(("id",), message, "reserved-id", item.model.id)


def check_ref(
    item: AnyItem, at: tuple[str | int, ...], ident: str, known: set[str], kind: str
) -> Iterator[Problem]:
    """One id refers to an existing item of a kind."""
    if ident not in known and known is not UNCHECKED:
        hint = did_you_mean(ident, known)
        yield item.problem(at, f"unknown {kind} id", "unknown-ref", shorten(ident), hint)


def claim_references(content: Content, known: dict[str, set[str]]) -> Iterator[Problem]:
    """Evidence sources, measures and superseded_by of claims exist."""
    for c in content.claims:
        for i, ev in enumerate(c.model.evidence):
            yield from check_ref(c, ("evidence", i, "source"), ev.source, known["source"], "source")
        if c.model.measure:
            yield from check_ref(c, ("measure",), c.model.measure, known["measure"], "measure")
        if c.model.superseded_by:
            yield from check_ref(
                c, ("superseded_by",), c.model.superseded_by, known["claim"], "claim"
            )


def other_references(content: Content, known: dict[str, set[str]]) -> Iterator[Problem]:
    """Claims of questions and judgments, parts of sums, and page filters exist."""
    for q in content.questions:
        for i, ident in enumerate(q.model.claims):
            yield from check_ref(q, ("claims", i), ident, known["claim"], "claim")
    for m in content.measures:
        for i, ident in enumerate(m.model.sum_of or []):
            yield from check_ref(m, ("sum_of", i), ident, known["measure"], "measure")
    if content.briefing is None:
        return
    b = content.briefing
    for j, judgment in enumerate(b.model.key_judgments):
        for i, ident in enumerate(judgment.claims):
            yield from check_ref(
                b, ("key_judgments", j, "claims", i), ident, known["claim"], "claim"
            )
    for p, page in enumerate(b.model.pages or []):
        for i, ident in enumerate(page.topics or []):
            yield from check_ref(b, ("pages", p, "topics", i), ident, known["topic"], "topic")
        for i, ident in enumerate(page.measures or []):
            yield from check_ref(b, ("pages", p, "measures", i), ident, known["measure"], "measure")


def references(content: Content) -> Iterator[Problem]:
    """Every id a file mentions names something that exists (or failed validation)."""
    broken = content.broken_ids
    known = {
        "source": {s.model.id for s in content.sources} | broken,
        "measure": {m.model.id for m in content.measures} | broken,
        "claim": {c.model.id for c in content.claims} | broken,
        "topic": {c.model.topic for c in content.claims},
    }
    for kind in content.unreadable:
        known[kind] = UNCHECKED
    yield from claim_references(content, known)
    yield from other_references(content, known)


def figure_rules(item: Item[Claim]) -> Iterator[Problem]:
    """A measure claim carries a figure; a figure needs a measure; low <= high."""
    c = item.model
    has_range = c.low is not None or c.high is not None
    if c.measure and c.value is None and not has_range:
        message = "a claim with a measure needs 'value', or 'low' and/or 'high'"
        yield item.problem(("measure",), message, "missing-figure", c.measure)
    if c.value is not None and has_range:
        message = "give either 'value' or 'low'/'high', not both"
        yield item.problem(("value",), message, "figure-conflict", str(c.value))
    if not c.measure and (c.value is not None or has_range):
        name = "value" if c.value is not None else ("low" if c.low is not None else "high")
        message = "a figure needs a 'measure' saying what it counts"
        got = str(getattr(c, name))
        yield item.problem((name,), message, "figure-without-measure", got)
    if c.low is not None and c.high is not None and c.low > c.high:
        message = f"low is greater than high ({c.high}); expected low <= high"
        yield item.problem(("low",), message, "low-above-high", str(c.low))
    if c.qualifier and c.value is None and not has_range:
        yield item.problem(
            ("qualifier",), "a qualifier needs a figure", "qualifier-alone", c.qualifier
        )


def status_rules(item: Item[Claim]) -> Iterator[Problem]:
    """'superseded' and 'superseded_by' go together, and a claim never replaces itself;
    'error' goes with 'erroneous', and a wrong date must be given."""
    c = item.model
    if c.status == "superseded" and not c.superseded_by:
        message = "a superseded claim needs 'superseded_by' naming the claim that replaces it"
        yield item.problem(("status",), message, "missing-superseded-by", c.status)
    if c.superseded_by and c.status != "superseded":
        message = "'superseded_by' needs 'status: superseded'"
        yield item.problem(("superseded_by",), message, "status-mismatch", c.status)
    if c.error and c.status != "erroneous":
        message = "'error' needs 'status: erroneous'"
        yield item.problem(("error",), message, "status-mismatch", c.status)
    if c.error == "date" and c.date is None:
        message = "'error: date' needs the 'date' the claim gives, wrong as it is"
        yield item.problem(("error",), message, "missing-date", c.error)
    if c.superseded_by == c.id:
        yield item.problem(
            ("superseded_by",), "a claim cannot supersede itself", "supersede-cycle", c.id
        )


def supersede_cycles(claims: Sequence[Item[Claim]]) -> Iterator[Problem]:
    """Chains of superseded_by end somewhere; they never loop."""
    successor = {c.model.id: c.model.superseded_by for c in claims if c.model.superseded_by}
    by_id = {c.model.id: c for c in claims}
    done: set[str] = set()
    for start in sorted(successor):
        path: list[str] = []
        current: str | None = start
        while current in successor and current not in path and current not in done:
            path.append(current)
            current = successor[current]
        done.update(path)
        if current in path and len(path) - path.index(current) > 1:
            loop = path[path.index(current) :]
            first = loop.index(min(loop))
            ring = loop[first:] + loop[:first] + [loop[first]]
            message = "superseded_by forms a cycle: " + " -> ".join(ring)
            yield by_id[ring[0]].problem(("superseded_by",), message, "supersede-cycle", ring[1])


def claim_rules(content: Content) -> Iterator[Problem]:
    """Apply the per-claim rules to every claim."""
    for item in content.claims:
        yield from figure_rules(item)
        yield from status_rules(item)
    yield from supersede_cycles(content.claims)


def period(date: str, end: bool) -> tuple[int, int, int]:
    """The first (or last) day a full or partial date can mean, as a sortable triple."""
    parts = [int(p) for p in date.split("-")]
    month = parts[1] if len(parts) > 1 else (12 if end else 1)
    day = parts[2] if len(parts) > 2 else (31 if end else 1)
    return parts[0], month, day


def dates_after_as_of(content: Content) -> Iterator[Problem]:
    """Warn of a claim date or publication date after the date the briefing is current to."""
    if content.briefing is None:
        return
    as_of = content.briefing.model.as_of
    latest = period(as_of, end=True)
    dated: list[tuple[AnyItem, str, str | None]] = [
        *((item, "date", item.model.date) for item in content.claims),
        *((item, "published", item.model.published) for item in content.sources),
    ]
    for item, name, date in dated:
        if date is not None and period(date, end=False) > latest:
            problem = item.problem(
                (name,),
                f"the date is after the briefing's as_of ({as_of})",
                "date-after-as-of",
                date,
                f"correct the date, or move as_of in briefing.yml forward to {date} or later",
            )
            yield replace(problem, severity="warning")


def cross_file_problems(content: Content) -> list[Problem]:
    """Run every rule that needs more than one field."""
    problems: list[Problem] = []
    problems.extend(unique_ids(content.sources, "source"))
    problems.extend(unique_ids(content.measures, "measure"))
    problems.extend(unique_ids(content.claims, "claim"))
    problems.extend(unique_ids(content.questions, "question"))
    problems.extend(reserved_ids(content))
    problems.extend(references(content))
    problems.extend(claim_rules(content))
    problems.extend(dates_after_as_of(content))
    return problems
