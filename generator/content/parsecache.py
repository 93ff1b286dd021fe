"""Parsed content files kept on disk, keyed by a digest of their bytes.

Parsing the YAML is the largest part of a check. A file whose bytes (and the
parser's own code) are the same as in an earlier run gets its data back from
here instead, so repeated checks and builds skip the parser for every file an
editor did not touch. Only the data is kept, not the position of every value:
positions are needed only to report a problem, and a file with a problem
parses its text again to find them (see Parsed.reparse).

An entry holds a header, the SHA-256 of its payload and the payload, marshal
data made only of dicts, lists, strings, None and one-element tuples (a plain
scalar, PlainStr). An entry that is damaged or of another format is ignored and
written again. Entries are private to the user (0600) in a private folder (0700); a
folder owned by someone else or writable by others is not used. The folder is
~/.cache/briefing/parsed (or under $XDG_CACHE_HOME);
BRIEFING_CACHE_DIR moves it, BRIEFING_NO_CACHE=1 turns the cache off. It is
kept under CAP_BYTES by removing the entries used least recently.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import marshal
import os
import stat
from pathlib import Path
from typing import Any

import yaml

from generator.content import yamlstrict
from generator.content.yamlstrict import PlainStr
from generator.write import write_file

HEADER = b"briefing parse cache 1\n"
DIGEST_BYTES = 32
CAP_BYTES = 256 * 1024 * 1024


def cache_folder() -> Path | None:
    """Where parsed files are kept, or None when the cache is off or not safe to use."""
    if os.environ.get("BRIEFING_NO_CACHE") == "1":
        return None
    configured = os.environ.get("BRIEFING_CACHE_DIR")
    if configured:
        return private_folder(Path(configured))
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return private_folder(Path(base) / "briefing" / "parsed")


def private_folder(folder: Path) -> Path | None:
    """The folder, made private to the user (0700) if it is new; None when it cannot be
    trusted: not a real folder (a link, a file), owned by someone else, or writable by
    others, who could then plant entries a build would take for parsed content.

    A folder of ours that others may only read is made private as it is used.
    """
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(folder)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        return None
    if info.st_mode & 0o022:
        return None
    if info.st_mode & 0o077:
        with contextlib.suppress(OSError):
            os.chmod(folder, 0o700)
    return folder


@functools.cache
def parser_stamp() -> bytes:
    """What besides a file's bytes decides its parse: this format and the parser's code."""
    code = Path(yamlstrict.__file__).read_bytes() + Path(__file__).read_bytes()
    versions = f"{yaml.__version__} {getattr(yaml, '__with_libyaml__', False)}".encode()
    return HEADER + hashlib.sha256(code).digest() + versions


def key_of(data: bytes) -> str:
    """The name of the entry for a file with these bytes."""
    return hashlib.sha256(parser_stamp() + data).hexdigest()


def fetch(folder: Path, key: str) -> tuple[bool, Any]:
    """(True, data) for an intact entry; (False, None) when there is none."""
    path = folder / key
    try:
        blob = path.read_bytes()
    except OSError:
        return False, None
    start = len(HEADER) + DIGEST_BYTES
    header, digest, payload = blob[: len(HEADER)], blob[len(HEADER) : start], blob[start:]
    if header != HEADER or hashlib.sha256(payload).digest() != digest:
        return False, None
    try:
        data = decoded(marshal.loads(payload))
    except (EOFError, ValueError, TypeError, RecursionError):
        return False, None
    with contextlib.suppress(OSError):
        os.utime(path)  # marks it as recently used, for pruning
    return True, data


def store(folder: Path, key: str, data: Any) -> None:
    """Keep one file's data; a cache that cannot be written is simply not used."""
    payload = marshal.dumps(encoded(data))
    blob = HEADER + hashlib.sha256(payload).digest() + payload
    try:
        write_file(folder / key, blob, mode=0o600)
        prune(folder)
    except OSError:
        return


def prune(folder: Path, cap: int = CAP_BYTES) -> None:
    """Remove the least recently used entries while the folder holds more than cap bytes."""
    entries = []
    for entry in os.scandir(folder):
        if entry.is_file() and not entry.name.startswith("."):
            info = entry.stat()
            entries.append((info.st_mtime_ns, info.st_size, entry.path))
    total = sum(size for _, size, _ in entries)
    for _, size, path in sorted(entries):
        if total <= cap:
            break
        try:
            os.unlink(path)
        except OSError:
            continue
        total -= size


def encoded(value: Any) -> Any:
    """Parsed data in marshal's types: a plain scalar becomes a one-element tuple."""
    if isinstance(value, dict):
        return {key: encoded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [encoded(item) for item in value]
    if type(value) is PlainStr:
        return (str(value),)
    return value


def decoded(value: Any) -> Any:
    """The inverse of encoded; anything encoded never makes raises ValueError."""
    kind = type(value)
    if kind is dict:
        if not all(type(key) is str for key in value):
            raise ValueError("a key that is not text")
        return {key: decoded(item) for key, item in value.items()}
    if kind is list:
        return [decoded(item) for item in value]
    if kind is tuple and len(value) == 1 and type(value[0]) is str:
        return PlainStr(value[0])
    if kind is str or value is None:
        return value
    raise ValueError(f"unexpected {kind.__name__} in a cache entry")
