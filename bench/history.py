"""A git history for a synthetic briefing: many commits, each touching one claim file.

The claims are first spread over small files (as a newsroom splits a large
briefing), then one commit holds the whole briefing and each further commit
revises the statement of one claim, in the next file in turn. The commits are
written with one `git fast-import`, so even hundreds of them take a second; the
folder ends as the last commit, with a clean work tree.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

GIT_ENV = {
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}
START = 1_767_225_600  # 2026-01-01T00:00:00Z; each commit an hour after the last


def split_claims(work: Path, per_file: int) -> list[str]:
    """Spread every claims file's entries over files of `per_file` claims; their names."""
    claims = work / "content" / "claims"
    names = []
    for path in sorted(claims.glob("*.yml")):
        entries = [e for e in re.split(r"(?m)^(?=- id: )", path.read_text("utf-8")) if e.strip()]
        path.unlink()
        for n in range(0, len(entries), per_file):
            name = f"{path.stem}-{n // per_file:04d}.yml"
            (claims / name).write_text("".join(entries[n : n + per_file]), encoding="utf-8")
            names.append(f"content/claims/{name}")
    return names


def data(blob: bytes) -> bytes:
    """A fast-import data block."""
    return b"data %d\n" % len(blob) + blob + b"\n"


def commit(mark: int, message: str, files: dict[str, bytes]) -> bytes:
    """One fast-import commit on main, after the previous mark, changing some files."""
    head = b"commit refs/heads/main\nmark :%d\n" % mark
    head += b"committer Bench <bench@example.org> %d +0000\n" % (START + 3600 * mark)
    head += data(message.encode())
    if mark > 1:
        head += b"from :%d\n" % (mark - 1)
    return head + b"".join(b"M 100644 inline %s\n" % n.encode() + data(b) for n, b in files.items())


def write_history(work: Path, commits: int, per_file: int = 25) -> None:
    """Make `work` a git repository whose content folder has `commits` commits."""
    names = split_claims(work, per_file)
    tracked = sorted(p for p in work.rglob("*") if p.is_file() and p.parts[-2:-1] != (".git",))
    tracked = [p for p in tracked if p.relative_to(work).parts[0] in ("content", "seeds")]
    texts = {p.relative_to(work).as_posix(): p.read_bytes() for p in tracked}
    stream = [commit(1, "The whole briefing", texts)]
    for n in range(1, commits):
        name = names[(n - 1) % len(names)]
        texts[name] = texts[name].replace(b"\n  statement: ", b"\n  statement: Revised, ", 1)
        stream.append(commit(n + 1, f"Revise a claim in {name}", {name: texts[name]}))
    git(work, "init", "-q", "-b", "main")
    git(work, "fast-import", "--quiet", stdin=b"".join(stream))
    git(work, "reset", "-q")
    for name, blob in texts.items():
        (work / name).write_bytes(blob)


def git(work: Path, *args: str, stdin: bytes = b"") -> None:
    """Run git in the work folder, with no user or system configuration."""
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", *args], cwd=work, env=env, input=stdin, check=True, capture_output=True)
