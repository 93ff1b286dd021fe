"""What a long-running process (`mkdocs serve`) keeps between builds of one briefing.

Every result is kept with what it was made from (a file's bytes, a parsed
file, an article's text) and handed back only while that is still the same,
so an edit reparses, revalidates and reindexes just the files it touched.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

T = TypeVar("T")


@dataclass
class Memo:
    """Results by key, each valid while its input is the same object or an equal one."""

    entries: dict[Hashable, tuple[Any, Any]] = field(default_factory=dict)

    def made(self, key: Hashable, made_from: Any, make: Callable[[], T]) -> T:
        """The result kept for a key if it was made from this input; else make and keep it."""
        entry = self.entries.get(key)
        if entry is not None and (entry[0] is made_from or entry[0] == made_from):
            return cast(T, entry[1])
        result = make()
        self.entries[key] = (made_from, result)
        return result


def made(memo: Memo | None, key: Hashable, made_from: Any, make: Callable[[], T]) -> T:
    """Take a result from a memo when there is one; else just make it."""
    return memo.made(key, made_from, make) if memo is not None else make()


@dataclass
class Reuse:
    """The memos of each stage, from parsed files to rendered pages and linked data."""

    parsed: Memo = field(default_factory=Memo)
    validated: Memo = field(default_factory=Memo)
    indexed: Memo = field(default_factory=Memo)
    quoted: Memo = field(default_factory=Memo)
    worded: Memo = field(default_factory=Memo)
    passages: Memo = field(default_factory=Memo)
    templates: Memo = field(default_factory=Memo)
    rendered: Memo = field(default_factory=Memo)
    linked_data: Memo = field(default_factory=Memo)
    exported: Memo = field(default_factory=Memo)


def tree_stamp(folders: Iterable[str | Path]) -> str:
    """A digest of the names, sizes and times of every file under some folders."""
    digest = hashlib.sha256()
    for folder in folders:
        for top, dirs, names in os.walk(folder):
            dirs.sort()
            for name in sorted(names):
                path = Path(top, name)
                try:
                    info = path.stat()
                except OSError:
                    continue
                digest.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()
