"""The one writer: atomic files that keep their mode, appends that never leave half a file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from generator import write
from generator.write import append_file, write_file


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_rewritten_file_keeps_its_mode_and_a_new_one_gets_the_umask_default(
    tmp_path: Path,
) -> None:
    old = tmp_path / "claims.yml"
    old.write_bytes(b"[]\n")
    old.chmod(0o640)
    write_file(old, b"- id: a\n")
    assert old.read_bytes() == b"- id: a\n" and mode(old) == 0o640
    new = tmp_path / "new.yml"
    write_file(new, b"x")
    assert mode(new) == 0o666 & ~write.UMASK


def test_a_private_file_is_private_from_its_first_byte(tmp_path: Path) -> None:
    path = tmp_path / "entry"
    write_file(path, b"secret", mode=0o600)
    assert mode(path) == 0o600


def test_an_append_adds_to_the_end_and_keeps_what_was_there(tmp_path: Path) -> None:
    path = tmp_path / "sources.yml"
    path.write_bytes(b"- id: a\n")
    append_file(path, b"\n- id: b\n")
    assert path.read_bytes() == b"- id: a\n\n- id: b\n"


def test_a_failed_write_leaves_the_old_file_whole_and_no_temporary_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "claims.yml"
    path.write_bytes(b"old\n")

    def refuse(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        write_file(path, b"new\n")
    assert path.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["claims.yml"]
