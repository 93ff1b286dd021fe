"""What the site calls things: grades, statuses, default page titles, topic headings, sources."""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.content.models import Source
from generator.view.dates import DateKey

HEADLINE_WORDS = 6  # the words of a headline a citation shows, more only to tell two apart
# A publisher written as one of these words is no publisher: its citations show the headline.
UNKNOWN_PUBLISHER = re.compile(r"(unknown|not known|unnamed|anonymous|n/a|none)\b", re.IGNORECASE)

RELIABILITY = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}
STATUSES = {
    "reported": "reported by the source; not independently confirmed",
    "confirmed": "confirmed by independent sources",
    "disputed": "contested by other claimants or by how outlets report it",
    "denied": "denied by the party concerned",
    "superseded": "replaced by a later claim, which is linked",
    "erroneous": "a plain error in the source, kept so readers see it was caught",
}
DEFAULT_TITLES = {
    "overview": "Overview",
    "estimates": "Figures",
    "reactions": "Reactions",
    "questions": "Open questions",
    "timeline": "Timeline",
    "gaps": "What we don't know",
    "sources": "Sources",
}


def topic_title(topic: str) -> str:
    """Turn a topic slug into a heading: 'arms-trade' -> 'Arms trade'."""
    words = topic.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def publisher_known(publisher: str) -> bool:
    """False for a publisher written as unknown ('Unknown outlet', 'n/a', 'anonymous'...)."""
    return bool(publisher.strip()) and not UNKNOWN_PUBLISHER.match(publisher.strip())


def short_headline(title: str, words: int) -> str:
    """The first words of a headline, with an ellipsis when some are left out."""
    parts = title.split()
    return " ".join(parts[:words]) + ("\u2026" if len(parts) > words else "")


def headlines(group: Sequence[Source]) -> list[str]:
    """Shortened headlines that tell a group's sources apart where their words allow;
    identical ones are numbered in the order of sources.yml."""
    longest = max(len(s.title.split()) for s in group)
    words = HEADLINE_WORDS
    shown = [short_headline(s.title, words) for s in group]
    while len(set(shown)) < len(shown) and words < longest:
        words += 1
        shown = [short_headline(s.title, words) for s in group]
    seen: dict[str, int] = {}
    numbered = []
    for text in shown:
        seen[text] = seen.get(text, 0) + 1
        numbered.append(text if shown.count(text) == 1 else f"{text} ({seen[text]})")
    return numbered


def source_labels(sources: Sequence[Source]) -> dict[str, str]:
    """What a citation of each source says, by id: publisher and date, then the shortened
    headline when the publisher is unknown or another source shares publisher and date."""
    groups: dict[tuple[str, str], list[Source]] = {}
    for s in sources:
        groups.setdefault((" ".join(s.publisher.split()), s.published), []).append(s)
    labels: dict[str, str] = {}
    for (publisher, published), group in groups.items():
        base = f"{publisher}, {DateKey.parse(published).label()}"
        if len(group) == 1 and publisher_known(publisher):
            labels[group[0].id] = base
            continue
        for s, headline in zip(group, headlines(group), strict=True):
            labels[s.id] = f"{base}: \u201c{headline}\u201d"
    return labels
