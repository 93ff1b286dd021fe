"""The parse cache: the same data as the parser, positions found again when needed."""

from __future__ import annotations

import hashlib
import marshal
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from generator.content import parsecache
from generator.content.check import Settings
from generator.content.load import parse_bytes
from generator.content.yamlstrict import PlainStr
from generator.pipeline import build_pages
from tests.helpers import DEFAULT, VOLCANO

TEXT = "- id: a\n  value: 1.10\n  word: 'no'\n  empty:\n  list: [x, 'y', {k: 2}]\n"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(folder))
    return folder


def typed(value: Any) -> Any:
    """Data with the type of every scalar made visible, so PlainStr and str differ."""
    if isinstance(value, dict):
        return {k: typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typed(v) for v in value]
    return (type(value).__name__, value)


def test_a_cached_parse_has_the_parsers_data_and_finds_positions(cache: Path) -> None:
    fresh, problems = parse_bytes(TEXT.encode(), "f.yml")
    assert problems == [] and fresh is not None
    assert len(list(cache.iterdir())) == 1
    cached, problems = parse_bytes(TEXT.encode(), "f.yml")
    assert problems == [] and cached is not None
    assert cached.parsed.reparse is not None, "the data should have come from the cache"
    assert typed(cached.parsed.data) == typed(fresh.parsed.data)
    assert isinstance(cached.parsed.data[0]["value"], PlainStr)
    assert not isinstance(cached.parsed.data[0]["word"], PlainStr)
    assert cached.parsed.data[0]["empty"] is None
    for path in [(0, "value"), (0, "list", 2, "k"), (0, "missing"), ()]:
        assert cached.parsed.span(path) == fresh.parsed.span(path)
    assert cached.parsed.key_span((0, "word")) == fresh.parsed.key_span((0, "word"))
    assert cached.parsed.reparse is None


def test_a_file_with_problems_is_not_kept(cache: Path) -> None:
    _, problems = parse_bytes(b"a: 1\na: 2\n", "f.yml")
    assert problems
    assert not cache.exists() or not list(cache.iterdir())


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: blob[:-3],
        lambda blob: blob[:-1] + bytes([blob[-1] ^ 1]),
        lambda blob: b"another format\n" + blob,
        lambda blob: b"",
    ],
    ids=["truncated", "flipped", "header", "empty"],
)
def test_a_damaged_entry_is_ignored_and_written_again(cache: Path, damage: Any) -> None:
    parse_bytes(TEXT.encode(), "f.yml")
    [entry] = cache.iterdir()
    intact = entry.read_bytes()
    entry.write_bytes(damage(intact))
    again, _ = parse_bytes(TEXT.encode(), "f.yml")
    assert again is not None and again.parsed.reparse is None, "parsed, not taken from the cache"
    assert entry.read_bytes() == intact


@pytest.mark.parametrize(
    "payload",
    [{"a": 1}, [("x", "y")], [()], {1: "a"}, [b"bytes"], [{"a": {1.5}}], compile("1", "f", "eval")],
    ids=["int", "pair", "empty", "key", "bytes", "set", "code"],
)
def test_an_entry_holding_anything_but_parsed_data_is_ignored(cache: Path, payload: Any) -> None:
    body = marshal.dumps(payload)
    cache.mkdir()
    key = parsecache.key_of(TEXT.encode())
    (cache / key).write_bytes(parsecache.HEADER + hashlib.sha256(body).digest() + body)
    again, _ = parse_bytes(TEXT.encode(), "f.yml")
    assert again is not None and again.parsed.reparse is None, "parsed, not taken from the cache"


def test_the_cache_can_be_turned_off(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_NO_CACHE", "1")
    parse_bytes(TEXT.encode(), "f.yml")
    assert not cache.exists()


def test_pruning_removes_the_least_recently_used(tmp_path: Path) -> None:
    for age, name in enumerate(["new", "mid", "old"]):
        path = tmp_path / name
        path.write_bytes(b"x" * 100)
        os.utime(path, ns=(10**18 - age * 10**12,) * 2)
    parsecache.prune(tmp_path, cap=250)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mid", "new"]


@pytest.mark.parametrize("folders", [DEFAULT, VOLCANO], ids=["default", "volcano"])
def test_a_cached_build_equals_an_uncached_one(
    folders: tuple[Path, Path], cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(*folders)
    cold = build_pages(settings)
    assert list(cache.iterdir())
    warm = build_pages(settings)
    monkeypatch.setenv("BRIEFING_NO_CACHE", "1")
    uncached = build_pages(settings)
    assert warm.pages == cold.pages == uncached.pages
    assert warm.checked.warnings == uncached.checked.warnings
    assert warm.origins == uncached.origins


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_cache_folder_and_its_entries_are_private(cache: Path) -> None:
    parse_bytes(TEXT.encode(), "f.yml")
    [entry] = cache.iterdir()
    assert mode(cache) == 0o700 and mode(entry) == 0o600


def test_a_cache_folder_others_may_write_to_is_not_used(cache: Path) -> None:
    cache.mkdir(mode=0o700)
    cache.chmod(0o777)
    parse_bytes(TEXT.encode(), "f.yml")
    assert list(cache.iterdir()) == [], "nothing is kept where others could plant entries"
    assert parsecache.cache_folder() is None


def test_a_readable_cache_folder_of_ours_is_made_private(cache: Path) -> None:
    cache.mkdir(mode=0o700)
    cache.chmod(0o755)
    assert parsecache.cache_folder() == cache and mode(cache) == 0o700


def test_a_cache_folder_that_is_a_link_is_not_used(cache: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.mkdir(mode=0o700)
    cache.symlink_to(target)
    assert parsecache.cache_folder() is None


def test_a_cache_folder_owned_by_someone_else_is_not_used(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache.mkdir(mode=0o700)
    monkeypatch.setattr(os, "getuid", lambda: os.stat(cache).st_uid + 1)
    assert parsecache.cache_folder() is None
