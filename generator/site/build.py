"""Full site builds: a strict MkDocs build into a staging folder, scanned, swapped in at the end.

A failed, refused or interrupted build leaves the previous site exactly as it
was, and a lock keeps two builds from writing the same site at once.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime
import fcntl
import logging
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException, PluginError

from generator.content.check import Checked, Settings
from generator.errors import Problem
from generator.report import headline
from generator.site.plugin import BriefingPlugin, Progress, Silent
from generator.site.scan import scan_site
from generator.write import swap_in

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@dataclass(frozen=True)
class Folders:
    """Where a MkDocs config puts a briefing's content, article texts and sites."""

    content: Path
    seeds: Path
    site: Path

    @property
    def offline_site(self) -> Path:
        """The offline site's default folder: beside the site, e.g. site-offline/."""
        return self.site.with_name(f"{self.site.name}-offline")


def config_folders(config_file: Path) -> Folders:
    """Read the briefing plugin's folders and the site folder, all relative to the config file."""
    config = load_config(str(config_file))
    plugin = config.plugins.get("briefing")
    if not isinstance(plugin, BriefingPlugin):
        raise PluginError(f"{config_file} does not use the briefing plugin")
    root = config_file.resolve().parent
    content, seeds = root / plugin.config.content_dir, root / plugin.config.seeds_dir
    return Folders(content, seeds, root / config.site_dir)


class SiteError(Exception):
    """A site build that failed for a reason other than the content."""

    def __init__(self, message: str, findings: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.findings = list(findings)


def lock_path(site_dir: Path) -> Path:
    """The lock file of one site folder, beside it."""
    return site_dir.parent / f".{site_dir.name}.lock"


@contextlib.contextmanager
def site_lock(site_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock for one site folder; fail fast when another build holds it.

    The lock file is removed when the build ends. A build that opened the file just
    before it was removed finds its lock on a file no longer there and takes the new one.
    """
    path = lock_path(site_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = locked(path, site_dir)
    with handle:
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            path.unlink(missing_ok=True)
            fcntl.flock(handle, fcntl.LOCK_UN)


def locked(path: Path, site_dir: Path) -> IO[str]:
    """Open and lock the lock file that is at `path` now (not one removed meanwhile)."""
    while True:
        handle = open(path, "a+")  # noqa: SIM115 - the caller closes it
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise SiteError(
                f"another build of {site_dir} is running ({holder} holds {path}); "
                "wait for it to finish"
            ) from None
        try:
            if os.stat(path).st_ino == os.fstat(handle.fileno()).st_ino:
                return handle
        except FileNotFoundError:
            pass
        handle.close()


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


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back while the site is swapped, so it is never half-swapped.

    A stop request that arrives meanwhile is dropped: by then the build is complete.
    """
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        while signal.sigpending() & set(STOP_SIGNALS):
            signal.sigtimedwait(STOP_SIGNALS, 0)
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def source_date_epoch(as_of: str) -> str:
    """The end of the as_of period (YYYY, YYYY-MM or YYYY-MM-DD) as a Unix time, midnight UTC."""
    parts = [int(p) for p in as_of.split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    day = parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1]
    moment = datetime.datetime(year, month, day, tzinfo=datetime.UTC)
    return str(int(moment.timestamp()))


def build_environment(offline: bool, as_of: str | None) -> dict[str, str]:
    """Environment for MkDocs: offline switches, and build dates taken from the content."""
    values = {"NO_MKDOCS_2_WARNING": "1"}
    if offline:
        values |= {"BRIEFING_OFFLINE": "true", "BRIEFING_DIRECTORY_URLS": "false"}
    if as_of and "SOURCE_DATE_EPOCH" not in os.environ:
        values["SOURCE_DATE_EPOCH"] = source_date_epoch(as_of)
    return values


def remove_leftovers(site_dir: Path) -> None:
    """Delete staging and old folders that a killed build (SIGKILL, power loss) left behind."""
    for pattern in (f".{site_dir.name}.staging-*", f".{site_dir.name}.old-*"):
        for path in site_dir.parent.glob(pattern):
            shutil.rmtree(path, ignore_errors=True)


def declared_scripts(config: MkDocsConfig) -> frozenset[str]:
    """Script URLs the MkDocs config itself adds to pages (after plugins ran on_config)."""
    polyfills = config.extra.get("polyfills") or []
    scripts = [*config.extra_javascript, *polyfills]
    return frozenset(str(getattr(s, "path", s)) for s in scripts)


def site_root(config: MkDocsConfig) -> str:
    """The path the site is published under: site_url's, or '/'."""
    path = urlsplit(config.site_url or "").path or "/"
    return path if path.endswith("/") else path + "/"


def scan_staging(staging: Path, site_dir: Path, scripts: frozenset[str], root: str = "/") -> None:
    """Refuse a build whose pages hold live markup that the theme did not write."""
    findings = scan_site(staging, shown_as=str(site_dir), config_scripts=scripts, root=root)
    if findings:
        lines = "\n".join(headline(f) for f in findings[:50])
        raise SiteError(
            f"the built site failed the markup scan ({len(findings)} finding(s)):\n{lines}",
            findings,
        )


class Collected(logging.Handler):
    """Keep MkDocs' warnings and errors, so a failed build can say why it failed."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Record one message."""
        self.messages.append(f"  {record.levelname.lower()}: {record.getMessage()}")


@contextlib.contextmanager
def mkdocs_messages() -> Iterator[list[str]]:
    """Collect what MkDocs logs during a build (its own CLI would print it)."""
    handler = Collected()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)


def build_site(
    config_file: Path,
    site_dir: Path,
    offline: bool = False,
    as_of: str | None = None,
    progress: Progress | None = None,
    checked: tuple[Settings, Checked] | None = None,
) -> None:
    """Build the site strictly into staging, scan it, then swap it into site_dir.

    `checked`: the briefing's content as the caller just checked it, with its settings;
    the build then does not check it again.
    """
    site_dir = site_dir.resolve()
    env = build_environment(offline, as_of)
    with mkdocs_messages() as messages:
        try:
            with site_lock(site_dir):
                remove_leftovers(site_dir)
                stage_and_swap(config_file, site_dir, env, progress or Silent(), checked)
        except MkDocsException as error:
            why = "".join(f"\n{m}" for m in dict.fromkeys(messages))
            raise SiteError(f"the MkDocs build failed: {error}{why}") from None
        except OSError as error:
            where = f" ({error.filename})" if error.filename else ""
            raise SiteError(f"cannot write the site: {error.strerror or error}{where}") from None


def stage_and_swap(
    config_file: Path,
    site_dir: Path,
    env: dict[str, str],
    progress: Progress,
    checked: tuple[Settings, Checked] | None = None,
) -> None:
    """Build into a fresh staging folder beside site_dir; swap it in only when it is good."""
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.staging-", dir=site_dir.parent))
    try:
        with environment(**env), progress.phase("mkdocs"):
            config = load_config(str(config_file), site_dir=str(staging), strict=True)
            plugin = config.plugins.get("briefing")
            if isinstance(plugin, BriefingPlugin):
                plugin.progress = progress
                plugin.prechecked = checked
            build(config)
        with progress.phase("scan"):
            scan_staging(staging, site_dir, declared_scripts(config), site_root(config))
        os.chmod(staging, 0o755)  # mkdtemp makes it private; a site is meant to be read
        with progress.phase("swap"), signals_deferred():
            swap_in(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
