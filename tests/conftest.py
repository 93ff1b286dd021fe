"""Shared test settings: the --update-golden switch and paths to fixtures."""

from __future__ import annotations

import difflib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# Time is measured in bench/, never in tests: a loaded machine must not fail an example.
settings.register_profile("briefing", deadline=None)
settings.load_profile("briefing")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = ROOT / "tests" / "golden"


def pytest_configure(config: pytest.Config) -> None:
    # The parse cache of every run in the suite (this process and the commands it
    # starts) lives in a folder of its own, not in the user's cache.
    os.environ["BRIEFING_CACHE_DIR"] = tempfile.mkdtemp(prefix="briefing-test-cache-")
    os.environ.pop("BRIEFING_NO_CACHE", None)


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(os.environ.get("BRIEFING_CACHE_DIR", ""), ignore_errors=True)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite golden files from the current output instead of comparing",
    )


def updating(requested: bool) -> bool:
    """Whether golden files are rewritten; --update-golden refuses to run when CI is set."""
    if requested and os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
        pytest.fail("--update-golden refuses to run when CI is set", pytrace=False)
    return requested


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return updating(bool(request.config.getoption("--update-golden")))


REWRITTEN: list[str] = []  # what --update-golden changed, shown at the end of the run


def assert_golden(path: Path, actual: str, update: bool) -> None:
    """Compare text with a golden file, or rewrite it under --update-golden (and say how)."""
    if update or not path.exists():
        if not update:
            pytest.fail(f"golden file {path} is missing; run pytest --update-golden")
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        if old != actual:
            shown = path.relative_to(ROOT).as_posix()
            REWRITTEN.append(
                "".join(
                    difflib.unified_diff(
                        old.splitlines(keepends=True),
                        actual.splitlines(keepends=True),
                        f"a/{shown}",
                        f"b/{shown}",
                    )
                )
                or f"new file {shown}\n"
            )
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
        return
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"output differs from {path}; run pytest --update-golden to accept"


def remove_orphans(folder: Path, pattern: str, expected: set[Path], update: bool) -> None:
    """Golden files no test writes: deleted under --update-golden, else a failure."""
    orphans = sorted(p for p in folder.glob(pattern) if p.is_file() and p not in expected)
    if not update:
        assert not orphans, (
            f"golden files no test writes (pytest --update-golden removes them): {orphans}"
        )
        return
    for path in orphans:
        REWRITTEN.append(f"deleted {path.relative_to(ROOT).as_posix()}\n")
        path.unlink()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if REWRITTEN:
        terminalreporter.section("golden files rewritten by --update-golden")
        for diff in REWRITTEN:
            terminalreporter.write(diff if diff.endswith("\n") else diff + "\n")
