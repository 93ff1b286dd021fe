"""Revisions: a content folder at git revisions, read as exporting each revision would read it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.changes import revisions as revisions_module
from generator.changes.diff import diff_content, read_revision
from generator.changes.git import git as run_git
from generator.changes.revisions import Revisions
from generator.content.validate import validate_item
from tests.changes.test_diff import commit_all, git, history_repo, needs_git, put
from tests.helpers import VOLCANO


def edited_history(tmp_path: Path, commits: int) -> Path:
    """A repository holding the volcano briefing, then commits that each edit one claim file."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    put(VOLCANO[0].parent, repo)
    commit_all(repo, "Volcano briefing", "2031-03-15T09:00:00+00:00")
    for n in range(commits):
        name = ("figures.yml", "reactions.yml")[n % 2]
        path = repo / "content" / "claims" / name
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("\n  statement: ", f"\n  statement: Revision {n} of ", 1))
        commit_all(repo, f"Edit {n}", f"2031-03-{16 + n // 4:02d}T{10 + n % 4}:00:00+00:00")
    return repo


def shas(repo: Path) -> list[tuple[str, str | None]]:
    """Every commit touching content/, newest first, with its first parent."""
    out = run_git(["log", "--format=%H %P", "--", "content"], repo).decode().split("\n")
    pairs = [line.split() for line in out if line]
    return [(p[0], p[1] if len(p) > 1 else None) for p in pairs]


def lenient(repo: Path, sha: str | None) -> object:
    """The content at a revision as exporting it into a folder reads it."""
    from generator.content.validate import Content

    return read_revision(sha, repo / "content", strict=False) if sha else Content()


@needs_git
def test_each_commit_diffs_as_the_exported_revisions_do(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for repo in (history_repo(tmp_path / "a"), edited_history(tmp_path / "b", 6)):
        revisions = Revisions((repo / "content").resolve())
        for sha, parent in shas(repo):
            fast = diff_content(revisions.content_at(parent), revisions.content_at(sha))
            slow = diff_content(lenient(repo, parent), lenient(repo, sha))  # type: ignore[arg-type]
            assert fast == slow, sha
            assert not fast.empty, (repo, sha)


@needs_git
def test_unchanged_items_are_the_same_objects_and_validated_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = edited_history(tmp_path, 4)
    validated: list[object] = []

    def counting(model: Any, file: Any, path: Any, entry: Any) -> Any:
        validated.append(entry)
        return validate_item(model, file, path, entry)

    monkeypatch.setattr(revisions_module, "validate_item", counting)
    revisions = Revisions((repo / "content").resolve())
    (newest, parent), *_ = shas(repo)
    old = revisions.content_at(parent)
    first = len(validated)
    assert first == 1 + len(old.sources) + len(old.measures) + len(old.questions) + len(old.claims)
    new = revisions.content_at(newest)
    assert len(validated) == first + 1, "only the edited claim is validated again"
    kept = {i.model.id: i.model for i in old.claims}
    same = [i.model.id for i in new.claims if kept.get(i.model.id) is i.model]
    assert len(same) == len(new.claims) - 1, "every other claim is the very same object"
    revisions.content_at(parent)
    assert len(validated) == first + 1, "a revision read again validates nothing"


@needs_git
def test_a_file_that_does_not_parse_is_left_out_as_an_export_would(tmp_path: Path) -> None:
    repo = edited_history(tmp_path, 0)
    (repo / "content" / "claims" / "reactions.yml").write_text("- id: [unclosed\n")
    (repo / "content" / "claims" / "notes.txt").write_text("not content\n")
    commit_all(repo, "Break a file", "2031-04-01T09:00:00+00:00")
    (newest, parent), *_ = shas(repo)
    revisions = Revisions((repo / "content").resolve())
    fast = diff_content(revisions.content_at(parent), revisions.content_at(newest))
    slow = diff_content(lenient(repo, parent), lenient(repo, newest))  # type: ignore[arg-type]
    assert fast == slow and fast.claims_removed
