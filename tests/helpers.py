"""Helpers shared by tests: building briefings and sites in temporary folders."""

from __future__ import annotations

import hashlib
from pathlib import Path

from tests.conftest import FIXTURES, ROOT

DEFAULT = (ROOT / "content", ROOT / "seeds")


def fixture_briefing(name: str) -> tuple[Path, Path]:
    """The content and seeds folders of a test briefing in tests/fixtures/briefings."""
    folder = FIXTURES / "briefings" / name
    return folder / "content", folder / "seeds"


MINIMAL = fixture_briefing("minimal")
VOLCANO = fixture_briefing("volcano")
FLOOD = fixture_briefing("flood")
TAMSIN = fixture_briefing("tamsin-floods")
READER = fixture_briefing("reader")
HOSTILE = fixture_briefing("hostile")


def mkdocs_config(folder: Path, content: Path, seeds: Path, name: str = "Test briefing") -> Path:
    """Write a mkdocs.yml for a briefing, reusing the project's theme settings (the theme
    overrides come with the plugin)."""
    base = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    docs = folder / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    text = (
        base.replace("docs_dir: site_config/docs", f"docs_dir: {docs}")
        .replace("content_dir: content", f"content_dir: {content}")
        .replace("seeds_dir: seeds", f"seeds_dir: {seeds}")
        .replace("site_name: North Korean troops in Russia", f"site_name: {name}")
    )
    path = folder / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under a folder with the SHA-256 of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def in_fresh_process(code: str, hash_seed: int) -> str:
    """What a snippet of Python prints in a new interpreter with its own hash seed: a value
    computed there can differ from this process's only through real nondeterminism."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONHASHSEED": str(hash_seed), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout
