"""Figures are checked against their quotes: a claim's value, low and high must be stated.

A figure no quote states is refused, with the numbers the quotes do state, so a
typo ("95" for "91") or a figure the editor inferred ("at least 20,000" from "tens
of thousands") cannot reach the site. Derived totals are not claims: they cite their
parts, whose figures are checked here.
"""

from __future__ import annotations

from functools import partial

from generator.content.models import Claim
from generator.content.numbers import CONVENTION, Quantity, number, quantities
from generator.content.validate import Content, Item
from generator.errors import Problem
from generator.speed.reuse import NO_MEMO, Memo

FIGURE_FIELDS = ("value", "low", "high")
MAX_LISTED = 8
HINT = (
    "write the figure the quote gives, or quote the passage that gives it; vague words "
    "are read by one convention ({convention})"
)


def convention_text() -> str:
    """The vague-word convention, briefly: 'hundreds = at least 100, ...'."""
    shown = ("dozens", "hundreds", "thousands", "tens of thousands")
    return ", ".join(f"{w} = at least {number(CONVENTION[w][0])}" for w in shown)


def figure_rules(content: Content, memo: Memo = NO_MEMO) -> list[Problem]:
    """Every figure of every claim is stated by one of its quotes.

    With a memo, the numbers of a claim's quotes are read again only when they changed.
    """
    return [p for item in content.claims for p in claim_figure_problems(item, memo)]


def claim_figure_problems(item: Item[Claim], memo: Memo = NO_MEMO) -> list[Problem]:
    """The figures of one claim that none of its quotes states."""
    claim = item.model
    if claim.measure is None:
        return []
    quotes = tuple(ev.quote for ev in claim.evidence)
    found = memo.made(claim.id, quotes, partial(stated_quantities, quotes))
    readings = {r for q in found for r in q.readings}
    problems = []
    for name in FIGURE_FIELDS:
        figure = getattr(claim, name)
        if figure is None or float(figure) in readings:
            continue
        message = f"figure {number(figure)} is not stated by any quote; {what_quotes_state(found)}"
        hint = HINT.format(convention=convention_text())
        problems.append(item.problem((name,), message, "figure-not-in-quote", number(figure), hint))
    return problems


def stated_quantities(quotes: tuple[str, ...]) -> list[Quantity]:
    """Every quantity the quotes state, in order."""
    return [q for quote in quotes for q in quantities(quote)]


def what_quotes_state(found: list[Quantity]) -> str:
    """'the quotes state 91 and 120', or that they state no number."""
    if not found:
        return "the quotes state no number"
    shown = list(dict.fromkeys(stated_as(q) for q in found))
    listed = ", ".join(shown[:MAX_LISTED]) + (", ..." if len(shown) > MAX_LISTED else "")
    return f"the quotes state {listed}"


def stated_as(q: Quantity) -> str:
    """A quantity as the message shows it: its number, and its words when they differ."""
    shown = number(q.value)
    if q.kind == "vague":
        return f"{shown} ('{q.text}', read as at least {shown})"
    if q.text.replace(",", "") != shown.replace(",", ""):
        return f"{shown} ('{q.text}')"
    return shown
