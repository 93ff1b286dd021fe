"""Builds that go wrong: the previous site stays byte-identical and no temporary folder is left.

Each case first builds a good site, then makes a second `briefing site` fail in
one way: an exception while pages are written, a failing MkDocs build, an
interruption (SIGINT, SIGTERM, SIGKILL), a concurrent build, an unwritable
output folder, a failed swap or a failed scan.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main as cli
from generator.errors import Problem, Span
from tests.conftest import ROOT
from tests.helpers import MINIMAL, mkdocs_config, tree_digest

# Runs `briefing site` with every file write slowed down, so a signal reliably lands mid-build.
SLOW_BUILD = """\
import sys, time
import mkdocs.utils
write = mkdocs.utils.write_file
def slow_write(content, path):
    time.sleep(0.05)
    write(content, path)
mkdocs.utils.write_file = slow_write
from generator.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


class Previous:
    """A folder with a good site built in it, and a way to tell that nothing changed."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.config = mkdocs_config(folder / "config", *MINIMAL)
        self.site = folder / "site"
        assert self.run() == 0
        self.digest = tree_digest(self.site)

    def run(self) -> int:
        """Build in-process with the CLI."""
        return cli.main(["site", "--config", str(self.config), "--site-dir", str(self.site)])

    def argv(self) -> list[str]:
        """The CLI arguments of a build of this site."""
        return ["site", "--config", str(self.config), "--site-dir", str(self.site)]

    def leftovers(self) -> list[str]:
        """Staging and old folders left beside the site."""
        return sorted(
            p.name
            for p in self.folder.iterdir()
            if p.name.startswith((".site.staging-", ".site.old-"))
        )

    def assert_unchanged(self) -> None:
        """The previous site is byte-identical and nothing temporary remains."""
        assert tree_digest(self.site) == self.digest
        assert self.leftovers() == []


@pytest.fixture
def previous(tmp_path: Path) -> Previous:
    return Previous(tmp_path)


def env() -> dict[str, str]:
    """The environment for a CLI subprocess."""
    return {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}


def failing_after(count: int, error: BaseException) -> Callable[[bytes, str], None]:
    """A replacement for mkdocs.utils.write_file that raises after some writes."""
    import mkdocs.utils

    write = mkdocs.utils.write_file
    calls = {"n": 0}

    def fake(content: bytes, path: str) -> None:
        calls["n"] += 1
        if calls["n"] > count:
            raise error
        write(content, path)

    return fake


def test_disk_full_while_writing_pages(
    previous: Previous, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import mkdocs.utils

    full = OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(mkdocs.utils, "write_file", failing_after(3, full))
    capsys.readouterr()
    assert previous.run() == 1
    err = capsys.readouterr().err
    assert "error: cannot write the site: No space left on device" in err
    assert "was left as it was" in err and "Traceback" not in err
    previous.assert_unchanged()


def test_bug_while_writing_pages_keeps_its_traceback(
    previous: Previous, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mkdocs.utils

    monkeypatch.setattr(mkdocs.utils, "write_file", failing_after(3, RuntimeError("bug")))
    with pytest.raises(RuntimeError, match="bug"):
        previous.run()
    previous.assert_unchanged()


def test_failing_mkdocs_build(previous: Previous) -> None:
    config = previous.config
    config.write_text(
        config.read_text(encoding="utf-8") + "nav:\n  - Missing: missing-page.md\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "generator", *previous.argv()],
        capture_output=True,
        text=True,
        env=env(),
        timeout=300,
    )
    assert result.returncode == 1
    assert "error: the MkDocs build failed" in result.stderr
    assert "warning: A reference to 'missing-page.md' is included in the 'nav'" in result.stderr
    assert "was left as it was" in result.stderr and "Traceback" not in result.stderr
    previous.assert_unchanged()


def test_broken_mkdocs_config_is_reported_cleanly(
    previous: Previous, capsys: pytest.CaptureFixture[str]
) -> None:
    previous.config.write_text("site_name: [unclosed\n", encoding="utf-8")
    capsys.readouterr()
    assert previous.run() == 1
    assert "was left as it was" in capsys.readouterr().err
    previous.assert_unchanged()


def default_signals() -> None:
    """In a child about to start: SIGINT and SIGTERM back to their default handling."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def start_slow_build(previous: Previous) -> subprocess.Popen[str]:
    """Start a slowed-down `briefing site` and wait until it is writing into staging."""
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_BUILD, *previous.argv()],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env(),
        # A suite run as a background job starts with SIGINT ignored, and a child inherits
        # that; the child gets the default handlers, as a build typed at a prompt has.
        preexec_fn=default_signals,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        staging = [previous.folder / name for name in previous.leftovers() if "staging" in name]
        if staging and any(p.suffix == ".html" for p in staging[0].rglob("*")):
            return process
        if process.poll() is not None:
            pytest.fail(f"the build ended before it could be interrupted: {process.stderr}")
        time.sleep(0.01)
    process.kill()
    pytest.fail("the build never started writing pages")


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_interrupted_build(previous: Previous, signum: int) -> None:
    process = start_slow_build(previous)
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    previous.assert_unchanged()


def test_killed_build_is_cleaned_up_by_the_next(previous: Previous) -> None:
    process = start_slow_build(previous)
    process.kill()
    process.communicate(timeout=60)
    assert tree_digest(previous.site) == previous.digest
    assert previous.leftovers(), "SIGKILL leaves the staging folder behind"
    assert previous.run() == 0
    previous.assert_unchanged()


def test_two_builds_at_once(previous: Previous) -> None:
    from generator.site.build import site_lock

    with site_lock(previous.site.resolve()):
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-m", "generator", *previous.argv()],
            capture_output=True,
            text=True,
            env=env(),
            timeout=120,
        )
        took = time.monotonic() - started
    assert result.returncode == 1
    assert f"another build of {previous.site.resolve()} is running (pid {os.getpid()}" in (
        result.stderr
    )
    assert "wait for it to finish" in result.stderr
    assert took < 60, "a second build fails fast instead of waiting"
    previous.assert_unchanged()


def test_read_only_output_folder(previous: Previous) -> None:
    parent = previous.folder
    parent.chmod(0o555)
    try:
        if os.access(parent, os.W_OK):
            pytest.skip(
                "running as root: chmod does not stop writes "
                "(test_unwritable_output_folder_in_process covers the refusal)"
            )
        result = subprocess.run(
            [sys.executable, "-m", "generator", *previous.argv()],
            capture_output=True,
            text=True,
            env=env(),
            timeout=300,
        )
    finally:
        parent.chmod(0o755)
    assert result.returncode == 1
    assert "cannot write the site: Permission denied" in result.stderr
    assert "Traceback" not in result.stderr
    previous.assert_unchanged()


def test_unwritable_output_folder_in_process(
    previous: Previous, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import tempfile

    def refuse(**_: Any) -> str:
        raise PermissionError(errno.EACCES, "Permission denied", str(previous.folder))

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    capsys.readouterr()
    assert previous.run() == 1
    err = capsys.readouterr().err
    assert f"cannot write the site: Permission denied ({previous.folder})" in err
    previous.assert_unchanged()


def test_failed_swap_restores_the_previous_site(
    previous: Previous, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import generator.write

    rename = os.rename
    calls = {"n": 0}

    def flaky(src: Any, dst: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 2:  # the site was moved aside; putting the new one in place fails
            raise OSError(errno.EIO, "Input/output error")
        rename(src, dst)

    monkeypatch.setattr(generator.write.os, "rename", flaky)
    capsys.readouterr()
    assert previous.run() == 1
    assert "cannot write the site: Input/output error" in capsys.readouterr().err
    previous.assert_unchanged()


def test_failed_scan_keeps_the_previous_site(
    previous: Previous, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import generator.site.build

    finding = Problem(
        span=Span("site/index.html", 3, 5), field="", message="<script> planted", code="scan-script"
    )
    monkeypatch.setattr(generator.site.build, "scan_site", lambda *a, **k: [finding])
    capsys.readouterr()
    assert previous.run() == 1
    err = capsys.readouterr().err
    assert "the built site failed the markup scan (1 finding(s))" in err
    assert "site/index.html:3:5: error: <script> planted [scan-script]" in err
    previous.assert_unchanged()
