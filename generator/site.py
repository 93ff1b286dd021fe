"""Full site builds: a strict MkDocs build into a staging folder, swapped in at the end.

A failed or interrupted build leaves the previous site exactly as it was, and
a lock keeps two builds from writing the same site at once.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from generator.write import swap_in


class SiteError(Exception):
    """A site build that failed for a reason other than the content."""


@contextlib.contextmanager
def site_lock(site_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock for one site folder; fail fast when another build holds it."""
    lock_path = site_dir.parent / f".{site_dir.name}.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise SiteError(
                f"another build of {site_dir} is running ({holder} holds {lock_path}); "
                "wait for it to finish"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def environment(**values: str) -> Iterator[None]:
    """Set environment variables for the duration of a build (read by mkdocs.yml)."""
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, old in saved.items():
            if old is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = old


def build_site(config_file: Path, site_dir: Path, offline: bool = False) -> None:
    """Build the site strictly into staging, then swap it into site_dir."""
    site_dir = site_dir.resolve()
    with site_lock(site_dir):
        staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.staging-", dir=site_dir.parent))
        try:
            flags = (
                {"BRIEFING_OFFLINE": "true", "BRIEFING_DIRECTORY_URLS": "false"} if offline else {}
            )
            with environment(NO_MKDOCS_2_WARNING="1", **flags):
                config = load_config(str(config_file), site_dir=str(staging), strict=True)
                build(config)
            swap_in(staging, site_dir)
        except MkDocsException as error:
            raise SiteError(f"the MkDocs build failed: {error}") from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)
