"""`briefing init`: a small example briefing that checks and builds from its own folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main as cli
from generator.cli.init import STARTER, starter_files
from generator.content.check import Settings, check
from generator.content.schema import stale_schemas
from tests.conftest import GOLDEN, assert_golden


def init(folder: Path, *more: str) -> int:
    return cli.main(["init", str(folder), *more])


def test_the_example_holds_what_an_editor_learns_from(tmp_path: Path) -> None:
    assert init(tmp_path / "b") == 0
    checked = check(Settings(tmp_path / "b" / "content", tmp_path / "b" / "seeds"))
    c = checked.content
    claims = [item.model for item in c.claims]
    assert len(c.sources) == 1 and len(c.measures) == 2 and len(c.questions) == 1
    assert 4 <= len(claims) <= 8
    assert any(m.low is not None and m.high is not None for m in claims), "a range"
    assert any(m.status == "superseded" and m.superseded_by for m in claims), "superseded"
    assert any(m.actor for m in claims), "a reaction"
    assert checked.warnings == []


def test_init_writes_a_folder_that_builds_alone(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    update_golden: bool,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert init(Path("briefing")) == 0
    out = capsys.readouterr().out
    assert_golden(GOLDEN / "cli" / "init.txt", out, update_golden)
    folder = tmp_path / "briefing"
    written = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert written == sorted(starter_files())
    assert {".gitignore", "README.md", "mkdocs.yml", "docs/.gitkeep"} <= set(written)
    assert stale_schemas(folder / "schemas") == []
    for path in (folder / "content").rglob("*.yml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        target = first.removeprefix("# yaml-language-server: $schema=")
        assert (path.parent / target).resolve().parent == (folder / "schemas").resolve(), path
    monkeypatch.chdir(folder)
    assert cli.main(["check"]) == 0
    assert cli.main(["site", "-q"]) == 0
    assert (folder / "site" / "index.html").is_file()
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [".gitignore", "README.md", "content", "docs", "mkdocs.yml", "schemas", "seeds", "site"]
    )
    ignored = (folder / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {"/site/", "/site-offline/", "/build/"} <= set(ignored)


def test_init_refuses_a_folder_that_is_not_empty(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    update_golden: bool,
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("full").mkdir()
    Path("full/notes.txt").write_text("mine\n", encoding="utf-8")
    Path("full/mkdocs.yml").write_text("site_name: mine\n", encoding="utf-8")
    Path("a-file").write_text("x", encoding="utf-8")
    assert init(Path("full")) == 1
    assert init(Path("a-file")) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert_golden(GOLDEN / "cli" / "init-refused.txt", captured.err, update_golden)
    assert Path("full/mkdocs.yml").read_text(encoding="utf-8") == "site_name: mine\n"
    assert sorted(p.name for p in Path("full").iterdir()) == ["mkdocs.yml", "notes.txt"]
    # --force writes the example over it and keeps the folder's other files
    assert init(Path("full"), "--force", "-q") == 0
    assert Path("full/notes.txt").read_text(encoding="utf-8") == "mine\n"
    assert Path("full/mkdocs.yml").read_bytes() == (STARTER / "mkdocs.yml").read_bytes()
    assert capsys.readouterr().out == ""
    monkeypatch.chdir("full")
    assert cli.main(["check", "-q"]) == 0


def test_an_empty_folder_is_taken(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert init(tmp_path / "empty", "-q") == 0
    assert (tmp_path / "empty" / "content" / "briefing.yml").is_file()
