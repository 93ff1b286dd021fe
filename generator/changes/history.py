"""A "What's new" page and an Atom feed from the git history of the content folder.

Each commit that touched the content folder is compared with its first parent
(diff.py); what a reader would notice is told in the briefing's words, one
section per date, newest first: figures changed (old and new, with claimant and
measure), claims added (their statements), claims superseded, marked erroneous,
withdrawn or otherwise changed in status, reworded or redated, and sources added
or withdrawn. A commit that changes none of these (comments, notes, settings)
gets no entry; commit subjects appear only as small print. Only git_history does
I/O (read-only git commands); the page and the feed are pure functions of the
entries, so the same history always gives the same bytes: no clock, no network.
Without history (not a repository, git missing, or no commit touching the
content) the page says so and the feed is valid with no entries.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import groupby
from pathlib import Path

from generator.changes.diff import ClaimChange, ClaimSummary, Diff, SourceSummary, diff_content
from generator.changes.git import GitError, git, place_in_repository
from generator.changes.kept import kept_diff
from generator.changes.revisions import Revisions
from generator.publish import escape
from generator.speed.reuse import NO_MEMO, Memo
from generator.view.dates import DateKey

PAGE_PATH = "whats-new.md"
FEED_PATH = "feed.xml"
PAGE_URL = "whats-new/"  # the page as the feed links to it, relative to the feed
EMPTY: Mapping[str, str] = {}
MAX_ITEMS = 30  # change lines of one kind per date; the rest are counted
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


# --- Changes in the briefing's words ----------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One change a reader would notice: what kind it is, and what it says (plain text)."""

    kind: str  # "Figure changed", "Claim added", ...
    words: str
    about: str = ""  # what it is about, "claim:ID" or "source:ID"; a page may link it


def measure_words(diff: Diff, claim: ClaimSummary) -> tuple[str, str]:
    """A claim's measure as a label and a unit ('' and '' for none, or an unknown one)."""
    return diff.measures.get(claim.measure or "", ("", ""))


def figure_change(diff: Diff, change: ClaimChange) -> Change:
    """Old and new figure, with claimant and measure: 'Mayor, Vessels damaged: 60 -> 55 vessels'."""
    old, new = change.old, change.new
    label, unit = measure_words(diff, new)
    about = f"{new.claimant}, {label}" if label else new.claimant
    figures = f"{old.figure or 'no figure'} \u2192 {new.figure or 'no figure'}"
    return Change(
        "Figure changed",
        f"{about}: {figures}{' ' + unit if unit and new.figure else ''}",
        f"claim:{new.id}",
    )


STATUS_WORDS = {
    "superseded": "Superseded",
    "erroneous": "Marked erroneous",
    "denied": "Now denied",
    "disputed": "Now disputed",
    "confirmed": "Now confirmed",
    "reported": "Now reported",
}


PLURALS = {
    "Figure changed": "figures changed",
    "Claim added": "claims added",
    **{words: words.lower() for words in STATUS_WORDS.values()},
    "Reworded": "claims reworded",
    "Date changed": "dates changed",
    "Withdrawn": "claims withdrawn",
    "Source added": "sources added",
    "Source withdrawn": "sources withdrawn",
}


def status_change(change: ClaimChange) -> Change:
    """A claim's new status, with its statement (and what replaces it, when superseded)."""
    new = change.new
    words = f"{new.claimant}: {new.statement}"
    if new.status == "superseded" and change.replacement:
        words += f" Replaced by: {change.replacement}"
    return Change(STATUS_WORDS[new.status], words, f"claim:{new.id}")


def claim_change(diff: Diff, change: ClaimChange) -> list[Change]:
    """What a reader would notice of a changed claim: its figure and its status; else its
    wording; else its date (a new statement or date goes with a new figure or status)."""
    old, new = change.old, change.new
    found = []
    if old.figure != new.figure:
        found.append(figure_change(diff, change))
    if old.status != new.status:
        found.append(status_change(change))
    if found:
        return found
    if old.statement != new.statement:
        return [Change("Reworded", f"{new.claimant}: {new.statement}", f"claim:{new.id}")]
    if old.date != new.date:
        dates = f"{day_words(old.date)} \u2192 {day_words(new.date)}"
        words = f"{new.claimant}: {new.statement} ({dates})"
        return [Change("Date changed", words, f"claim:{new.id}")]
    return []


def day_words(date: str | None) -> str:
    """A full or partial date as the site writes it, or 'undated'."""
    return DateKey.parse(date).label() if date else "undated"


def source_words(source: SourceSummary) -> str:
    """A source as a reader knows it: headline, publisher, date."""
    published = f", {day_words(source.published)}" if source.published else ""
    return f"{source.title} ({source.publisher}{published})"


def changes(diff: Diff) -> list[Change]:
    """Every change of a diff a reader would notice, figures first; [] when none."""
    changed = [c for change in diff.claims_changed for c in claim_change(diff, change)]
    figures = [c for c in changed if c.kind == "Figure changed"]
    return [
        *figures,
        *(
            Change("Claim added", f"{c.claimant}: {c.statement}", f"claim:{c.id}")
            for c in diff.claims_added
        ),
        *(c for c in changed if c.kind != "Figure changed"),
        *(Change("Withdrawn", f"{c.claimant}: {c.statement}") for c in diff.claims_removed),
        *(Change("Source added", source_words(s), f"source:{s.id}") for s in diff.sources_added),
        *(Change("Source withdrawn", source_words(s)) for s in diff.sources_removed),
    ]


@dataclass(frozen=True)
class Day:
    """The changes of one date (UTC), from its commits newest first."""

    day: str
    entries: tuple[Entry, ...]

    @property
    def anchor(self) -> str:
        """The date's heading id on the What's new page."""
        return f"changes-{self.day}"

    @property
    def updated(self) -> str:
        """The time of its latest commit, RFC 3339."""
        return max(e.commit.date for e in self.entries)

    def changes(self) -> list[Change]:
        """Its changes, the newest commit's first."""
        return [c for e in self.entries for c in changes(e.diff)]


def days(entries: Sequence[Entry]) -> list[Day]:
    """The dates of the commits that changed something a reader would notice, newest first."""
    noticed = [e for e in entries if changes(e.diff)]
    ordered = sorted(noticed, key=lambda e: e.commit.date, reverse=True)
    return [Day(day, tuple(group)) for day, group in groupby(ordered, key=lambda e: e.commit.day)]


def capped(found: list[Change], limit: int = MAX_ITEMS) -> list[Change]:
    """At most `limit` changes of each kind, the rest of a kind counted after its last one
    shown (so a first commit's many claims do not hide its sources)."""
    seen: dict[str, int] = {}
    total = {kind: sum(1 for c in found if c.kind == kind) for kind in {c.kind for c in found}}
    out = []
    for c in found:
        seen[c.kind] = seen.get(c.kind, 0) + 1
        if seen[c.kind] <= limit:
            out.append(c)
        if seen[c.kind] == limit and total[c.kind] > limit:
            out.append(Change(c.kind, f"\u2026 and {total[c.kind] - limit} more"))
    return out


# --- The What's new page ------------------------------------------------------------------


def small_print(day: Day) -> str:
    """The commits of a date, subject and short id, as small print (escaped)."""
    commits = "; ".join(
        f"{escape.md(e.commit.subject) or 'no message'} ({e.commit.short})" for e in day.entries
    )
    word = "Commit" if len(day.entries) == 1 else "Commits"
    return f'<small class="bf-commits">{word}: {commits}</small>'


def change_markdown(change: Change, targets: Mapping[str, str]) -> str:
    """One change as a list item (escaped), linked to its claim or source while that is in
    the briefing (`targets`: "claim:ID" or "source:ID" -> the page and anchor showing it)."""
    words = escape.md(change.words)
    target = targets.get(change.about)
    shown = f"[{words}]({target})" if target else words
    return f"- **{escape.md(change.kind)}:** {shown}"


def day_markdown(day: Day, targets: Mapping[str, str] = EMPTY) -> str:
    """One date: a heading, its changes in the briefing's words, its commits in small print."""
    label = DateKey.parse(day.day).label()
    lines = [change_markdown(c, targets) for c in capped(day.changes())]
    return "\n".join([f"## {escape.md(label)} {{#{day.anchor}}}", "", *lines, "", small_print(day)])


def whats_new(entries: Sequence[Entry], title: str, targets: Mapping[str, str] = EMPTY) -> str:
    """The What's new page: the changes of each date, newest first, each linked to its claim
    or source when the briefing still has it (`targets`, see change_markdown)."""
    head = [
        "# What's new",
        f"Changes to the figures, claims and sources of {escape.md(title)}, newest first.",
    ]
    shown = days(entries)
    if not entries:
        body = [
            "No history is available: the content folder is not in a git repository, "
            "or no commit has touched it yet."
        ]
    elif not shown:
        body = ["No figure, claim or source has changed in the recorded history yet."]
    else:
        body = [day_markdown(d, targets) for d in shown]
    return "\n\n".join([*head, *body]) + "\n"


# --- The Atom feed ------------------------------------------------------------------------


def xml_text(text: str) -> str:
    """Escape text for XML content or a double-quoted attribute; drop characters XML refuses."""
    clean = NOT_XML.sub("\ufffd", text)
    return (
        clean.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def feed_id(entries: Sequence[Entry], as_of: str) -> str:
    """A stable feed id: from the oldest commit, or from the as-of date without history."""
    if entries:
        first = min(entries, key=lambda e: e.commit.date).commit
        return f"tag:briefing,{first.day}:feed-{first.sha}"
    return f"tag:briefing,{as_of}:feed"


def rfc3339(as_of: str) -> str:
    """The first day of a full or partial date as an RFC 3339 timestamp."""
    key = DateKey.parse(as_of)
    return f"{key.year:04d}-{key.month or 1:02d}-{key.day or 1:02d}T00:00:00Z"


def counted(found: list[Change]) -> str:
    """What a date changed, counted: '1 figure changed, 2 claims added'."""
    kinds: dict[str, int] = {}
    for c in found:
        kinds[c.kind] = kinds.get(c.kind, 0) + 1
    return ", ".join(f"{n} {PLURALS[kind] if n > 1 else kind.lower()}" for kind, n in kinds.items())


def day_xml(day: Day, feed: str, page_url: str) -> str:
    """One Atom entry: a date's changes as plain text lines."""
    found = day.changes()
    summary = "\n".join(f"{c.kind}: {c.words}" for c in capped(found))
    title = f"{DateKey.parse(day.day).label()}: {counted(found)}"
    return (
        "  <entry>\n"
        f"    <id>{xml_text(f'{feed}/{day.anchor}')}</id>\n"
        f"    <title>{xml_text(title)}</title>\n"
        f"    <updated>{xml_text(day.updated)}</updated>\n"
        f'    <link rel="alternate" type="text/html" href="{xml_text(page_url)}#{day.anchor}"/>\n'
        f'    <summary type="text">{xml_text(summary)}</summary>\n'
        "  </entry>\n"
    )


def atom_feed(
    entries: Sequence[Entry], title: str, as_of: str, page_url: str = PAGE_URL, site_url: str = ""
) -> str:
    """The Atom feed of the content's history, one entry per date; valid with no entries.

    With a `site_url` its links are absolute; without, relative to the feed.
    """
    shown = days(entries)
    updated = max((d.updated for d in shown), default=rfc3339(as_of))
    base = site_url.rstrip("/") + "/" if site_url else ""
    ident = feed_id(entries, as_of)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="{ATOM}">\n'
        f"  <id>{xml_text(ident)}</id>\n"
        f"  <title>{xml_text(title)}: what's new</title>\n"
        f"  <updated>{xml_text(updated)}</updated>\n"
        f"  <author><name>{xml_text(title)}</name></author>\n"
        f'  <link rel="self" type="application/atom+xml" href="{xml_text(base + FEED_PATH)}"/>\n'
        f'  <link rel="alternate" type="text/html" href="{xml_text(base + page_url)}"/>\n'
        + "".join(day_xml(d, ident, base + page_url) for d in shown)
        + "</feed>\n"
    )


def history_files(
    entries: Sequence[Entry],
    title: str,
    as_of: str,
    page_url: str = PAGE_URL,
    site_url: str = "",
    targets: Mapping[str, str] = EMPTY,
) -> dict[str, str]:
    """The What's new page and the feed, by the paths they take in the site."""
    return {
        PAGE_PATH: whats_new(entries, title, targets),
        FEED_PATH: atom_feed(entries, title, as_of, page_url, site_url),
    }
