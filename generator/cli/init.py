"""`briefing init DIR`: start a briefing anywhere, from the example that ships in the package.

The example (cli/starter/) is a small, valid briefing: one source with its text,
two measures, claims with a range, a superseded figure and a reaction, a question,
a mkdocs.yml that builds it from its own folder, a .gitignore and an editors' README.
The content schemas are written beside it from the models, so editors' YAML tools
find them at the path the content files name.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from generator.cli.args import EXIT_CONTENT, EXIT_OK, EXIT_USAGE, Commands, add_command
from generator.cli.talk import TALK
from generator.content.load import display_name
from generator.content.schema import schema_texts
from generator.write import write_file

STARTER = Path(str(resources.files("generator.cli") / "starter"))
# Files stored under another name in the package: a dotfile would not ship as package data.
RENAMED = {"gitignore": ".gitignore"}
# MkDocs needs its docs folder to exist; a dotfile keeps it in git and out of the site.
KEEP = "docs/.gitkeep"


def register(commands: Commands) -> None:
    """Declare `briefing init`."""
    init_cmd = add_command(
        commands,
        "init",
        "start a new briefing in a folder, from a small working example",
        "Write a small, valid example briefing into DIR: content/ (a source, two measures, "
        "claims with a range, a superseded figure and a reaction, a question), seeds/ (the "
        "article's text), schemas/, an empty docs/, a mkdocs.yml that builds the site from "
        "DIR alone, a .gitignore for built sites and a README for editors. `briefing check` "
        "and `briefing site` pass in it at once. A folder that holds anything is refused "
        "unless --force is given; then the example's files are written over, others kept.",
        "briefing init my-briefing && cd my-briefing && briefing check && briefing site",
    )
    init_cmd.add_argument("dir", type=Path, metavar="DIR", help="the folder to create")
    init_cmd.add_argument(
        "--force",
        action="store_true",
        help="write into a folder that is not empty (the example's files are replaced)",
    )


def starter_files() -> dict[str, bytes]:
    """Every file of the example briefing, by its path in the new folder."""
    files = {
        RENAMED.get(rel, rel): path.read_bytes()
        for path in sorted(STARTER.rglob("*"))
        if path.is_file() and (rel := path.relative_to(STARTER).as_posix())
    }
    files |= {f"schemas/{name}": text.encode("utf-8") for name, text in schema_texts().items()}
    files[KEEP] = b""
    return files


def refusal(target: Path, force: bool) -> str | None:
    """Why a folder cannot take a new briefing, or None when it can."""
    if target.exists() and not target.is_dir():
        return f"{display_name(target)} exists and is not a folder"
    if force or not target.exists():
        return None
    held = sorted(p.name for p in target.iterdir())
    if not held:
        return None
    shown = ", ".join(held[:5]) + (", ..." if len(held) > 5 else "")
    return (
        f"{display_name(target)} is not empty (it holds {shown}); choose an empty or new "
        "folder, or add --force to write the example over it"
    )


def run_init(args: argparse.Namespace) -> int:
    """Write the example briefing into a new or empty folder."""
    why = refusal(args.dir, args.force)
    if why is not None:
        TALK.error(why)
        return EXIT_USAGE if args.dir.exists() and not args.dir.is_dir() else EXIT_CONTENT
    files = starter_files()
    try:
        for rel, data in files.items():
            write_file(args.dir / rel, data)
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        TALK.error(f"cannot write the briefing: {error.strerror or error}{where}")
        return EXIT_CONTENT
    name = display_name(args.dir)
    TALK.result(
        f"wrote an example briefing in {name} ({len(files)} files); next:\n"
        f"  cd {name}\n  briefing check     # every problem, with FILE:LINE:COL\n"
        "  briefing serve     # the site at http://127.0.0.1:8000, rebuilt on every save\n"
        "  briefing site      # build site/\n"
        "README.md says how to make it your own."
    )
    return EXIT_OK


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {"init": run_init}
