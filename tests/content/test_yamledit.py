"""YAML list edits: items appended as text, comments and layout kept, a lone [] replaced, the
result parsed again before the file is written, and a file that cannot take them left alone."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content.yamledit import append_items
from generator.content.yamlstrict import parse_yaml
from generator.errors import BriefingError

NEW = "# New source\n- id: b  # the id\n  title: B\n"


def appended(tmp_path: Path, before: bytes, addition: str = NEW) -> tuple[bytes, int]:
    path = tmp_path / "sources.yml"
    path.write_bytes(before)
    line = append_items(path, addition)
    return path.read_bytes(), line


def data(raw: bytes) -> object:
    parsed, problems = parse_yaml(raw.decode("utf-8-sig"), "x.yml")
    assert problems == []
    return parsed.data


def test_items_go_after_a_blank_line_and_every_comment_stays(tmp_path: Path) -> None:
    before = b"# Sources\n\n- id: a  # first\n  title: A\n# trailing note\n"
    after, line = appended(tmp_path, before)
    assert after == before + b"\n" + NEW.encode()
    assert data(after) == [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}]
    assert after.decode().splitlines()[line - 1] == "- id: b  # the id"


@pytest.mark.parametrize(
    ("before", "kept"),
    [
        (b"[]\n", b""),
        (b"[]", b""),
        (b"  [ ]  \n", b""),
        (b"[]  # no sources yet\n", b"# no sources yet\n\n"),
        (b"# Sources\n[]\n", b"# Sources\n\n"),
        (b"---\n[]  # none\n", b"---\n# none\n\n"),
    ],
)
def test_a_lone_empty_list_gives_way_to_the_items(
    tmp_path: Path, before: bytes, kept: bytes
) -> None:
    after, line = appended(tmp_path, before)
    assert after == kept + NEW.encode()
    assert data(after) == [{"id": "b", "title": "B"}]
    assert after.decode().splitlines()[line - 1].startswith("- id: b")


def test_a_file_without_a_final_line_break_gets_one(tmp_path: Path) -> None:
    after, _ = appended(tmp_path, b"- id: a\n  title: A")
    assert after == b"- id: a\n  title: A\n\n" + NEW.encode()


def test_windows_line_ends_and_a_bom_are_kept(tmp_path: Path) -> None:
    before = b"\xef\xbb\xbf# Sources\r\n- id: a\r\n  title: A\r\n"
    after, _ = appended(tmp_path, before)
    assert after == before + b"\r\n" + NEW.encode().replace(b"\n", b"\r\n")
    assert data(after) == [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}]


def test_items_are_indented_as_the_file_indents_its_own(tmp_path: Path) -> None:
    after, _ = appended(tmp_path, b"  - id: a\n    title: A\n")
    assert after.endswith(b"\n  # New source\n  - id: b  # the id\n    title: B\n")
    assert data(after) == [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}]


def test_a_missing_file_is_created_and_a_comment_only_file_kept(tmp_path: Path) -> None:
    path = tmp_path / "new.yml"
    assert append_items(path, NEW) == 2
    assert path.read_bytes() == NEW.encode()
    after, _ = appended(tmp_path, b"# nothing yet\n")
    assert after == b"# nothing yet\n\n" + NEW.encode()


@pytest.mark.parametrize(
    ("before", "code"),
    [
        (b"[a, b]\n", "append-flow-list"),
        (b"id: a\ntitle: A\n", "append-not-list"),
        (b"just words\n", "append-not-list"),
        (b"- id: [\n", "yaml-syntax"),
        (b"- id: a\n  id: b\n", "yaml-duplicate-key"),
        (b"- id: a\n\xff\n", "encoding"),
    ],
)
def test_a_file_that_cannot_take_items_is_left_as_it_was(
    tmp_path: Path, before: bytes, code: str
) -> None:
    path = tmp_path / "sources.yml"
    path.write_bytes(before)
    with pytest.raises(BriefingError) as failure:
        append_items(path, NEW)
    assert code in {p.code for p in failure.value.problems}
    assert all(p.span and p.span.line >= 1 for p in failure.value.problems)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["sources.yml"]


def test_items_that_would_break_the_file_are_refused_before_writing(tmp_path: Path) -> None:
    path = tmp_path / "sources.yml"
    before = b"- id: a\n"
    path.write_bytes(before)
    with pytest.raises(BriefingError) as failure:
        append_items(path, "- id: b\n   title: misaligned\n")
    codes = [p.code for p in failure.value.problems]
    assert codes[-1] == "append-invalid" and len(codes) >= 2
    assert path.read_bytes() == before


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20)
ITEMS = st.lists(st.dictionaries(st.sampled_from(["id", "title", "note"]), TEXT), max_size=4)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    items=ITEMS,
    new=ITEMS.filter(bool),
    indent=st.sampled_from([0, 2, 4]),
    comment=st.sampled_from(["", "# top\n", "# top\n\n"]),
    crlf=st.booleans(),
    final_newline=st.booleans(),
)
def test_any_block_list_takes_any_items_or_is_left_whole(
    tmp_path: Path,
    items: list[dict[str, str]],
    new: list[dict[str, str]],
    indent: int,
    comment: str,
    crlf: bool,
    final_newline: bool,
) -> None:
    dumped = (
        yaml.safe_dump(items, allow_unicode=True, default_flow_style=False) if items else "[]\n"
    )
    body = "".join(
        " " * indent + line if line.strip() else line for line in dumped.splitlines(True)
    )
    text = comment + body
    text = text if final_newline else text.rstrip("\n")
    if crlf:
        text = text.replace("\n", "\r\n")
    path = tmp_path / "list.yml"
    path.write_bytes(text.encode("utf-8"))
    addition = yaml.safe_dump(new, allow_unicode=True, default_flow_style=False)
    try:
        append_items(path, addition)
    except BriefingError:
        assert path.read_bytes() == text.encode("utf-8")
        return
    after = path.read_bytes().decode("utf-8")
    old = data(text.encode("utf-8")) if items else []  # as the strict loader reads them
    assert data(after.encode("utf-8")) == [*old, *data(addition.encode("utf-8"))]  # type: ignore[misc]
    assert after.startswith(text.rstrip("\r\n").removesuffix("[]").rstrip() if not items else text)
