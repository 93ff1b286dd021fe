"""Each bad input gives exit status 1 and exactly the golden messages, and runs nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bad_cases import CASES, Link, Overlay
from tests.conftest import FIXTURES, GOLDEN, assert_golden

MINIMAL = FIXTURES / "briefings" / "minimal"


def make_briefing(tmp: Path, overlay: Overlay) -> Path:
    """Copy the minimal briefing and apply a case's overlay."""
    root = tmp / "briefing"
    shutil.copytree(MINIMAL, root)
    for rel, value in overlay.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if value is None:
            path.unlink(missing_ok=True)
        elif isinstance(value, Link):
            path.symlink_to(value.target)
        elif isinstance(value, bytes):
            path.write_bytes(value)
        else:
            path.write_text(value, encoding="utf-8")
    return root


def run_check(root: Path) -> subprocess.CompletedProcess[str]:
    """Run the check command the way an editor does, from the briefing folder."""
    return subprocess.run(
        [sys.executable, "-m", "generator", "check"],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
        timeout=60,
    )


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input(case: str, tmp_path: Path, update_golden: bool) -> None:
    root = make_briefing(tmp_path, CASES[case])
    result = run_check(root)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert result.stderr.rstrip().endswith("nothing was written.")
    assert not (root / "EXECUTED").exists()
    assert_golden(GOLDEN / "errors" / f"{case}.txt", result.stderr, update_golden)


def test_minimal_briefing_is_clean(tmp_path: Path) -> None:
    result = run_check(make_briefing(tmp_path, {}))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: 2 claims")
