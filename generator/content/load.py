"""Read the content folder and the article texts, safely and with positions."""

from __future__ import annotations

import functools
import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from generator.content import parsecache
from generator.content.yamlstrict import Parsed, parse_yaml
from generator.errors import LINE_BREAK, Problem, Span
from generator.speed.reuse import NO_MEMO, Memo

MAX_YAML_BYTES = 20 * 1024 * 1024
MAX_ARTICLE_BYTES = 2 * 1024 * 1024

BRIEFING_FILE = "briefing.yml"
SOURCES_FILE = "sources.yml"
MEASURES_FILE = "measures.yml"
QUESTIONS_FILE = "questions.yml"
CLAIMS_DIR = "claims"


@dataclass
class YamlFile:
    """One content file: its display name, text and parsed data."""

    name: str
    text: str
    parsed: Parsed


@dataclass
class RawContent:
    """Every content file of a briefing, parsed but not yet validated."""

    briefing: YamlFile | None = None
    sources: YamlFile | None = None
    measures: YamlFile | None = None
    questions: YamlFile | None = None
    claims: list[YamlFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)


def display_name(path: Path) -> str:
    """Name a file relative to the working folder when it lies inside it."""
    try:
        return str(path.resolve().relative_to(resolved(os.getcwd())))
    except (ValueError, OSError, RuntimeError):  # outside, or a symbolic link loop
        return str(path)


@functools.lru_cache(maxsize=64)
def resolved(folder: str) -> Path:
    """A folder's real path; folders named again and again (the working folder, the
    briefing and seeds folders) are resolved once per run of the article checks."""
    return Path(folder).resolve()


def position_of(data: bytes, offset: int) -> tuple[int, int]:
    """Return the 1-based line and column of a byte offset, counting lines as YAML does."""
    lines = LINE_BREAK.split(data[:offset].decode("utf-8", errors="replace"))
    return len(lines), len(lines[-1]) + 1


def is_utf16(data: bytes) -> bool:
    """Tell UTF-16 by its byte order mark, or by a NUL as the second byte of ASCII text."""
    return data.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(data) > 1 and data[1:2] == b"\x00")


def shown_text(data: bytes) -> str:
    """Decode as much as can be shown in an error excerpt, one character per bad byte."""
    if is_utf16(data):
        return ""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return data.decode("utf-8", errors="replace").replace("\x00", "\ufffd")


def decode_text(data: bytes, name: str) -> tuple[str | None, list[Problem]]:
    """Decode UTF-8 strictly; a UTF-8 BOM is accepted, UTF-16 and NUL bytes are not."""
    if is_utf16(data):
        return None, [
            Problem(
                span=Span(name, 1, 1),
                field="",
                message="the file is UTF-16 encoded; expected UTF-8",
                code="encoding",
                hint="save the file as UTF-8",
            )
        ]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = position_of(data, nul)
        hint = "text files never hold NUL bytes; is this a binary file?"
        return None, [
            Problem(
                span=Span(name, line, col),
                field="",
                message="NUL byte in the file",
                code="encoding",
                hint=hint,
            )
        ]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line, col = position_of(data, error.start)
        bad = data[error.start : error.start + 4].hex(" ")
        problem = Problem(
            span=Span(name, line, col),
            field="",
            message=f"not valid UTF-8 (bytes {bad})",
            code="encoding",
            hint="save the file as UTF-8",
        )
        return None, [problem]


def read_bytes(path: Path, name: str, limit: int) -> tuple[bytes | None, list[Problem]]:
    """Read a regular file no larger than limit (checked again after opening)."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # before open(), which blocks on a FIFO
            return None, [
                Problem(span=Span(name, 1, 1), field="", message="not a regular file", code="io")
            ]
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            data = handle.read(limit + 1) if size <= limit else b""
    except OSError as error:
        return None, [
            Problem(
                span=Span(name, 1, 1), field="", message=f"cannot read: {error.strerror}", code="io"
            )
        ]
    if size > limit or len(data) > limit:
        message = f"the file is {max(size, len(data)):,} bytes; at most {limit:,} are read"
        return None, [Problem(span=Span(name, 1, 1), field="", message=message, code="too-large")]
    return data, []


def read_yaml(path: Path, memo: Memo = NO_MEMO) -> tuple[YamlFile | None, list[Problem]]:
    """Read and parse one content file; a file that cannot be decoded keeps a text to show.

    With a memo, a file whose bytes are unchanged since the last read is not parsed again.
    """
    name = display_name(path)
    data, problems = read_bytes(path, name, MAX_YAML_BYTES)
    if data is None:
        return None, problems
    return memo.made(name, data, lambda: parse_bytes(data, name))


def parse_bytes(data: bytes, name: str) -> tuple[YamlFile | None, list[Problem]]:
    """Decode and parse the bytes of one content file."""
    text, problems = decode_text(data, name)
    if text is None:
        return YamlFile(name, shown_text(data), Parsed(None)), problems
    parsed, problems = parse_cached(data, text, name)
    return YamlFile(name, text, parsed), problems


def parse_cached(data: bytes, text: str, name: str) -> tuple[Parsed, list[Problem]]:
    """Parse a file's text, or take its data from the parse cache if these bytes parsed before.

    Only files that parsed without a problem are kept in the cache.
    """
    folder = parsecache.cache_folder()
    if folder is None:
        return parse_yaml(text, name)
    key = parsecache.key_of(data)
    found, value = parsecache.fetch(folder, key)
    if found:
        return Parsed(value, name, reparse=lambda: parse_yaml(text, name)[0]), []
    parsed, problems = parse_yaml(text, name)
    if not problems:
        parsecache.store(folder, key, parsed.data)
    return parsed, problems


def load_content(content_dir: Path, memo: Memo = NO_MEMO) -> RawContent:
    """Read every content file of a briefing folder, collecting problems."""
    raw = RawContent()
    if not content_dir.is_dir():
        name = display_name(content_dir)
        raw.problems.append(
            Problem(span=Span(name, 1, 1), field="", message="no such folder", code="io")
        )
        return raw

    def take(path: Path, kind: str, required: bool) -> YamlFile | None:
        """Read one file; a file that cannot be parsed marks its kind as unreadable."""
        if not path.exists() and not path.is_symlink():
            if required:
                message = f"missing required file {path.name}"
                raw.problems.append(
                    Problem(
                        span=Span(display_name(path), 1, 1), field="", message=message, code="io"
                    )
                )
                raw.unreadable.add(kind)
            return None
        loaded, problems = read_yaml(path, memo)
        raw.problems.extend(problems)
        if loaded is None and not problems:
            return None
        if loaded is not None:
            raw.texts[loaded.name] = loaded.text
        if problems:
            raw.unreadable.add(kind)
            return None
        return loaded

    raw.briefing = take(content_dir / BRIEFING_FILE, "briefing", True)
    raw.sources = take(content_dir / SOURCES_FILE, "source", True)
    raw.measures = take(content_dir / MEASURES_FILE, "measure", False)
    raw.questions = take(content_dir / QUESTIONS_FILE, "question", False)
    claims_dir = content_dir / CLAIMS_DIR
    for path in sorted([*claims_dir.glob("*.yml"), *claims_dir.glob("*.yaml")]):
        loaded = take(path, "claim", True)
        if loaded is not None:
            raw.claims.append(loaded)
    return raw


def article_path_problem(text_path: str, root: Path, seeds_dir: Path) -> str | None:
    """Explain why an article path is not a plain file inside the seeds folder, or None."""
    if not text_path or "\x00" in text_path:
        return "expected a file path"
    if text_path.startswith(("/", "\\")) or os.path.isabs(text_path) or ":" in text_path:
        return "expected a path relative to the briefing folder, not an absolute path"
    parts = Path(text_path).parts
    if ".." in parts:
        return "'..' is not allowed in a text path"
    try:
        return placement_problem(parts, root, seeds_dir)
    except OSError as error:  # e.g. a name longer than the file system allows
        return f"cannot use this path: {error.strerror or error}"
    except RuntimeError:  # Path.resolve() on a symbolic link loop (Python < 3.13)
        return "cannot use this path: a symbolic link loop"


def placement_problem(parts: tuple[str, ...], root: Path, seeds_dir: Path) -> str | None:
    """Explain why a relative path does not name a file inside the seeds folder, or None."""
    seeds = resolved(str(seeds_dir))
    if seeds not in (root.joinpath(*parts)).resolve().parents:
        return f"expected a file inside the seeds folder ({display_name(seeds_dir)})"
    current = resolved(str(root))
    for part in parts:
        current = current / part
        if current.is_symlink():
            return f"symbolic links are not allowed ({display_name(current)})"
    return None


@dataclass(frozen=True)
class Article:
    """An article text as read: the text (None when unusable), its digest, what to show."""

    text: str | None
    sha256: str | None = None
    shown: str | None = None
    problems: list[Problem] = field(default_factory=list)
    name: str = ""  # the file as reports name it


def read_article(path: Path, name: str) -> Article:
    """Read one article text: a regular UTF-8 file, not empty, within the size cap."""
    data, problems = read_bytes(path, name, MAX_ARTICLE_BYTES)
    if data is None:
        return Article(None, problems=problems)
    digest = hashlib.sha256(data).hexdigest()
    text, problems = decode_text(data, name)
    if text is None:
        return Article(None, digest, shown_text(data), problems)
    if not text.strip():
        problem = Problem(
            span=Span(name, 1, 1), field="", message="the article text is empty", code="empty-text"
        )
        return Article(None, digest, text, [problem])
    return Article(text, digest, text)
