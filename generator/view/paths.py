"""The URL scheme: where each generated page lives in the site, as a Markdown path."""

from __future__ import annotations


def topic_path(topic: str) -> str:
    """Where the claims of a topic live."""
    return f"claims/{topic}.md"


def source_path(source_id: str) -> str:
    """Where a source's page lives."""
    return f"sources/{source_id}.md"
