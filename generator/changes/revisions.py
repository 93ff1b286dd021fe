"""The content folder at git revisions, validated file version by file version.

A commit usually touches one or two content files; every other file is the same
git blob as in its parent. `Revisions` reads a revision's files straight from git
and keeps what it made of each blob, and of each item (a claim, a source) by its
data, so walking a long history parses each file version once and validates each
version of an item once: the items a commit did not touch are the very same
objects on both sides, which lets a diff skip them at once.

Like `lenient_content`, a revision keeps whatever validated: a file that cannot be
read or parsed is left out, an item that does not validate is dropped.
"""

from __future__ import annotations

import marshal
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel

from generator.changes.git import content_files, read_blobs
from generator.content.load import (
    BRIEFING_FILE,
    CLAIMS_DIR,
    MAX_YAML_BYTES,
    MEASURES_FILE,
    QUESTIONS_FILE,
    SOURCES_FILE,
    YamlFile,
    parse_bytes,
)
from generator.content.models import Briefing, Claim, Measure, Question, Source
from generator.content.parsecache import encoded
from generator.content.validate import Content, Item, validate_item
from generator.content.yamlstrict import Parsed

KINDS: dict[str, type[BaseModel]] = {
    BRIEFING_FILE: Briefing,
    SOURCES_FILE: Source,
    MEASURES_FILE: Measure,
    QUESTIONS_FILE: Question,
}
KEPT_REVISIONS = 4  # assembled revisions kept: a commit and its parent are asked for in turn


def kind_of(parts: tuple[str, ...]) -> type[BaseModel] | None:
    """The model of a file inside the content folder (parts below it), as load_content reads it."""
    if len(parts) == 1:
        return KINDS.get(parts[0])
    if len(parts) == 2 and parts[0] == CLAIMS_DIR and parts[1].endswith((".yml", ".yaml")):
        return Claim
    return None


@dataclass
class Revisions:
    """Read the content folder at any revision, keeping what each blob and item gave."""

    content_dir: Path
    blobs: dict[tuple[str, str], list[Item[Any]]] = field(default_factory=dict)
    models: dict[bytes, BaseModel | None] = field(default_factory=dict)
    assembled: OrderedDict[str, Content] = field(default_factory=OrderedDict)

    def content_at(self, sha: str | None) -> Content:
        """The validated content at a commit; empty before the first one."""
        if sha is None:
            return Content()
        if sha not in self.assembled:
            self.assembled[sha] = self.assemble(sha)
            while len(self.assembled) > KEPT_REVISIONS:
                self.assembled.popitem(last=False)
        self.assembled.move_to_end(sha)
        return self.assembled[sha]

    def assemble(self, sha: str) -> Content:
        """Gather a revision's validated files into one Content."""
        files = self.listing(sha)
        missing = [(n, o, m) for n, o, m in files if (o, m.__name__) not in self.blobs]
        data = read_blobs([o for _, o, _ in missing], self.content_dir.parent)
        for (name, oid, model), blob in zip(missing, data, strict=True):
            self.blobs[(oid, model.__name__)] = self.items_of(model, f"{sha[:12]}:{name}", blob)
        content = Content()
        lists: dict[type[BaseModel], list[Item[Any]]] = {
            Source: content.sources,
            Measure: content.measures,
            Question: content.questions,
            Claim: content.claims,
        }
        for _, oid, model in files:
            items = self.blobs[(oid, model.__name__)]
            if model is Briefing:
                content.briefing = items[0] if items else None
            else:
                lists[model].extend(items)
        content.claims.sort(key=lambda item: (item.model.id, item.file.name, item.path))
        return content

    def listing(self, sha: str) -> list[tuple[str, str, type[BaseModel]]]:
        """The revision's content files that load_content would read: name, blob id, model."""
        found = []
        for name, oid in sorted(content_files(sha, self.content_dir)):
            parts = PurePosixPath(name).parts
            model = kind_of(parts[1:]) if parts[:1] == (self.content_dir.name,) else None
            if model is not None:
                found.append((name, oid, model))
        return found

    def items_of(self, model: type[BaseModel], name: str, blob: bytes) -> list[Item[Any]]:
        """The valid items of one file version; none when it cannot be read or parsed."""
        if len(blob) > MAX_YAML_BYTES:
            return []
        file, problems = parse_bytes(blob, name)
        if file is None or problems:
            return []
        data = file.parsed.data
        light = YamlFile(name, "", Parsed(None))  # the items need no text: nothing is reported
        entries: list[tuple[tuple[int, ...], Any]]
        if model is Briefing:
            entries = [((), data)] if isinstance(data, dict) else []
        else:
            entries = [((i,), e) for i, e in enumerate(data)] if isinstance(data, list) else []
        items = []
        for path, entry in entries:
            valid = self.model_of(model, file, path, entry)
            if valid is not None:
                items.append(Item(valid, light, path))
        return items

    def model_of(
        self, model: type[BaseModel], file: YamlFile, path: tuple[int, ...], entry: Any
    ) -> BaseModel | None:
        """An item's model, validated once per distinct data (None when it does not validate)."""
        try:
            key = model.__name__.encode() + b"\0" + marshal.dumps(encoded(entry))
        except ValueError:  # not plain data: validate it without keeping it
            return validate_item(model, file, path, entry)[0]
        if key not in self.models:
            self.models[key] = validate_item(model, file, path, entry)[0]
        return self.models[key]
