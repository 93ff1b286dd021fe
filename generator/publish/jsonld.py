"""JSON-LD: schema.org Claim objects for a page's <head>, escaped so no content ends the script.

jsonld_for(claims) gives the script block of the claims a page shows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from generator.content.models import Source
from generator.view.claimview import ClaimView

JSON_UNSAFE = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def words(text: str) -> frozenset[str]:
    """A set of words written as one text, for long word lists."""
    return frozenset(text.split())


PERSON_ROLES = words(
    """
    president governor mayor minister secretary spokesman spokeswoman spokesperson soldier
    official officer colonel general chancellor premier king queen ambassador envoy
    """
)
ORG_WORDS = words(
    """
    the of and united kingdom states republic nations union air airlines wire mutual ilbo times
    news post press herald broadcasting media agency authority government ministry office
    service services observatory centre center council committee institute university bank
    group company corporation army navy forces command police intelligence north south east
    west nato
    """
)


def agent_type(name: str) -> str:
    """Guess whether a claimant is a Person or an Organization (Organization when unsure).

    A person is named by a role ("Governor Elena Marrow", "regional official") or by
    two or three capitalised words that name no institution ("Maria Ostrova").
    """
    words = re.findall(r"[A-Za-z][A-Za-z'\u2019-]*", name)
    lower = [w.lower() for w in words]
    if any(w in PERSON_ROLES for w in lower):
        return "Person"
    if len(words) != len(name.split()) or not 2 <= len(words) <= 3:
        return "Organization"
    if any(w in ORG_WORDS for w in lower) or not all(w[0].isupper() for w in words):
        return "Organization"
    return "Person" if not any(w.isupper() and len(w) > 1 for w in words) else "Organization"


def creative_work(source: Source) -> dict[str, Any]:
    """The schema.org CreativeWork a claim appears in."""
    work: dict[str, Any] = {
        "@type": "CreativeWork",
        "name": source.title,
        "publisher": {"@type": "Organization", "name": source.publisher},
        "datePublished": source.published,
    }
    if source.url:
        work["url"] = source.url
    if source.author:
        work["author"] = {"@type": "Person", "name": source.author}
    return work


def claim_ld(view: ClaimView) -> dict[str, Any]:
    """One schema.org Claim: its text, its claimant, where it appears."""
    c = view.claim
    sources = {cit.source.id: cit.source for cit in view.citations}
    return {
        "@type": "Claim",
        "@id": f"#{view.anchor}",
        "text": c.statement,
        "author": {"@type": agent_type(c.claimant), "name": c.claimant},
        "appearance": [creative_work(s) for s in sources.values()],
    }


def script_safe_json(data: Any) -> str:
    """JSON that cannot end a script element or open markup: <, > and & as \\u escapes."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: JSON_UNSAFE[m.group()], text)


def jsonld_for(claims: Iterable[ClaimView]) -> str:
    """A JSON-LD script block of schema.org Claims for a page; empty when it shows none."""
    graph = [claim_ld(c) for c in sorted(claims, key=lambda c: c.id)]
    if not graph:
        return ""
    data = {"@context": "https://schema.org", "@graph": graph}
    return f'<script type="application/ld+json">{script_safe_json(data)}</script>'
