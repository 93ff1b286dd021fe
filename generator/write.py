"""The only disk writer: staged, atomic per file, only changed files rewritten.

Everything the tool writes goes through here: sites and page trees
(write_tree, swap_in), files in a content folder (schemas, appended
skeletons: write_file, append_file), the parse cache's private entries
(write_file with a mode), and revisions exported into scratch folders
(write_scratch).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass
class WriteStats:
    """What a write did."""

    written: int = 0
    unchanged: int = 0
    removed: int = 0

    def summary(self) -> str:
        """The counts in words."""
        return f"{self.written} written, {self.unchanged} unchanged, {self.removed} removed"


def as_bytes(content: str | bytes) -> bytes:
    """Encode text as UTF-8; leave bytes alone."""
    return content.encode("utf-8") if isinstance(content, str) else content


# Temporary files are made private; the finished file gets the mode a new file would.
UMASK = os.umask(0o022)
os.umask(UMASK)


def write_file(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write a file atomically: to a temporary name beside it, then rename.

    The file gets `mode`, else the mode it had, else the one a new file would get;
    readers never see it half written, and a failed write leaves the old one whole.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if mode is None:
        try:
            mode = path.stat().st_mode & 0o777
        except FileNotFoundError:
            mode = 0o666 & ~UMASK
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def append_file(path: Path, data: bytes) -> None:
    """Add bytes at the end of a file, atomically: the file is whole before and after."""
    existing = path.read_bytes() if path.exists() else b""
    write_file(path, existing + data)


def write_scratch(path: Path, data: bytes) -> None:
    """Write a file into a private scratch folder nobody reads while it is written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def unchanged(path: Path, data: bytes) -> bool:
    """Tell whether a file already holds exactly these bytes."""
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def write_tree(files: Mapping[str, str | bytes], out: Path) -> WriteStats:
    """Make a folder hold exactly these files, rewriting only what changed."""
    stats = WriteStats()
    encoded = {rel: as_bytes(content) for rel, content in files.items()}
    for rel, data in sorted(encoded.items()):
        path = out / rel
        if unchanged(path, data):
            stats.unchanged += 1
            continue
        write_file(path, data)
        stats.written += 1
    if out.exists():
        for path in sorted(out.rglob("*"), reverse=True):
            rel = path.relative_to(out).as_posix()
            if path.is_file() and rel not in encoded:
                path.unlink()
                stats.removed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return stats


def swap_in(staging: Path, target: Path) -> None:
    """Replace target with staging by renames, restoring target if the swap fails."""
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    had_target = target.exists()
    if had_target:
        os.rename(target, old)
    try:
        os.rename(staging, target)
    except BaseException:
        if had_target:
            os.rename(old, target)
        raise
    if had_target:
        shutil.rmtree(old, ignore_errors=True)
