"""What the site calls things: grades, statuses, default page titles, topic headings."""

from __future__ import annotations

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
