"""Read-only git: a content folder's files at a revision, exported into a temporary folder."""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from generator.write import write_scratch

GIT_TIMEOUT = 60


class GitError(Exception):
    """A git command failed: not a repository, an unknown revision, no git."""


def git(args: list[str], cwd: Path, stdin: bytes = b"") -> bytes:
    """Run a read-only git command in a folder and return its output."""
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise GitError(f"cannot run git: {error}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {args[0]} failed")
    return done.stdout


def content_files(rev: str, content_dir: Path) -> list[tuple[str, str]]:
    """The YAML files of the content folder at a revision (relative to its parent), with ids."""
    listing = git(["ls-tree", "-r", "-z", rev, "--", content_dir.name], content_dir.parent)
    names = []
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, name = entry.partition(b"\t")
        mode, kind, oid = meta.split(b" ")[:3]
        path = name.decode("utf-8", errors="replace")
        if kind == b"blob" and mode in (b"100644", b"100755") and path.endswith((".yml", ".yaml")):
            names.append((path, oid.decode("ascii")))
    return names


def read_blobs(oids: list[str], cwd: Path) -> list[bytes]:
    """Read many blobs with one `git cat-file --batch`, in order."""
    if not oids:
        return []
    out = git(["cat-file", "--batch"], cwd, "".join(f"{o}\n" for o in oids).encode("ascii"))
    blobs, pos = [], 0
    for oid in oids:
        end = out.find(b"\n", pos)
        header = out[pos:end].split()
        if end < 0 or len(header) != 3 or header[1] != b"blob":
            raise GitError(f"cannot read object {oid}")
        start = end + 1
        blobs.append(out[start : start + int(header[2])])
        pos = start + int(header[2]) + 1
    return blobs


def resolve_revision(rev: str, cwd: Path) -> str:
    """The commit a revision names, as a full sha; refuse anything that looks like an option."""
    if not rev or rev.startswith("-"):
        raise GitError(f"not a revision: {rev!r}")
    git(["rev-parse", "--git-dir"], cwd)  # "not a git repository" says more than what follows
    try:
        out = git(
            ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], cwd
        )
    except GitError:
        raise GitError(f"unknown revision {rev!r}") from None
    return out.decode("ascii", errors="replace").strip()


def place_in_repository(content_dir: Path) -> str:
    """The content folder's path inside its repository, as git names it: 'briefs/content'."""
    prefix = git(["rev-parse", "--show-prefix"], content_dir.parent).decode("utf-8", "replace")
    return prefix.strip() + content_dir.name


def export_revision(rev: str, content_dir: Path, dest: Path) -> Path:
    """Write the content folder as it was at a revision into dest; return the copy's path."""
    content_dir = content_dir.resolve()
    rev = resolve_revision(rev, content_dir.parent)
    root = dest / "rev"
    target = root / content_dir.name
    target.mkdir(parents=True)
    files = [
        (PurePosixPath(name).parts, oid)
        for name, oid in content_files(rev, content_dir)
        # git never lists such names; refuse them anyway
        if ".." not in PurePosixPath(name).parts
        and PurePosixPath(name).parts[0] == content_dir.name
    ]
    blobs = read_blobs([oid for _, oid in files], content_dir.parent)
    for (parts, _oid), data in zip(files, blobs, strict=True):
        write_scratch(root.joinpath(*parts), data)
    return target


@contextmanager
def revision_folder(rev: str, content_dir: Path) -> Iterator[Path]:
    """The content folder at a git revision, in a temporary folder removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="briefing-rev-") as tmp:
        yield export_revision(rev, content_dir, Path(tmp))
