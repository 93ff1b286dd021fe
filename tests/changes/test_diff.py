"""Diff: claim-level changes between two content folders or two git revisions, golden-tested."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.changes.diff import diff_content, format_diff, read_content, read_revision
from generator.content.check import Settings, check
from generator.content.validate import Content
from tests.conftest import FIXTURES, GOLDEN, assert_golden
from tests.content.test_schema import run_editor

OLD = FIXTURES / "diff" / "old"
NEW = FIXTURES / "diff" / "new"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Editor",
    "GIT_AUTHOR_EMAIL": "editor@example.org",
    "GIT_COMMITTER_NAME": "Editor",
    "GIT_COMMITTER_EMAIL": "editor@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str, date: str = "2030-05-06T09:00:00+02:00") -> str:
    """Run git in a test repository with a fixed identity and date."""
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    done = subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def put(briefing: Path, repo: Path) -> None:
    """Make a repository's briefing folder a copy of a fixture briefing."""
    for name in ("content", "seeds"):
        shutil.rmtree(repo / name, ignore_errors=True)
        shutil.copytree(briefing / name, repo / name)


def commit_all(repo: Path, message: str, date: str) -> None:
    """Commit the whole tree, hashing every file (copies may keep size and mtime)."""
    git(repo, "rm", "-r", "-q", "--cached", "--ignore-unmatch", ".")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, date=date)


def history_repo(tmp_path: Path) -> Path:
    """A repository whose content went from the old fixture to the new one in two commits."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    put(OLD, repo)
    commit_all(repo, "Storm briefing: first figures", "2030-05-06T09:00:00+02:00")
    (repo / "README").write_text("not content\n", encoding="utf-8")
    commit_all(repo, "Add a readme", "2030-05-06T12:00:00+02:00")
    put(NEW, repo)
    commit_all(repo, "Mayor revises <count> & authority confirms", "2030-05-07T18:30:00+02:00")
    return repo


def test_fixtures_are_clean_briefings() -> None:
    """The diff fixtures check with no error and no warning, so diffs compare valid content."""
    for folder in (OLD, NEW):
        checked = check(Settings(folder / "content", folder / "seeds"))
        assert checked.warnings == [], folder
        assert len(checked.content.claims) >= 2 and checked.content.sources, folder


def test_diff_of_the_fixtures_is_golden(update_golden: bool) -> None:
    diff = diff_content(read_content(OLD / "content"), read_content(NEW / "content"))
    assert [c.id for c in diff.claims_added] == ["mayor-damaged-55"]
    assert [c.id for c in diff.claims_removed] == ["authority-sunk"]
    assert [c.id for c in diff.newly_superseded] == ["mayor-damaged"]
    assert [s.id for s in diff.sources_added] == ["mayor-statement"]
    assert_golden(GOLDEN / "diff" / "fixtures.txt", format_diff(diff) + "\n", update_golden)


def test_diff_accepts_checked_briefings() -> None:
    old = check(Settings(OLD / "content", OLD / "seeds"))
    new = check(Settings(NEW / "content", NEW / "seeds"))
    assert diff_content(old, new) == diff_content(old.content, new.content)


def test_identical_content_has_no_changes() -> None:
    same = read_content(NEW / "content")
    diff = diff_content(same, same)
    assert diff.empty
    assert format_diff(diff) == "no changes to claims, sources, measures or questions"
    assert not diff_content(Content(), Content()).claims_added


def test_diff_command_on_folders(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_editor(["diff", str(OLD / "content"), str(NEW / "content")]) == 0
    expected = (GOLDEN / "diff" / "fixtures.txt").read_text(encoding="utf-8")
    assert capsys.readouterr().out == expected


def test_diff_command_reports_content_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "content"
    shutil.copytree(NEW / "content", broken)
    (broken / "claims" / "figures.yml").write_text("- id: x\n  valeu: 1\n", encoding="utf-8")
    assert run_editor(["diff", str(OLD / "content"), str(broken)]) == 1
    err = capsys.readouterr().err
    assert "figures.yml:2:3: error: [0].valeu: unknown field" in err
    assert "Traceback" not in err


@needs_git
def test_diff_command_on_git_revisions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = history_repo(tmp_path)
    put(OLD, repo)  # the working tree is not what --git reads
    argv = ["diff", "HEAD~2", "HEAD", "--git", "--content", str(repo / "content")]
    assert run_editor(argv) == 0
    expected = (GOLDEN / "diff" / "fixtures.txt").read_text(encoding="utf-8")
    assert capsys.readouterr().out == expected
    old_ids = [c.model.id for c in read_revision("HEAD~1", repo / "content").claims]
    assert old_ids == [c.model.id for c in read_content(OLD / "content").claims]
    assert git(repo, "status", "--porcelain") != ""  # nothing was checked out or reset


@needs_git
def test_diff_command_reports_git_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = history_repo(tmp_path)
    content = str(repo / "content")
    assert run_editor(["diff", "HEAD", "no-such-rev", "--git", "--content", content]) == 1
    assert "unknown revision 'no-such-rev'" in capsys.readouterr().err
    assert run_editor(["diff", "--git", "--content", content, "--", "--output=x", "HEAD"]) == 1
    assert "not a revision" in capsys.readouterr().err
    plain = tmp_path / "plain"
    shutil.copytree(OLD / "content", plain / "content")
    assert run_editor(["diff", "HEAD", "HEAD", "--git", "--content", str(plain / "content")]) == 1
    assert "not a git repository" in capsys.readouterr().err


@needs_git
def test_revision_with_a_bad_file_names_the_revision(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = history_repo(tmp_path)
    (repo / "content" / "claims" / "figures.yml").write_text("- id: [\n", encoding="utf-8")
    commit_all(repo, "Break a claim file", "2030-05-08T08:00:00+02:00")
    argv = ["diff", "HEAD~1", "HEAD", "--git", "--content", str(repo / "content")]
    assert run_editor(argv) == 1
    assert "HEAD:content/claims/figures.yml:" in capsys.readouterr().err


def test_a_new_briefing_file_lists_only_the_fields_it_writes() -> None:
    diff = diff_content(Content(), read_content(OLD / "content"))
    written = set(diff.briefing_changed)
    assert {"title", "summary", "as_of"} <= written
    assert not written & {"stale_after_days", "claims_per_page", "pages"}
