"""What a long-running process (`mkdocs serve`) keeps between builds of one briefing.

Every result is kept with what it was made from (a file's bytes, a parsed
file, an article's text) and handed back only while that is still the same,
so an edit reparses, revalidates and reindexes just the files it touched.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Memo:
    """Results by key, each valid while its input is the same object or an equal one."""

    entries: dict[Hashable, tuple[Any, Any]] = field(default_factory=dict)

    def get(self, key: Hashable, made_from: Any) -> Any | None:
        """The result kept for a key, if it was made from this same input."""
        entry = self.entries.get(key)
        if entry is None or not (entry[0] is made_from or entry[0] == made_from):
            return None
        return entry[1]

    def put(self, key: Hashable, made_from: Any, result: Any) -> Any:
        """Keep a result with the input it was made from; return it."""
        self.entries[key] = (made_from, result)
        return result


@dataclass
class Reuse:
    """The memos of each stage: files parsed, validated; articles indexed; pages, linked data."""

    parsed: Memo = field(default_factory=Memo)
    validated: Memo = field(default_factory=Memo)
    indexed: Memo = field(default_factory=Memo)
    templates: Memo = field(default_factory=Memo)
    rendered: Memo = field(default_factory=Memo)
    linked_data: Memo = field(default_factory=Memo)


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
