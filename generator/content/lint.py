"""Wording lint: estimative language outside the ICD 203 terms, and mixed scales.

Findings are warnings: they do not stop a build, but each names its position.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial
from typing import Any

from generator.content.models import LIKELIHOODS
from generator.content.validate import Content, Item
from generator.errors import Problem, Span
from generator.speed.reuse import NO_MEMO, Memo

ESTIMATIVE = (
    "probably",
    "possibly",
    "perhaps",
    "maybe",
    "it seems",
    "seemingly",
    "apparently",
    "presumably",
    "conceivably",
    "chances are",
    "in all likelihood",
    "we believe",
    "we think",
    "we suspect",
)
CONFIDENCE = re.compile(r"\b(high|moderate|medium|low)[- ]confidence\b|\bconfidence\b", re.I)
LIKELIHOOD = re.compile(
    r"\b(" + "|".join(sorted((re.escape(t) for t in LIKELIHOODS), key=len, reverse=True)) + r")\b",
    re.I,
)
WORDS = re.compile(r"\b(" + "|".join(re.escape(w) for w in ESTIMATIVE) + r")\b", re.I)
SENTENCE = re.compile(r"[^.!?]+[.!?]?")


def word_span(item: Item[Any], at: tuple[str | int, ...], text: str, start: int) -> Span | None:
    """Point at a word inside a value when the value sits on one line; else at the value."""
    span = item.span(*at)
    if span is None:
        return None
    lines = item.file.text.splitlines()
    line = lines[span.line - 1] if 0 < span.line <= len(lines) else ""
    word = text[start : start + 20].split(" ")[0]
    found = line.find(word, span.col - 1) if "\n" not in text.strip() else -1
    if found < 0:
        return span
    return Span(span.file, span.line, found + 1, len(word))


def text_problems(item: Item[Any], at: tuple[str | int, ...], text: str) -> Iterator[Problem]:
    """Flag estimative words, and sentences mixing confidence with likelihood."""
    path = ".".join(str(p) for p in (*item.path, *at)).replace(".[", "[")
    for match in WORDS.finditer(text):
        yield Problem(
            span=word_span(item, at, text, match.start()),
            field=path,
            message=f"estimative word '{match.group(0)}' outside the ICD 203 terms",
            code="wording-estimative",
            got=match.group(0),
            hint=(
                "state the claim plainly, or express likelihood in a key judgment's"
                " likelihood field"
            ),
            severity="warning",
        )
    for sentence in SENTENCE.finditer(text):
        if CONFIDENCE.search(sentence.group(0)) and LIKELIHOOD.search(sentence.group(0)):
            yield Problem(
                span=word_span(item, at, text, sentence.start()),
                field=path,
                message="a sentence mixes a confidence level with a likelihood term",
                code="wording-mixed-scales",
                got=sentence.group(0).strip()[:60],
                hint="likelihood says how probable an event is; confidence says how good the "
                "evidence is: keep them in separate sentences",
                severity="warning",
            )


def statement_problems(claim: Item[Any]) -> list[Problem]:
    """The wording problems of one claim's statement."""
    return list(text_problems(claim, ("statement",), claim.model.statement))


def wording_problems(content: Content, memo: Memo = NO_MEMO) -> list[Problem]:
    """Lint claim statements and key judgments; with a memo, each unchanged claim once."""
    problems: list[Problem] = []
    for claim in content.claims:
        problems.extend(memo.made(claim.model.id, claim, partial(statement_problems, claim)))
    if content.briefing is not None:
        for i, judgment in enumerate(content.briefing.model.key_judgments):
            at = ("key_judgments", i, "text")
            problems.extend(text_problems(content.briefing, at, judgment.text))
    return problems
