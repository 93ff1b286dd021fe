"""What's new and the Atom feed, from the git history of the content folder."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.changes.diff import diff_content, read_content
from generator.changes.history import (
    Commit,
    Entry,
    atom_feed,
    git_history,
    history_files,
    parse_log,
    whats_new,
)
from tests.changes.test_diff import NEW, OLD, commit_all, git, history_repo, needs_git, put
from tests.conftest import GOLDEN, assert_golden
from tests.helpers import in_fresh_process

NS = {"a": "http://www.w3.org/2005/Atom"}
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")


def fixture_entry() -> Entry:
    """One entry with the fixtures' changes and a hostile commit subject."""
    commit = Commit(
        "ab" * 20, "cd" * 20, "2030-05-07T16:30:00Z", "Fix <script>alert(1)</script> & *more*"
    )
    return Entry(commit, diff_content(read_content(OLD / "content"), read_content(NEW / "content")))


def assert_valid_atom(xml: str, entries: int) -> ET.Element:
    """Parse a feed and check the elements Atom requires of a feed and its entries."""
    feed = ET.fromstring(xml)
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    for name in ("id", "title", "updated"):
        element = feed.find(f"a:{name}", NS)
        assert element is not None and (element.text or "").strip(), name
    assert RFC3339.match(feed.findtext("a:updated", "", NS))
    assert feed.find("a:author/a:name", NS) is not None
    selfs = [x for x in feed.findall("a:link", NS) if x.get("rel") == "self"]
    assert len(selfs) == 1 and (selfs[0].get("href") or "").endswith("feed.xml")
    found = feed.findall("a:entry", NS)
    assert len(found) == entries
    ids = [e.findtext("a:id", "", NS) for e in found]
    assert len(set(ids)) == len(ids)
    for entry in found:
        for name in ("id", "title", "updated"):
            assert (entry.findtext(f"a:{name}", "", NS)).strip(), name
        assert RFC3339.match(entry.findtext("a:updated", "", NS))
        link = entry.find("a:link", NS)
        assert link is not None and link.get("href")
    return feed


@needs_git
def test_history_of_a_repository_gives_entries_and_a_valid_feed(tmp_path: Path) -> None:
    repo = history_repo(tmp_path)
    entries = git_history(repo / "content")
    assert [e.commit.subject for e in entries] == [
        "Mayor revises <count> & authority confirms",
        "Storm briefing: first figures",
    ]  # the readme commit did not touch the content
    newest, first = entries
    assert newest.commit.parent is not None and first.commit.parent is None
    assert newest.commit.date == "2030-05-07T16:30:00Z"
    assert [c.id for c in newest.diff.claims_added] == ["mayor-damaged-55"]
    assert [c.id for c in newest.diff.newly_superseded] == ["mayor-damaged"]
    assert len(first.diff.claims_added) == 3
    feed = assert_valid_atom(atom_feed(entries, "Storm", "2030-05-07"), 2)
    top = feed.find("a:entry", NS)
    assert top is not None
    assert (
        top.findtext("a:id", "", NS)
        == f"tag:briefing,2030-05-06:feed-{first.commit.sha}/changes-2030-05-07"
    )
    title = top.findtext("a:title", "", NS)
    assert title.startswith(
        "7 May 2030: 1 figure changed, 1 claim added, 1 now confirmed, 1 superseded"
    )
    assert "<count>" not in title  # commit subjects are not titles
    assert feed.findtext("a:updated", "", NS) == "2030-05-07T16:30:00Z"
    link = top.find("a:link", NS)
    assert link is not None and link.get("href") == "whats-new/#changes-2030-05-07"


def comment_history(tmp_path: Path) -> Path:
    """The history fixture with, between its two content commits, one that adds only a
    YAML comment to a claim file (and one that touches no content at all)."""
    repo = history_repo(tmp_path)
    git(repo, "reset", "-q", "--hard", "HEAD~1")  # back to the readme commit
    figures = repo / "content" / "claims" / "figures.yml"
    figures.write_text(
        "# Figures checked against the harbour log.\n" + figures.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    commit_all(repo, "Say where the figures were checked", "2030-05-06T15:00:00+02:00")
    put(NEW, repo)
    commit_all(repo, "Mayor revises <count> & authority confirms", "2030-05-07T18:30:00+02:00")
    return repo


def shas_named(text: str, entries: list[Entry]) -> str:
    """The text with each commit's id replaced by its subject's first word, so the golden
    files do not change when a fixture's bytes (and so the commit ids) do."""
    for entry in entries:
        name = f"{{{entry.commit.subject.split()[0]}}}"
        text = text.replace(entry.commit.sha, name).replace(entry.commit.short, name)
    return text


@needs_git
def test_whats_new_tells_changes_in_the_briefings_words(
    tmp_path: Path, update_golden: bool
) -> None:
    repo = comment_history(tmp_path)
    entries = git_history(repo / "content")
    assert [e.commit.subject for e in entries] == [
        "Mayor revises <count> & authority confirms",
        "Say where the figures were checked",
        "Storm briefing: first figures",
    ]
    assert entries[1].diff.empty  # the comment changed nothing a reader sees
    files = history_files(entries, "Storm", "2030-05-07", "whats-new/", "https://example.org/storm")
    page, feed = files["whats-new.md"], files["feed.xml"]
    assert "Say where the figures were checked" not in page + feed
    assert "stale_after_days" not in page and "claims_per_page" not in page
    assert page.count("\n## ") == 2  # one section per date with a change
    assert_golden(
        GOLDEN / "diff" / "whats-new-history.md", shas_named(page, entries), update_golden
    )
    assert_golden(GOLDEN / "diff" / "feed-history.xml", shas_named(feed, entries), update_golden)
    parsed = assert_valid_atom(feed, 2)
    hrefs = [x.get("href") or "" for x in parsed.iter("{http://www.w3.org/2005/Atom}link")]
    assert all(h.startswith("https://example.org/storm/") for h in hrefs), hrefs
    assert "https://example.org/storm/feed.xml" in hrefs


@needs_git
def test_history_is_the_same_in_every_process(tmp_path: Path) -> None:
    repo = history_repo(tmp_path)
    here = history_files(git_history(repo / "content"), "Storm", "2030-05-07")
    code = (
        "import json; from pathlib import Path\n"
        "from generator.changes.history import git_history, history_files\n"
        f"entries = git_history(Path({str(repo / 'content')!r}))\n"
        "print(json.dumps(history_files(entries, 'Storm', '2030-05-07'), sort_keys=True))"
    )
    for seed in (1, 2):
        assert json.loads(in_fresh_process(code, seed)) == here, f"PYTHONHASHSEED={seed}"


@needs_git
def test_merge_and_later_edits_diff_against_the_first_parent(tmp_path: Path) -> None:
    repo = history_repo(tmp_path)
    git(repo, "checkout", "-q", "-b", "side", "HEAD~1")
    put(OLD, repo)
    (repo / "content" / "claims" / "more.yml").write_text(
        (NEW / "content" / "claims" / "figures.yml")
        .read_text(encoding="utf-8")
        .replace("mayor-damaged-55", "mayor-side")
        .split("- id: mayor-side")[0]
        .replace("- id: authority-damaged", "- id: side-claim", 1),
        encoding="utf-8",
    )
    commit_all(repo, "Side branch claim", "2030-05-07T10:00:00+02:00")
    git(repo, "checkout", "-q", "main")
    git(
        repo, "merge", "-q", "--no-ff", "-m", "Merge side", "side", date="2030-05-08T10:00:00+02:00"
    )
    entries = git_history(repo / "content")
    subjects = [e.commit.subject for e in entries]
    assert "Merge side" in subjects and "Side branch claim" in subjects
    merge = entries[subjects.index("Merge side")]
    assert [c.id for c in merge.diff.claims_added] == ["side-claim"]
    assert_valid_atom(
        atom_feed(entries, "Storm", "2030-05-08"), len({e.commit.day for e in entries})
    )


def test_no_repository_means_no_entries_a_page_that_says_so_and_a_valid_feed(
    tmp_path: Path,
) -> None:
    shutil.copytree(OLD / "content", tmp_path / "content")
    entries = git_history(tmp_path / "content")
    assert entries == []
    page = whats_new(entries, "Storm")
    assert page.startswith("# What's new\n") and "No history is available" in page
    feed = assert_valid_atom(atom_feed(entries, "Storm", "2030-05"), 0)
    assert feed.findtext("a:updated", "", NS) == "2030-05-01T00:00:00Z"
    assert feed.findtext("a:id", "", NS) == "tag:briefing,2030-05:feed"


@needs_git
def test_repository_without_content_commits_has_no_entries(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "README").write_text("x\n", encoding="utf-8")
    commit_all(repo, "Only a readme", "2030-05-06T09:00:00+02:00")
    shutil.copytree(OLD / "content", repo / "content")  # present but never committed
    assert git_history(repo / "content") == []


def test_page_and_feed_escape_content(update_golden: bool) -> None:
    entry = fixture_entry()
    page = whats_new([entry], "Storm <b>")
    assert "<script>" not in page and "<b>" not in page
    assert "{#changes-2030-05-07}" in page
    assert_golden(GOLDEN / "diff" / "whats-new.md", page, update_golden)
    feed = atom_feed([entry], "Storm <b> & co", "2030-05-07", page_url='whats-new/"><x')
    parsed = assert_valid_atom(feed, 1)
    assert parsed.findtext("a:title", "", NS) == "Storm <b> & co: what's new"
    top = parsed.find("a:entry", NS)
    assert top is not None
    assert "<script>" not in top.findtext("a:title", "", NS)  # the subject is no title
    link = top.find("a:link", NS)
    assert link is not None and link.get("href", "").startswith('whats-new/"><x#changes-')


def test_a_commit_without_reader_changes_has_no_entry() -> None:
    from generator.changes.diff import Diff

    quiet = Entry(Commit("ab" * 20, None, "2030-01-01T00:00:00Z", "Comments"), Diff())
    settings = Entry(
        Commit("cd" * 20, None, "2030-01-02T00:00:00Z", "Settings"),
        Diff(briefing_changed=("stale_after_days",), measures_added=["m"]),
    )
    page = whats_new([settings, quiet], "T")
    assert "## " not in page and "No figure, claim or source has changed" in page
    assert_valid_atom(atom_feed([settings, quiet], "T", "2030"), 0)


def test_feed_drops_characters_xml_refuses() -> None:
    entry = fixture_entry()
    bad = Entry(Commit("ef" * 20, None, entry.commit.date, "bell \x07 here"), entry.diff)
    assert_valid_atom(atom_feed([bad], "T", "2030"), 1)


def test_parse_log_reads_records() -> None:
    raw = (
        b"a" * 40 + b"\x1f" + b"b" * 40 + b" " + b"c" * 40 + b"\x1f2030-05-07T18:30:00+02:00"
        b"\x1fMerge\0\n" + b"d" * 40 + b"\x1f\x1f2030-05-06T09:00:00-05:00\x1fFirst\0"
    )
    merge, first = parse_log(raw)
    assert merge.parent == "b" * 40 and merge.date == "2030-05-07T16:30:00Z"
    assert first.parent is None and first.date == "2030-05-06T14:00:00Z"


def test_many_changes_are_capped() -> None:
    from generator.changes.diff import ClaimSummary, Diff, SourceSummary

    added = [ClaimSummary(f"c{i:03d}", "X", "S", "", "reported", None) for i in range(45)]
    source = SourceSummary("s", "Headline", "Publisher", "2030")
    diff = Diff(claims_added=added, sources_added=[source])
    entry = Entry(Commit("ab" * 20, None, "2030-01-01T00:00:00Z", "Bulk"), diff)
    page = whats_new([entry], "T")
    assert page.count("- **Claim added:**") == 31 and "**Claim added:** … and 15 more\n" in page
    assert "- **Source added:** Headline &#40;Publisher, 2030&#41;" in page  # not hidden
    feed = atom_feed([entry], "T", "2030")
    assert feed.count("Claim added: ") == 31 and "Source added: Headline" in feed


@pytest.mark.parametrize(
    "as_of,updated", [("2030", "2030-01-01T00:00:00Z"), ("2030-02-03", "2030-02-03T00:00:00Z")]
)
def test_feed_without_entries_is_dated_from_as_of(as_of: str, updated: str) -> None:
    feed = ET.fromstring(atom_feed([], "T", as_of))
    assert feed.findtext("a:updated", "", NS) == updated


def test_changes_link_the_claims_and_sources_the_briefing_still_has() -> None:
    entry = fixture_entry()
    targets = {
        "claim:mayor-damaged-55": "claims/damage.md#claim-mayor-damaged-55",
        "claim:authority-sunk": "claims/damage.md#claim-authority-sunk",  # withdrawn: no link
        "source:mayor-statement": "sources/mayor-statement.md",
    }
    page = whats_new([entry], "Storm", targets)
    assert (
        "- **Claim added:** [Mayor&#58; The mayor revises the count of damaged vessels to 55&#46;]"
        "(claims/damage.md#claim-mayor-damaged-55)"
    ) in page
    assert "(sources/mayor-statement.md)" in page
    assert "claim-authority-sunk" not in page
    assert page.count("](") == 2
