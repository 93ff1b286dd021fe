"""Two cores: a forked child's half of a build is the same as doing it here."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from generator.content.check import Settings
from generator.pipeline import outputs
from generator.publish.opendata import data_files
from generator.resources import site_assets
from generator.speed import cores
from generator.speed.cores import ChildFailed, can_fork, on_two_cores
from generator.speed.reuse import Reuse
from tests.helpers import DEFAULT, VOLCANO


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fork even if an earlier test left idle threads behind (the children here are tiny)."""
    if not hasattr(os, "fork") or cores.cpus() < 2:
        pytest.skip("needs os.fork and two CPUs")
    monkeypatch.setattr(cores, "can_fork", lambda: True)


@pytest.mark.usefixtures("forking")
def test_the_child_runs_in_another_process() -> None:
    here, there = on_two_cores(os.getpid, os.getpid)
    assert here == os.getpid() and there != here


@pytest.mark.usefixtures("forking")
def test_a_failing_child_raises_with_its_traceback() -> None:
    def fails() -> None:
        raise ValueError("no such figure")

    with pytest.raises(ChildFailed, match="no such figure"):
        on_two_cores(lambda: 1, fails)


def test_without_a_second_core_both_run_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_CORES", "1")
    assert not can_fork()
    assert on_two_cores(os.getpid, os.getpid) == (os.getpid(), os.getpid())


def test_a_process_with_threads_does_not_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRIEFING_CORES", raising=False)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork()
    finally:
        stop.set()
        thread.join()


@pytest.mark.usefixtures("forking")
@pytest.mark.parametrize("folders", [DEFAULT, VOLCANO], ids=["default", "volcano"])
def test_outputs_on_two_cores_equal_the_serial_pipeline(
    folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(*folders)
    forks: list[int] = []
    fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or fork())
    made = outputs(settings)
    assert forks == [1]
    serial = outputs(settings, Reuse())  # a keeping reuse renders on one core
    assert forks == [1]
    assert made.built.pages == serial.built.pages and made.built.origins == serial.built.origins
    assert made.files == serial.files and made.linked_data == serial.linked_data
    assert {**serial.built.pages, **site_assets(), **data_files(serial.built.view)}.items() <= (
        made.files.items()
    )
    monkeypatch.setattr(cores, "can_fork", lambda: False)
    assert outputs(settings).files == made.files
