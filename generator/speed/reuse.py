"""What a long-running process (`mkdocs serve`) keeps between builds of one briefing.

Every result is kept with what it was made from (a file's bytes, a parsed
file, an article's text) and handed back only while that is still the same,
so an edit reparses, revalidates and reindexes just the files it touched.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar, cast

T = TypeVar("T")


@dataclass
class Memo:
    """Results by key, each valid while its input is the same object or an equal one.

    A memo made with `keeps=False` (`Memo.off()`) keeps nothing: it makes every result.
    """

    entries: dict[Hashable, tuple[Any, Any]] = field(default_factory=dict)
    keeps: bool = True

    @classmethod
    def off(cls) -> Memo:
        """A memo that keeps nothing, for one-shot runs."""
        return cls(keeps=False)

    def made(self, key: Hashable, made_from: Any, make: Callable[[], T]) -> T:
        """The result kept for a key if it was made from this input; else make and keep it."""
        if not self.keeps:
            return make()
        entry = self.entries.get(key)
        if entry is not None and (entry[0] is made_from or entry[0] == made_from):
            return cast(T, entry[1])
        result = make()
        self.entries[key] = (made_from, result)
        return result


NO_MEMO = Memo.off()  # shared safely: it never holds anything


@dataclass
class Reuse:
    """The memos of each stage, from parsed files to rendered pages and linked data.

    `Reuse()` keeps results between builds (a serving process); `Reuse.off()` keeps
    nothing, so a one-shot build takes the same path with no memo to consult.
    """

    parsed: Memo = field(default_factory=Memo)
    validated: Memo = field(default_factory=Memo)
    indexed: Memo = field(default_factory=Memo)
    quoted: Memo = field(default_factory=Memo)
    figured: Memo = field(default_factory=Memo)
    worded: Memo = field(default_factory=Memo)
    passages: Memo = field(default_factory=Memo)
    templates: Memo = field(default_factory=Memo)
    rendered: Memo = field(default_factory=Memo)
    linked_data: Memo = field(default_factory=Memo)
    exported: Memo = field(default_factory=Memo)
    revisions: Memo = field(default_factory=Memo)

    @classmethod
    def off(cls) -> Reuse:
        """Memos that keep nothing, for a one-shot build."""
        return cls(**{f.name: NO_MEMO for f in fields(cls)})

    @property
    def keeps(self) -> bool:
        """Tell whether results are kept between builds."""
        return self.rendered.keeps


NO_REUSE = Reuse.off()  # shared safely: its memos never hold anything


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
