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


def test_as_bytes_encodes_text_as_utf8_and_leaves_bytes_alone() -> None:
    assert write.as_bytes("2,700 – Kursk") == "2,700 – Kursk".encode()
    raw = b"\xff\x00"
    assert write.as_bytes(raw) is raw


def test_a_tree_holds_exactly_its_files_and_rewrites_only_what_changed(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    first = write.write_tree({"index.md": "a", "claims/x.md": b"x", "claims/y.md": "y"}, out)
    assert (first.written, first.unchanged, first.removed) == (3, 0, 0)
    kept = (out / "index.md").stat().st_ino
    again = write.write_tree({"index.md": "a", "claims/x.md": b"x2"}, out)
    assert (again.written, again.unchanged, again.removed) == (1, 1, 1)
    assert (out / "index.md").stat().st_ino == kept, "an unchanged file is not rewritten"
    assert (out / "claims" / "x.md").read_bytes() == b"x2"
    assert not (out / "claims" / "y.md").exists()
    assert again.summary() == "1 written, 1 unchanged, 1 removed"
    write.write_tree({"index.md": "a"}, out)
    assert not (out / "claims").exists(), "a folder left empty is removed"


def test_unchanged_compares_size_and_bytes(tmp_path: Path) -> None:
    path = tmp_path / "f"
    assert not write.unchanged(path, b"x"), "a missing file is not unchanged"
    path.write_bytes(b"abc")
    assert write.unchanged(path, b"abc")
    assert not write.unchanged(path, b"abd") and not write.unchanged(path, b"abcd")


def test_a_swap_puts_staging_in_place_and_removes_the_old_site(tmp_path: Path) -> None:
    site, staging = tmp_path / "site", tmp_path / "staging"
    site.mkdir()
    (site / "old.html").write_text("old")
    staging.mkdir()
    (staging / "new.html").write_text("new")
    write.swap_in(staging, site)
    assert [p.name for p in site.iterdir()] == ["new.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_swap_into_nothing_just_renames(tmp_path: Path) -> None:
    staging = tmp_path / "staging"
    staging.mkdir()
    write.swap_in(staging, tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_failed_swap_restores_the_old_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site, staging = tmp_path / "site", tmp_path / "staging"
    site.mkdir()
    (site / "old.html").write_text("old")
    staging.mkdir()
    real = os.rename

    def fail_second(src: str | Path, dst: str | Path) -> None:
        if Path(src) == staging:
            raise OSError("interrupted")
        real(src, dst)

    monkeypatch.setattr(os, "rename", fail_second)
    with pytest.raises(OSError, match="interrupted"):
        write.swap_in(staging, site)
    assert (site / "old.html").read_text() == "old"


def test_a_scratch_file_is_written_with_its_folders(tmp_path: Path) -> None:
    write.write_scratch(tmp_path / "a" / "b" / "c.yml", b"x")
    assert (tmp_path / "a" / "b" / "c.yml").read_bytes() == b"x"


def test_an_append_to_a_missing_file_creates_it(tmp_path: Path) -> None:
    append_file(tmp_path / "new.yml", b"- id: a\n")
    assert (tmp_path / "new.yml").read_bytes() == b"- id: a\n"


def test_the_temporary_file_is_hidden_beside_its_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[Path] = []
    real = os.replace

    def record(src: str, dst: str) -> None:
        seen.append(Path(src))
        real(src, dst)

    monkeypatch.setattr(os, "replace", record)
    write_file(tmp_path / "claims.yml", b"x")
    [temporary] = seen
    # beside it: in the same folder, so the rename is atomic (never across file systems)
    assert temporary.parent == tmp_path, temporary
    assert temporary.name.startswith(".claims.yml.") and temporary.name.endswith(".tmp")


def test_counts_cover_every_file_of_a_tree(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    write.write_tree({"a.md": "1", "b.md": "2", "c.md": "3", "d.md": "4"}, out)
    stats = write.write_tree({"a.md": "1", "b.md": "2", "e.md": "5"}, out)
    assert (stats.written, stats.unchanged, stats.removed) == (1, 2, 2)
    assert sorted(p.name for p in out.iterdir()) == ["a.md", "b.md", "e.md"]


def test_scratch_files_share_their_folders(tmp_path: Path) -> None:
    write.write_scratch(tmp_path / "rev" / "a.yml", b"a")
    write.write_scratch(tmp_path / "rev" / "b.yml", b"b")
    assert sorted(p.name for p in (tmp_path / "rev").iterdir()) == ["a.yml", "b.yml"]
