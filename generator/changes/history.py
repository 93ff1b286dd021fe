"""A "What's new" page and an Atom feed from the git history of the content folder.

One entry per commit that touched the content folder, newest first, describing
the claim-level changes of that commit against its first parent (diff.py). Only
git_history does I/O (read-only git commands); the page and the feed are pure
functions of the entries, so the same history always gives the same bytes: no
clock, no network. Without history (not a repository, git missing, or no commit
touching the content) the page says so and the feed is valid with no entries.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from generator.changes.diff import ClaimChange, ClaimSummary, Diff, diff_content
from generator.changes.git import GitError, git, place_in_repository
from generator.changes.kept import kept_diff
from generator.changes.revisions import Revisions
from generator.publish import escape
from generator.speed.reuse import NO_MEMO, Memo
from generator.view.dates import DateKey

PAGE_PATH = "whats-new.md"
FEED_PATH = "feed.xml"
PAGE_URL = "whats-new/"  # the page as the feed links to it, relative to the feed
MAX_ITEMS = 30  # change lines per entry; the rest are counted
ATOM = "http://www.w3.org/2005/Atom"
# Characters XML 1.0 does not allow, even as references.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Commit:
    """A commit that touched the content folder."""

    sha: str
    parent: str | None
    date: str  # the commit time in UTC, RFC 3339
    subject: str

    @property
    def short(self) -> str:
        """The first twelve hex digits of the sha."""
        return self.sha[:12]

    @property
    def day(self) -> str:
        """The commit's date, YYYY-MM-DD."""
        return self.date[:10]


@dataclass(frozen=True)
class Entry:
    """One commit and what it changed in the briefing's content."""

    commit: Commit
    diff: Diff

    @property
    def anchor(self) -> str:
        """The entry's heading id on the What's new page."""
        return f"change-{self.commit.short}"

    @property
    def atom_id(self) -> str:
        """The entry's stable Atom id."""
        return f"tag:briefing,{self.commit.day}:{self.commit.sha}"


# --- Git I/O ----------------------------------------------------------------------------


def utc(iso: str) -> str:
    """Write an ISO 8601 time with offset as UTC, RFC 3339: 2025-02-27T09:30:00Z."""
    moment = datetime.datetime.fromisoformat(iso).astimezone(datetime.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_log(output: bytes) -> list[Commit]:
    """Read `git log -z --format=%H%x1f%P%x1f%cI%x1f%s` output into commits."""
    commits = []
    for record in output.decode("utf-8", errors="replace").split("\0"):
        fields = record.strip("\n").split("\x1f")
        if len(fields) != 4:
            continue
        sha, parents, date, subject = fields
        first = parents.split()[0] if parents.split() else None
        commits.append(Commit(sha, first, utc(date), subject))
    return commits


def git_history(content_dir: Path, memo: Memo = NO_MEMO) -> list[Entry]:
    """Every commit that touched the content folder, newest first, with its changes.

    A commit never changes: what it changed is kept on disk by its id (changes.kept),
    so only commits no build has seen are read, each file version parsed and each item
    validated once (changes.revisions). A keeping memo also holds each entry in memory,
    and the revisions read, so a serving process reads git only for new commits.
    """
    content_dir = content_dir.resolve()
    cwd = content_dir.parent
    fmt = "--format=%H%x1f%P%x1f%cI%x1f%s"
    try:
        log = git(["log", "-z", "--no-color", fmt, "--", content_dir.name], cwd)
        place = place_in_repository(content_dir)
    except (GitError, FileNotFoundError, NotADirectoryError):
        return []
    revisions = memo.made(("revisions", str(content_dir)), place, lambda: Revisions(content_dir))

    def changes(c: Commit) -> Diff:
        """What a commit changed against its first parent."""
        return diff_content(revisions.content_at(c.parent), revisions.content_at(c.sha))

    def entry(c: Commit) -> Entry:
        """A commit with what it changed, kept in memory and on disk."""
        return memo.made(
            (str(content_dir), c.sha),
            c,
            lambda: Entry(c, kept_diff(place, c.sha, partial(changes, c))),
        )

    try:
        return [entry(c) for c in parse_log(log)]
    except GitError:
        return []


# --- The What's new page ------------------------------------------------------------------


def figure_words(claim: ClaimSummary) -> str:
    """'claimant: figure' or just the claimant, escaped."""
    figure = f": {claim.figure}" if claim.figure else ""
    return escape.md(claim.claimant + figure)


def change_words(change: ClaimChange) -> str:
    """What changed in a claim, in words, escaped."""
    old, new = change.old, change.new
    parts = []
    if old.figure != new.figure:
        parts.append(f"figure {old.figure or 'none'} \u2192 {new.figure or 'none'}")
    if old.status != new.status:
        parts.append(f"status {old.status} \u2192 {new.status}")
    rest = [f for f in change.fields if f not in ("value", "low", "high", "qualifier", "status")]
    if rest:
        parts.append("changed " + ", ".join(rest))
    return escape.md("; ".join(parts))


def change_items(diff: Diff) -> list[str]:
    """One Markdown list item per change, claims first."""
    items = [
        f"- Added claim {escape.md(c.id)} ({figure_words(c)}): {escape.md(c.statement)}"
        for c in diff.claims_added
    ]
    items += [f"- Removed claim {escape.md(c.id)} ({figure_words(c)})" for c in diff.claims_removed]
    for change in diff.claims_changed:
        item = f"- Changed claim {escape.md(change.id)}: {change_words(change)}"
        if change.newly_superseded and change.new.superseded_by:
            item += f"; now superseded by {escape.md(change.new.superseded_by)}"
        items.append(item)
    items += [
        f"- Added source {escape.md(s.id)}: {escape.md(s.title)} ({escape.md(s.publisher)})"
        for s in diff.sources_added
    ]
    items += [f"- Removed source {escape.md(s.id)}" for s in diff.sources_removed]
    items += [f"- Changed source {escape.md(i)}" for i, _ in diff.sources_changed]
    items += [f"- Added measure {escape.md(i)}" for i in diff.measures_added]
    items += [f"- Removed measure {escape.md(i)}" for i in diff.measures_removed]
    items += [f"- Added question {escape.md(i)}" for i in diff.questions_added]
    items += [f"- Removed question {escape.md(i)}" for i in diff.questions_removed]
    if diff.briefing_changed:
        items.append(f"- Changed the briefing: {escape.md(', '.join(diff.briefing_changed))}")
    return items


def capped(items: list[str], limit: int = MAX_ITEMS) -> list[str]:
    """At most limit items, then a count of the rest."""
    if len(items) <= limit:
        return items
    return [*items[:limit], f"- \u2026 and {len(items) - limit} more changes"]


def entry_markdown(entry: Entry) -> str:
    """One commit: a dated heading with the commit's subject, then its changes."""
    label = DateKey.parse(entry.commit.day).label()
    heading = f"## {escape.md(label)}: {escape.md(entry.commit.subject) or 'no message'}"
    items = capped(change_items(entry.diff)) or [
        "No change to claims, sources, measures or questions (wording elsewhere, or comments)."
    ]
    sha = f"Commit `{entry.commit.short}`."
    return "\n".join([f"{heading} {{#{entry.anchor}}}", "", sha, "", *items])


def whats_new(entries: Sequence[Entry], title: str) -> str:
    """The What's new page: one section per commit that touched the content, newest first."""
    head = [
        "# What's new",
        f"Changes to the claims and sources of {escape.md(title)}, newest first, "
        "from the history of its content files.",
    ]
    if not entries:
        body = [
            "No history is available: the content folder is not in a git repository, "
            "or no commit has touched it yet."
        ]
    else:
        body = [entry_markdown(e) for e in entries]
    return "\n\n".join([*head, *body]) + "\n"


# --- The Atom feed ------------------------------------------------------------------------


def xml_text(text: str) -> str:
    """Escape text for XML content or a double-quoted attribute; drop characters XML refuses."""
    clean = NOT_XML.sub("\ufffd", text)
    return (
        clean.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def plain_items(diff: Diff) -> list[str]:
    """The entry's changes as plain text lines (the feed is text, not Markdown)."""
    lines = []
    lines += [f"Added claim {c.id} ({c.claimant}): {c.statement}" for c in diff.claims_added]
    lines += [f"Removed claim {c.id} ({c.claimant})" for c in diff.claims_removed]
    lines += [f"Changed claim {c.id}: {', '.join(c.fields)}" for c in diff.claims_changed]
    lines += [f"Added source {s.id}: {s.title}" for s in diff.sources_added]
    lines += [f"Removed source {s.id}" for s in diff.sources_removed]
    if len(lines) > MAX_ITEMS:
        lines = [*lines[:MAX_ITEMS], f"... and {len(lines) - MAX_ITEMS} more changes"]
    return lines or ["No change to claims or sources."]


def feed_id(entries: Sequence[Entry], as_of: str) -> str:
    """A stable feed id: from the oldest commit, or from the as-of date without history."""
    if entries:
        first = entries[-1].commit
        return f"tag:briefing,{first.day}:feed-{first.sha}"
    return f"tag:briefing,{as_of}:feed"


def rfc3339(as_of: str) -> str:
    """The first day of a full or partial date as an RFC 3339 timestamp."""
    key = DateKey.parse(as_of)
    return f"{key.year:04d}-{key.month or 1:02d}-{key.day or 1:02d}T00:00:00Z"


def entry_xml(entry: Entry, page_url: str) -> str:
    """One Atom entry."""
    c = entry.commit
    summary = "\n".join(plain_items(entry.diff))
    return (
        "  <entry>\n"
        f"    <id>{xml_text(entry.atom_id)}</id>\n"
        f"    <title>{xml_text(c.subject or 'no message')}</title>\n"
        f"    <updated>{xml_text(c.date)}</updated>\n"
        f'    <link rel="alternate" type="text/html" href="{xml_text(page_url)}#{entry.anchor}"/>\n'
        f'    <summary type="text">{xml_text(summary)}</summary>\n'
        "  </entry>\n"
    )


def atom_feed(entries: Sequence[Entry], title: str, as_of: str, page_url: str = PAGE_URL) -> str:
    """The Atom feed of the content's history; valid with no entries."""
    updated = max((e.commit.date for e in entries), default=rfc3339(as_of))
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="{ATOM}">\n'
        f"  <id>{xml_text(feed_id(entries, as_of))}</id>\n"
        f"  <title>{xml_text(title)}: what's new</title>\n"
        f"  <updated>{xml_text(updated)}</updated>\n"
        f"  <author><name>{xml_text(title)}</name></author>\n"
        f'  <link rel="alternate" type="text/html" href="{xml_text(page_url)}"/>\n'
        + "".join(entry_xml(e, page_url) for e in entries)
        + "</feed>\n"
    )


def history_files(
    entries: Sequence[Entry], title: str, as_of: str, page_url: str = PAGE_URL
) -> dict[str, str]:
    """The What's new page and the feed, by the paths they take in the site."""
    return {
        PAGE_PATH: whats_new(entries, title),
        FEED_PATH: atom_feed(entries, title, as_of, page_url),
    }
