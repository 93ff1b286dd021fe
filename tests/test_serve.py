"""`mkdocs serve` with the plugin: edits show up without a restart; bad edits do not stop it."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.helpers import MINIMAL, mkdocs_config


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(url: str, needle: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        page = fetch(url)
        if needle in page:
            return page
        time.sleep(0.3)
    raise AssertionError(f"{needle!r} did not appear at {url} within {timeout}s")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    root = tmp_path / "b"
    shutil.copytree(MINIMAL[0].parent, root)
    config = mkdocs_config(tmp_path, root / "content", root / "seeds")
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield root, f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_editing_a_claim_updates_the_served_page(served: tuple[Path, str]) -> None:
    root, url = served
    page = wait_for(url + "claims/damage/", "40 damaged vessels")
    assert "41 damaged vessels" not in page
    claims = root / "content" / "claims" / "figures.yml"
    claims.write_text(claims.read_text().replace("counts 40 damaged", "counts 41 damaged"))
    wait_for(url + "claims/damage/", "41 damaged vessels")


def test_a_bad_edit_keeps_serving_and_recovers(served: tuple[Path, str]) -> None:
    root, url = served
    wait_for(url + "claims/damage/", "40 damaged vessels")
    claims = root / "content" / "claims" / "figures.yml"
    good = claims.read_text()
    claims.write_text(good.replace("status: disputed", "status: disputd"))
    page = wait_for(url + "claims/damage/", "The content has errors")
    assert "bad-enum" in page and "40 damaged vessels" in page
    claims.write_text(good.replace("counts 40 damaged", "counts 42 damaged"))
    page = wait_for(url + "claims/damage/", "42 damaged vessels")
    assert "The content has errors" not in page
