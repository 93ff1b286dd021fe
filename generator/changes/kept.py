"""What each commit changed, kept on disk so that history costs nothing after the first build.

A commit never changes, so what it changed in the content against its first parent
(a Diff) is fixed by its id, the content folder's place in the repository and the
code that reads and compares content. Each diff is kept under a key made of those,
in the parse cache's private folder (see content.parsecache: same folder, same
rules, same size cap, an entry header of its own so neither takes the other's
entries). An entry holds a header, the SHA-256 of its payload and the payload,
JSON of text, lists and null only; one that is damaged or of another shape is
ignored and made again.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.changes.diff import ClaimChange, ClaimSummary, Diff, SourceSummary
from generator.content import parsecache
from generator.write import write_file

HEADER = b"briefing history 1\n"
DIGEST_BYTES = 32


@functools.cache
def code_stamp() -> bytes:
    """A digest of the package's code: any change to it may change a diff or its text."""
    digest = hashlib.sha256(HEADER)
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.digest()


def key_of(place: str, sha: str) -> str:
    """The entry's name for a commit's diff of the content folder at `place` in its repository."""
    return hashlib.sha256(code_stamp() + place.encode() + b"\0" + sha.encode()).hexdigest()


def kept_diff(place: str, sha: str, make: Callable[[], Diff]) -> Diff:
    """The commit's diff from the disk if it is there, else made now and kept."""
    folder = parsecache.cache_folder()
    if folder is None:
        return make()
    key = key_of(place, sha)
    found = fetch(folder, key)
    if found is not None:
        return found
    diff = make()
    store(folder, key, diff)
    return diff


def fetch(folder: Path, key: str) -> Diff | None:
    """The diff of an intact entry, or None."""
    try:
        blob = (folder / key).read_bytes()
    except OSError:
        return None
    start = len(HEADER) + DIGEST_BYTES
    header, digest, payload = blob[: len(HEADER)], blob[len(HEADER) : start], blob[start:]
    if header != HEADER or hashlib.sha256(payload).digest() != digest:
        return None
    try:
        return diff_from(json.loads(payload))
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def store(folder: Path, key: str, diff: Diff) -> None:
    """Keep one commit's diff; a folder that cannot be written is simply not used."""
    payload = json.dumps(diff_data(diff), ensure_ascii=False).encode("utf-8")
    try:
        write_file(folder / key, HEADER + hashlib.sha256(payload).digest() + payload, mode=0o600)
        parsecache.prune(folder)
    except OSError:
        return


def diff_data(diff: Diff) -> dict[str, Any]:
    """A diff as JSON-ready data."""
    return {
        "claims_added": [summary_data(c) for c in diff.claims_added],
        "claims_removed": [summary_data(c) for c in diff.claims_removed],
        "claims_changed": [
            [summary_data(c.old), summary_data(c.new), list(c.fields), c.replacement]
            for c in diff.claims_changed
        ],
        "sources_added": [[s.id, s.title, s.publisher, s.published] for s in diff.sources_added],
        "sources_removed": [
            [s.id, s.title, s.publisher, s.published] for s in diff.sources_removed
        ],
        "sources_changed": [[ident, list(fields)] for ident, fields in diff.sources_changed],
        "measures_added": diff.measures_added,
        "measures_removed": diff.measures_removed,
        "questions_added": diff.questions_added,
        "questions_removed": diff.questions_removed,
        "briefing_changed": list(diff.briefing_changed),
        "measures": {ident: list(words) for ident, words in diff.measures.items()},
    }


def summary_data(claim: ClaimSummary) -> list[str | None]:
    """A claim summary as a list, in field order."""
    return [
        claim.id,
        claim.claimant,
        claim.statement,
        claim.figure,
        claim.status,
        claim.measure or "",
        claim.date or "",
        claim.superseded_by,
    ]


def texts(value: Any, size: int | None = None, optional_last: bool = False) -> list[str]:
    """A list of strings (of a given length), or ValueError; the last may be None if allowed."""
    if not isinstance(value, list) or (size is not None and len(value) != size):
        raise ValueError("not a list of the expected length")
    for n, item in enumerate(value):
        if not isinstance(item, str) and not (
            optional_last and n == len(value) - 1 and item is None
        ):
            raise ValueError("not text")
    return value


def summary_from(value: Any) -> ClaimSummary:
    """A claim summary from its list."""
    fields = texts(value, 8, optional_last=True)
    ident, claimant, statement, figure, status, measure, date, superseded = fields
    return ClaimSummary(
        ident, claimant, statement, figure, status, superseded, measure or None, date or None
    )


def source_from(value: Any) -> SourceSummary:
    """A source summary from its list."""
    return SourceSummary(*texts(value, 4))


def change_from(value: Any) -> ClaimChange:
    """A claim change from its list: old, new, fields."""
    if not isinstance(value, list) or len(value) != 4 or not isinstance(value[3], str):
        raise ValueError("not a claim change")
    old, new = summary_from(value[0]), summary_from(value[1])
    return ClaimChange(old, new, tuple(texts(value[2])), value[3])


def field_change_from(value: Any) -> tuple[str, tuple[str, ...]]:
    """A changed source: its id and the fields that changed."""
    if not isinstance(value, list) or len(value) != 2 or not isinstance(value[0], str):
        raise ValueError("not a source change")
    return value[0], tuple(texts(value[1]))


def diff_from(data: Any) -> Diff:
    """The inverse of diff_data; anything diff_data never makes raises ValueError."""
    if not isinstance(data, dict):
        raise ValueError("not a diff")
    return Diff(
        claims_added=[summary_from(c) for c in data["claims_added"]],
        claims_removed=[summary_from(c) for c in data["claims_removed"]],
        claims_changed=[change_from(c) for c in data["claims_changed"]],
        sources_added=[source_from(s) for s in data["sources_added"]],
        sources_removed=[source_from(s) for s in data["sources_removed"]],
        sources_changed=[field_change_from(s) for s in data["sources_changed"]],
        measures_added=texts(data["measures_added"]),
        measures_removed=texts(data["measures_removed"]),
        questions_added=texts(data["questions_added"]),
        questions_removed=texts(data["questions_removed"]),
        briefing_changed=tuple(texts(data["briefing_changed"])),
        measures=measures_from(data["measures"]),
    )


def measures_from(value: Any) -> dict[str, tuple[str, str]]:
    """The label and unit of each measure, by id."""
    if not isinstance(value, dict):
        raise ValueError("not a mapping of measures")
    found = {}
    for ident, words in value.items():
        label, unit = texts(words, 2)
        found[str(ident)] = (label, unit)
    return found
