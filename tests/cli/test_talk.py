"""How the commands talk: phases with times, -q and -v, colours on a terminal only, the
page counter, and the messages of site folders, dates after as_of and diff."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main as cli
from generator.cli.talk import paint
from tests.conftest import GOLDEN, ROOT, assert_golden

TIMES = re.compile(r"\d+\.\d\d s")


def briefing_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "b"
    assert cli.main(["init", str(folder), "-q"]) == 0
    return folder


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, TIMES.sub("N.NN s", out), TIMES.sub("N.NN s", err)


def test_site_prints_its_phases_with_times_and_builds_beside_its_config(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    update_golden: bool,
) -> None:
    folder = briefing_folder(tmp_path)
    monkeypatch.chdir(tmp_path)  # not the briefing folder: the site goes beside the config
    code, out, err = run(["site", "--config", "b/mkdocs.yml"], capsys)
    assert code == 0
    code, out_offline, err_offline = run(["site", "--config", "b/mkdocs.yml", "--offline"], capsys)
    assert code == 0
    shown = f"$ briefing site --config b/mkdocs.yml\n{out}{err}"
    shown += f"$ briefing site --config b/mkdocs.yml --offline\n{out_offline}{err_offline}"
    assert_golden(GOLDEN / "cli" / "site-phases.txt", shown, update_golden)
    assert (folder / "site" / "index.html").is_file()
    assert (folder / "site-offline" / "index.html").is_file()
    assert not (tmp_path / "site").exists() and not (tmp_path / "site-offline").exists()
    # the lock file is gone once the build is over
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == [".gitignore"]


def test_quiet_prints_nothing_and_verbose_adds_mkdocs_messages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(briefing_folder(tmp_path))
    assert run(["site", "-q"], capsys) == (0, "", "")
    assert run(["check", "-q"], capsys) == (0, "", "")
    code, _out, err = run(["site", "-v"], capsys)
    assert code == 0
    assert "debug: Loading configuration file:" in err  # MkDocs' own, at its debug level
    assert "generate " in err and "swap " in err
    code, _out, err = run(["site"], capsys)
    assert code == 0 and "debug:" not in err and "info:" not in err


def move_claim_after_as_of(folder: Path) -> None:
    claims = folder / "content" / "claims" / "flood.yml"
    text = claims.read_text(encoding="utf-8")
    claims.write_text(text.replace("date: 2032-04-05", "date: 2032-05", 1), encoding="utf-8")


def test_a_date_after_as_of_is_a_warning(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    update_golden: bool,
) -> None:
    folder = briefing_folder(tmp_path)
    move_claim_after_as_of(folder)
    sources = folder / "content" / "sources.yml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(text.replace("published: 2032-04-06", "published: 2033"), encoding="utf-8")
    monkeypatch.chdir(folder)
    code, out, err = run(["check"], capsys)
    assert code == 0
    assert_golden(GOLDEN / "cli" / "date-after-as-of.txt", out + err, update_golden)
    assert run(["check", "-q"], capsys) == (0, "", "")


def git(folder: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
    }
    subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)


def test_diff_suggests_git_for_a_revision(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    update_golden: bool,
) -> None:
    folder = briefing_folder(tmp_path)
    git(folder, "init", "-q")
    git(folder, "add", ".")
    git(folder, "commit", "-q", "-m", "example")
    git(folder, "commit", "-q", "--allow-empty", "-m", "again")
    monkeypatch.chdir(folder)
    code, out, err = run(["diff", "HEAD~1", "HEAD"], capsys)
    assert code == 1 and out == ""
    code, _out, err_unknown = run(["diff", "no-such-thing", "content"], capsys)
    assert code == 1 and "--git" not in err_unknown
    assert_golden(GOLDEN / "cli" / "diff-suggests-git.txt", err + err_unknown, update_golden)
    assert run(["diff", "HEAD~1", "HEAD", "--git"], capsys)[0] == 0


def test_paint_colours_the_severity_that_opens_each_message() -> None:
    text = (
        "content/a.yml:3:5: error: title: x [c]\n"
        "   3 | title: error: not this one\n"
        "warning: y\n"
        "error: z"
    )
    assert paint(text) == (
        "content/a.yml:3:5: \033[31merror:\033[0m title: x [c]\n"
        "   3 | title: error: not this one\n"
        "\033[33mwarning:\033[0m y\n"
        "\033[31merror:\033[0m z"
    )


def on_a_terminal(argv: list[str], cwd: Path, **env: str) -> tuple[int, str]:
    """Run briefing with its standard error on a pseudo-terminal; return what it showed."""
    leader, follower = pty.openpty()
    environ = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", *argv],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=follower,
        env={**environ, "PYTHONPATH": str(ROOT), **env},
    )
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process is done
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    return process.wait(timeout=300), shown.decode("utf-8", errors="replace")


@pytest.mark.process
def test_colours_and_the_page_counter_on_a_terminal_only(tmp_path: Path) -> None:
    folder = briefing_folder(tmp_path)
    code, shown = on_a_terminal(["site"], folder)
    assert code == 0
    counts = re.findall(r"\r\033\[Kmkdocs   (\d+)/(\d+) pages", shown)
    assert counts and counts[-1][0] == counts[-1][1] and len(counts) == int(counts[-1][1])
    # The counter's line is cleared for the next phase's line: the search index, made at the
    # end of the MkDocs build.
    assert re.search(r"\r\033\[Ksearch +\d+\.\d\d s\r?\nmkdocs +\d+\.\d\d s", shown), shown
    claims = folder / "content" / "claims" / "flood.yml"
    claims.write_text(claims.read_text(encoding="utf-8").replace("id: damage-mayor", "id: Bad"))
    code, shown = on_a_terminal(["check"], folder)
    assert code == 1 and ": \033[31merror:\033[0m [2].id:" in shown, shown
    code, shown = on_a_terminal(["check"], folder, NO_COLOR="1")
    assert code == 1 and "\033[" not in shown and ": error: [2].id:" in shown
    done = subprocess.run(
        [sys.executable, "-m", "generator", "check"],
        cwd=folder,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 1 and "\033[" not in done.stderr  # not a terminal: no colour
