"""Archive a news page as a source: its text in the seeds folder, its page beside it, and a
new entry in sources.yml.

Everything is worked out before anything is written: a free id, the text and its
SHA-256, the entry (appended as text to sources.yml, which must parse again with the
old sources followed by the new one). Then the text, the raw page and sources.yml are
written, each atomically, sources.yml last, so an entry never names a missing text.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.content.check import Settings
from generator.content.extract import Extracted
from generator.content.fetch import Page
from generator.content.load import (
    MAX_ARTICLE_BYTES,
    SOURCES_FILE,
    article_path_problem,
    display_name,
)
from generator.content.models import MAX_ID, Source
from generator.content.pagemeta import Metadata
from generator.content.validate import Content
from generator.content.yamledit import appended_text
from generator.content.yamlstrict import parse_yaml
from generator.errors import BriefingError, Problem, Span
from generator.write import write_file

SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
RESERVED = {"index"}
MAX_SUGGESTED = 48  # characters of a suggested id, before any -2, -3 ...
TITLE_WORDS = 4
SKIPPED_WORDS = frozenset(
    ("a", "an", "the", "of", "in", "on", "to", "for", "and", "at", "by", "with", "from", "as")
)
RAW_FOLDER = "raw"
REQUIRED = ("title", "publisher", "published")
SAFE_COMMENT = re.compile(r"^[A-Za-z0-9_./ -]+$")


@dataclass
class Plan:
    """An import worked out in full, nothing written yet."""

    ident: str
    text_file: Path
    raw_file: Path
    text: str
    raw: bytes
    sources_file: Path
    sources_text: str
    line: int
    warnings: list[Problem] = field(default_factory=list)

    @property
    def paragraphs(self) -> int:
        """How many paragraphs the archived text holds."""
        return len(self.text.split("\n\n"))


def slug_words(text: str | None) -> list[str]:
    """The words of a text as lower-case ASCII slug parts."""
    folded = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return re.findall(r"[a-z0-9]+", folded.lower())


def suggested_id(meta: Metadata) -> str:
    """An id that says what the source is: publisher, date, the headline's first words."""
    publisher = [w for w in slug_words(meta.publisher) if w not in SKIPPED_WORDS][:1]
    title = [w for w in slug_words(meta.title) if w not in SKIPPED_WORDS][:TITLE_WORDS]
    parts = [*publisher, *([meta.published] if meta.published else []), *title]
    slug = ""
    for part in parts:
        if len(slug) + len(part) + 1 > MAX_SUGGESTED:
            break
        slug = f"{slug}-{part}" if slug else part
    return slug or "source"


def free_id(base: str, taken: Callable[[str], bool]) -> str:
    """The base id, or the first of base-2, base-3, ... that is not taken."""
    n = 1
    ident = base
    while taken(ident):
        n += 1
        ident = f"{base[: MAX_ID - len(str(n)) - 1]}-{n}"
    return ident


def relative_to_root(path: Path, root: Path) -> str:
    """A path as sources.yml writes it: relative to the briefing folder, with slashes."""
    return Path(os.path.relpath(path.resolve(), root.resolve())).as_posix()


def quoted(value: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is a subset of it)."""
    return json.dumps(value, ensure_ascii=False)


def entry_lines(ident: str, meta: Metadata, text_path: str, digest: str, raw: str) -> list[str]:
    """The new source entry, field by field; a required field not found is left empty."""
    hint = "  # not found in the page: fill it in"
    comment = [f"# Imported; the page as fetched: {raw}"] if SAFE_COMMENT.match(raw) else []
    lines = [*comment, f"- id: {ident}"]
    lines.append(f"  title: {quoted(meta.title)}" if meta.title else f'  title: ""{hint}')
    publisher = f"  publisher: {quoted(meta.publisher)}" if meta.publisher else None
    lines.append(publisher or f'  publisher: ""{hint}')
    if meta.author:
        lines.append(f"  author: {quoted(meta.author)}")
    if meta.url:
        lines.append(f"  url: {quoted(meta.url)}")
    date_hint = f"{hint} (YYYY-MM-DD, YYYY-MM or YYYY)"
    lines.append(
        f"  published: {meta.published}" if meta.published else f'  published: ""{date_hint}'
    )
    lines.append(f"  text: {quoted(text_path)}")
    lines.append(f"  sha256: {digest}")
    return lines


def problem(
    name: str, message: str, code: str, got: str | None = None, hint: str | None = None
) -> Problem:
    """A problem with the import as a whole, at the start of a file."""
    return Problem(span=Span(name, 1, 1), field="", message=message, code=code, got=got, hint=hint)


def page_problem(page: Page, message: str, code: str, hint: str | None = None) -> Problem:
    """A problem with a page: a file is pointed at, a URL is shown (it has no lines)."""
    if page.url is None:
        return problem(page.name, message, code, hint=hint)
    return Problem(span=None, field="", message=message, code=code, got=page.name, hint=hint)


def id_problems(wanted: str, content: Content, exists: Callable[[str], bool]) -> list[Problem]:
    """Why an id asked for with --id cannot be used."""
    if not SLUG.match(wanted) or len(wanted) > MAX_ID or wanted in RESERVED:
        message = (
            f"expected a slug: a-z, 0-9, '-' and '_', at most {MAX_ID} characters, not 'index'"
        )
        return [Problem(span=None, field="--id", message=message, code="import-id", got=wanted)]
    for item in content.sources:
        if item.model.id == wanted:
            hint = "choose another --id, or leave --id out for a free one"
            return [item.problem(("id",), "this id is taken", "import-id-taken", wanted, hint)]
    if wanted in content.broken_ids or exists(wanted):
        message = "this id is taken (by an entry or by a file in the seeds folder)"
        return [
            Problem(span=None, field="--id", message=message, code="import-id-taken", got=wanted)
        ]
    return []


def text_problems(text: str, page: Page, content: Content) -> list[Problem]:
    """Why the extracted text cannot be archived."""
    if not text.strip():
        hint = "save the page once it has loaded in full, or copy its text into seeds/ by hand"
        return [page_problem(page, "found no article text in the page", "import-empty", hint)]
    size = len(text.encode("utf-8"))
    if size > MAX_ARTICLE_BYTES:
        message = f"the article text is {size:,} bytes; at most {MAX_ARTICLE_BYTES:,} are read"
        return [page_problem(page, message, "import-too-large")]
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    for item in content.sources:
        if item.model.sha256 == digest:
            message = "the page's text is archived already, as this source"
            hint = "nothing to import; delete this entry and its text first to import it again"
            return [item.problem(("sha256",), message, "import-duplicate", item.model.id, hint)]
    return []


def missing_fields(parsed: Any, index: int, name: str, meta: Metadata) -> list[Problem]:
    """A warning for each required field the page did not give, and for a guessed date."""
    found = []
    if meta.guessed_date:
        message = "guessed from the page's text (it declares no publication date); check it"
        span = parsed.span((index, "published")) or Span(name, 1, 1)
        field = f"[{index}].published"
        found.append(
            Problem(
                span=span,
                field=field,
                message=message,
                code="import-guessed-date",
                severity="warning",
            )
        )
    for key in REQUIRED:
        if parsed.data[index].get(key) == "":
            span = parsed.span((index, key))
            found.append(
                Problem(
                    span=span or Span(name, 1, 1),
                    field=f"[{index}].{key}",
                    message="not found in the page; fill it in before `briefing check`",
                    code="import-missing",
                    severity="warning",
                )
            )
    return found


def entry_problems(parsed: Any, index: int, name: str) -> list[Problem]:
    """The new entry must be a valid source once its missing fields are filled in."""
    item = {k: ("x" if v == "" else v) for k, v in parsed.data[index].items()}
    if item.get("published") == "x":
        item["published"] = "2000"
    try:
        Source.model_validate(item)
    except ValueError as error:
        return [problem(name, f"the new entry is not a valid source: {error}", "import-entry")]
    return []


def plan_import(
    page: Page, extracted: Extracted, target: Settings, content: Content, wanted: str | None = None
) -> Plan:
    """Work out an import in full, or raise BriefingError with every problem."""
    root = target.root
    sources_file = target.content_dir / SOURCES_FILE
    seeds = target.seeds_dir
    raw_dir = seeds / RAW_FOLDER

    def exists(ident: str) -> bool:
        files = (seeds / f"{ident}.txt", raw_dir / f"{ident}.html")
        return any(f.exists() or f.is_symlink() for f in files)

    taken_ids = {s.model.id for s in content.sources} | content.broken_ids | RESERVED
    problems = text_problems(extracted.text, page, content)
    if wanted is not None:
        problems += id_problems(wanted, content, exists)
    if problems:
        raise BriefingError(problems, content_texts(content))
    meta = extracted.meta
    ident = wanted or free_id(suggested_id(meta), lambda i: i in taken_ids or exists(i))
    text_file, raw_file = seeds / f"{ident}.txt", raw_dir / f"{ident}.html"
    text_path = relative_to_root(text_file, root)
    wrong = article_path_problem(text_path, root.resolve(), seeds.resolve())
    if wrong:
        hint = "keep the seeds folder inside the briefing folder (the parent of the content folder)"
        raise BriefingError([problem(display_name(seeds), wrong, "import-seeds", text_path, hint)])
    digest = hashlib.sha256(extracted.text.encode("utf-8")).hexdigest()
    lines = entry_lines(ident, meta, text_path, digest, relative_to_root(raw_file, root))
    done = appended_text(sources_file, "\n".join(lines) + "\n")
    name = display_name(sources_file)
    parsed, _ = parse_yaml(done.text.removeprefix("\ufeff"), name)
    index = len(parsed.data) - 1
    invalid = entry_problems(parsed, index, name)
    if invalid:
        raise BriefingError(invalid)
    return Plan(
        ident=ident,
        text_file=text_file,
        raw_file=raw_file,
        text=extracted.text,
        raw=page.raw,
        sources_file=sources_file,
        sources_text=done.text,
        line=done.line,
        warnings=missing_fields(parsed, index, name, meta),
    )


def content_texts(content: Content) -> dict[str, str]:
    """The text of sources.yml, for excerpts in reports."""
    if not content.sources:
        return {}
    file = content.sources[0].file
    return {file.name: file.text}


def write_import(plan: Plan) -> None:
    """Write the text, the raw page, then sources.yml; take the new files back on failure."""
    written: list[Path] = []
    try:
        for path, data in ((plan.text_file, plan.text.encode("utf-8")), (plan.raw_file, plan.raw)):
            write_file(path, data)
            written.append(path)
        write_file(plan.sources_file, plan.sources_text.encode("utf-8"))
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
