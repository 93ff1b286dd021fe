"""Kept history: what each commit changed is kept on disk, so later builds read no revision."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from generator.changes import kept, revisions
from generator.changes.diff import diff_content, read_content
from generator.changes.history import git_history
from generator.content.check import Settings
from generator.pipeline import outputs
from tests.changes.test_diff import NEW, OLD, commit_all, needs_git
from tests.changes.test_revisions import edited_history, shas


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache folder of each test's own: the fixtures' commits are the same in every test."""
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))


def counted(monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[object]]:
    """Count the revisions assembled and the items validated while reading history."""
    assembled: list[str] = []
    validated: list[object] = []
    assemble, validate = revisions.Revisions.assemble, revisions.validate_item

    def counting_assemble(self: revisions.Revisions, sha: str) -> Any:
        assembled.append(sha)
        return assemble(self, sha)

    def counting_validate(*args: Any) -> Any:
        validated.append(args[-1])
        return validate(*args)

    monkeypatch.setattr(revisions.Revisions, "assemble", counting_assemble)
    monkeypatch.setattr(revisions, "validate_item", counting_validate)
    return assembled, validated


@needs_git
def test_two_builds_of_a_long_history_validate_each_revision_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = edited_history(tmp_path, 24)
    settings = Settings(repo / "content", repo / "seeds")
    assembled, validated = counted(monkeypatch)
    first = outputs(settings)
    commits = shas(repo)
    assert len(commits) == 25
    assert sorted(assembled) == sorted(sha for sha, _ in commits), "each revision read once"
    claims_per_revision = len(first.built.checked.content.claims)
    assert len(validated) < claims_per_revision + 2 * len(commits), "each item version once"
    assembled.clear()
    validated.clear()
    second = outputs(settings)
    assert assembled == [] and validated == [], "the second build reads no revision"
    assert second.files == first.files
    assert "Edit 23" in str(first.files["whats-new.md"])


@needs_git
def test_a_new_commit_reads_only_itself_and_its_parent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = edited_history(tmp_path, 3)
    git_history(repo / "content")
    (tmp_path / "more").mkdir()
    more = edited_history(tmp_path / "more", 3)  # the same commits, and one more:
    claims = more / "content" / "claims" / "figures.yml"
    claims.write_text(claims.read_text().replace("\n  statement: ", "\n  statement: New ", 1))
    commit_all(more, f"Edit {os.urandom(8).hex()}", "2031-04-01T09:00:00+00:00")
    (newest, parent), *_ = shas(more)
    assembled, _ = counted(monkeypatch)
    entries = git_history(more / "content")
    assert len(entries) == 5
    assert sorted(assembled) == sorted([newest, parent])


@needs_git
def test_kept_diffs_equal_fresh_ones_and_without_a_cache_nothing_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = edited_history(tmp_path, 4)
    fresh = git_history(repo / "content")
    assembled, _ = counted(monkeypatch)
    assert git_history(repo / "content") == fresh and not assembled
    monkeypatch.setenv("BRIEFING_NO_CACHE", "1")
    assert git_history(repo / "content") == fresh
    assert len(assembled) == 5, "with the cache off every revision is read again"


def test_a_diff_survives_the_disk_and_a_damaged_entry_is_ignored(tmp_path: Path) -> None:
    diff = diff_content(read_content(OLD / "content"), read_content(NEW / "content"))
    assert diff.claims_changed and diff.claims_added and diff.sources_added
    folder = tmp_path / "entries"
    folder.mkdir(mode=0o700)
    kept.store(folder, "k", diff)
    assert kept.fetch(folder, "k") == diff
    assert oct((folder / "k").stat().st_mode & 0o777) == "0o600"
    blob = bytearray((folder / "k").read_bytes())
    blob[-5] ^= 1
    (folder / "k").write_bytes(bytes(blob))
    assert kept.fetch(folder, "k") is None
    (folder / "k").write_bytes(b"briefing parse cache 1\n" + bytes(blob[len(kept.HEADER) :]))
    assert kept.fetch(folder, "k") is None, "another entry kind is not taken for a diff"
    assert kept.fetch(folder, "absent") is None


def test_an_entry_of_another_shape_is_refused() -> None:
    bad_entries: list[object] = [[], {"claims_added": [[1, 2, 3, 4, 5, 6]]}, {"claims_added": "x"}]
    for bad in bad_entries:
        with pytest.raises((ValueError, KeyError, TypeError)):
            kept.diff_from(bad)


def test_keys_depend_on_the_place_the_commit_and_the_code(monkeypatch: pytest.MonkeyPatch) -> None:
    key = kept.key_of("content", "a" * 40)
    assert key != kept.key_of("briefs/content", "a" * 40)
    assert key != kept.key_of("content", "b" * 40)
    monkeypatch.setattr(kept, "code_stamp", lambda: b"other code")
    assert key != kept.key_of("content", "a" * 40)
    assert os.path.basename(key) == key and len(key) == 64
