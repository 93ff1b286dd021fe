"""The --update-golden switch: compares by default, rewrites and shows what it rewrote when
asked, deletes golden files no test writes, and refuses to run under CI."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests import conftest
from tests.conftest import assert_golden, remove_orphans, updating


@pytest.fixture
def rewritten(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """What the switch reports it rewrote, for a repository at tmp_path (kept out of the
    report of the run these tests are part of)."""
    monkeypatch.setattr(conftest, "ROOT", tmp_path)
    monkeypatch.setattr(conftest, "REWRITTEN", [])
    return conftest.REWRITTEN


def test_a_golden_file_is_compared_not_rewritten(tmp_path: Path, rewritten: list[str]) -> None:
    golden = tmp_path / "golden" / "page.md"
    golden.parent.mkdir()
    golden.write_text("old\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="run pytest --update-golden"):
        assert_golden(golden, "new\n", update=False)
    assert golden.read_text(encoding="utf-8") == "old\n" and rewritten == []
    assert_golden(golden, "old\n", update=False)


def test_a_missing_golden_file_fails_unless_updating(tmp_path: Path, rewritten: list[str]) -> None:
    golden = tmp_path / "golden" / "page.md"
    with pytest.raises(pytest.fail.Exception, match="is missing"):
        assert_golden(golden, "new\n", update=False)
    assert not golden.exists()
    assert_golden(golden, "new\n", update=True)
    assert golden.read_text(encoding="utf-8") == "new\n"
    assert rewritten == ["--- a/golden/page.md\n+++ b/golden/page.md\n@@ -0,0 +1 @@\n+new\n"]


def test_updating_rewrites_the_file_and_shows_the_diff(
    tmp_path: Path, rewritten: list[str]
) -> None:
    golden = tmp_path / "golden" / "page.md"
    golden.parent.mkdir()
    golden.write_text("same\nold\n", encoding="utf-8")
    assert_golden(golden, "same\nnew\n", update=True)
    assert golden.read_text(encoding="utf-8") == "same\nnew\n"
    [diff] = rewritten
    assert diff.startswith("--- a/golden/page.md\n+++ b/golden/page.md\n")
    assert "-old\n" in diff and "+new\n" in diff and " same\n" in diff
    assert_golden(golden, "same\nnew\n", update=True)
    assert len(rewritten) == 1, "an unchanged file is not reported"


def test_orphan_golden_files_fail_and_are_deleted_when_updating(
    tmp_path: Path, rewritten: list[str]
) -> None:
    folder = tmp_path / "golden"
    folder.mkdir()
    kept, orphan = folder / "kept.txt", folder / "orphan.txt"
    for path in (kept, orphan):
        path.write_text("x\n", encoding="utf-8")
    with pytest.raises(AssertionError, match=r"orphan\.txt"):
        remove_orphans(folder, "*.txt", {kept}, update=False)
    assert orphan.exists()
    remove_orphans(folder, "*.txt", {kept}, update=True)
    assert kept.exists() and not orphan.exists()
    assert rewritten == ["deleted golden/orphan.txt\n"]


@pytest.mark.parametrize("value", ["1", "true", "yes", "True"])
def test_updating_refuses_to_run_when_ci_is_set(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.fail.Exception, match="refuses to run when CI is set"):
        updating(True)
    assert updating(False) is False


@pytest.mark.parametrize("value", [None, "", "0", "false", "no"])
def test_updating_runs_when_ci_is_not_set(
    monkeypatch: pytest.MonkeyPatch, value: str | None
) -> None:
    if value is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", value)
    assert updating(True) is True


class Reporter:
    """Collects what the end-of-run summary writes."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def section(self, title: str) -> None:
        self.lines.append(f"== {title}\n")

    def write(self, text: str, **_: Any) -> None:
        self.lines.append(text)


def test_the_end_of_the_run_shows_every_rewrite(rewritten: list[str]) -> None:
    reporter = Reporter()
    conftest.pytest_terminal_summary(reporter)
    assert reporter.lines == [], "nothing rewritten, nothing shown"
    rewritten.extend(["deleted golden/a.txt\n", "new file golden/b.txt"])
    conftest.pytest_terminal_summary(reporter)
    assert reporter.lines == [
        "== golden files rewritten by --update-golden\n",
        "deleted golden/a.txt\n",
        "new file golden/b.txt\n",
    ]
