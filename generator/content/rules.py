"""Cross-field and cross-file rules: one small function per rule, each yielding problems."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from generator.content.load import (
    Article,
    article_path_problem,
    display_name,
    read_article,
    resolved,
)
from generator.content.models import Claim
from generator.content.quotes import IndexedText, invisible_chars
from generator.content.validate import Content, Item
from generator.errors import Problem, Span, did_you_mean, shorten
from generator.speed.reuse import NO_MEMO, Memo

RESERVED_SOURCE_IDS = frozenset({"index"})
AnyItem = Item[Any]
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
    """'superseded' and 'superseded_by' go together, and a claim never replaces itself."""
    c = item.model
    if c.status == "superseded" and not c.superseded_by:
        message = "a superseded claim needs 'superseded_by' naming the claim that replaces it"
        yield item.problem(("status",), message, "missing-superseded-by", c.status)
    if c.superseded_by and c.status != "superseded":
        message = "'superseded_by' needs 'status: superseded'"
        yield item.problem(("superseded_by",), message, "status-mismatch", c.status)
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


AT_TEXT_FIELD = frozenset({"io", "too-large", "empty-text"})


def article_problems(item: AnyItem, article: Article) -> list[Problem]:
    """Place a problem with the file as a whole at the source's text field; keep the rest."""
    out = []
    for problem in article.problems:
        if problem.code in AT_TEXT_FIELD:
            at = item.problem(("text",), problem.message, problem.code, shorten(item.model.text))
            out.append(at)
        else:
            hint = f"{problem.hint}; it is the text of source '{item.model.id}'"
            out.append(replace(problem, hint=hint if problem.hint else None))
    return out


def read_source_text(item: AnyItem, root: Path, seeds_dir: Path) -> Article:
    """Read one source's text file, checking where it lies and that it is unchanged."""
    source = item.model
    wrong = article_path_problem(source.text, root, seeds_dir)
    if wrong:
        problem = item.problem(("text",), wrong, "bad-text-path", shorten(source.text))
        return Article(None, problems=[problem])
    path = root / source.text
    if not path.exists():  # article_path_problem has already stat'ed every part of it
        problem = item.problem(("text",), "no such file", "missing-text", shorten(source.text))
        return Article(None, problems=[problem])
    name = display_name(path)
    article = read_article(path, name)
    problems = article_problems(item, article)
    if article.text is not None and source.sha256 and article.sha256 != source.sha256:
        message = "the text file changed since it was curated (its SHA-256 differs)"
        hint = f"check the quotes against the new text, then set sha256: {article.sha256}"
        problems.append(item.problem(("sha256",), message, "text-changed", None, hint))
    return replace(article, problems=problems, name=name)


def load_articles(
    content: Content, root: Path, seeds_dir: Path, memo: Memo = NO_MEMO
) -> tuple[dict[str, IndexedText], list[Problem], dict[str, str]]:
    """Read and index each source's text once; also return the texts to show in reports.

    With a memo, a text unchanged since the last build is not indexed again.
    """
    texts: dict[str, IndexedText] = {}
    problems: list[Problem] = []
    shown: dict[str, str] = {}
    resolved.cache_clear()  # folders may have moved since the last run in this process
    for item in content.sources:
        article = read_source_text(item, root, seeds_dir)
        problems.extend(article.problems)
        if article.shown is not None:
            shown[article.name] = article.shown
        if article.text is not None:
            texts[item.model.id] = indexed(item.model.text, article.text, memo)
    return texts, problems, shown


def indexed(key: str, text: str, memo: Memo) -> IndexedText:
    """Fold a text for quote search, or take the folded copy made of the same text."""
    return memo.made(key, text, lambda: IndexedText(text))


def quote_rules(
    content: Content, texts: dict[str, IndexedText], memo: Memo = NO_MEMO
) -> list[Problem]:
    """Every quote occurs in its source's text; invisible control characters are flagged.

    With a memo, a claim checked against the same texts before is not checked again.
    """
    problems: list[Problem] = []
    for item in content.claims:
        sources = tuple(texts.get(ev.source) for ev in item.model.evidence)
        found = partial(claim_quotes, item, texts)
        problems.extend(memo.made(item.model.id, (item, sources), found))
    return problems


def claim_quotes(item: Item[Claim], texts: dict[str, IndexedText]) -> list[Problem]:
    """The quote problems of one claim: hidden characters, quotes its source's text lacks."""
    problems: list[Problem] = []
    for i, ev in enumerate(item.model.evidence):
        at = ("evidence", i, "quote")
        hidden = invisible_chars(ev.quote)
        if hidden:
            message = "invisible control characters in the quote: " + ", ".join(hidden)
            hint = "remove them: they change how a text is shown, not what it says"
            problems.append(item.problem(at, message, "hidden-characters", shorten(ev.quote), hint))
        text = texts.get(ev.source)
        if text is None or text.contains(ev.quote):
            continue
        passage, differs = text.closest(ev.quote)
        hint = f'closest passage: "{shorten(passage, 160)}"'
        if passage:
            hint += f" (first difference at character {differs + 1})"
        message = f"quote not found in the text of source '{ev.source}'"
        problems.append(item.problem(at, message, "quote-not-found", shorten(ev.quote), hint))
    return problems


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
    return problems
