"""What every command shares: exit codes, declaring a command, the folder options, reports."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from generator.cli.talk import NORMAL, QUIET, TALK, VERBOSE
from generator.errors import BriefingError
from generator.report import format_report, json_report

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
if TYPE_CHECKING:  # argparse's class is generic only to type checkers
    Commands: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]
else:
    Commands = argparse._SubParsersAction


def add_folders(parser: argparse.ArgumentParser) -> None:
    """The options every content command shares: where the briefing lives."""
    parser.add_argument(
        "--content", type=Path, default=Path("content"), help="content folder (default: content)"
    )
    parser.add_argument(
        "--seeds", type=Path, default=Path("seeds"), help="article texts folder (default: seeds)"
    )


def add_command(
    commands: Commands, name: str, summary: str, description: str, example: str
) -> argparse.ArgumentParser:
    """Declare one command with its help and an example."""
    parser = commands.add_parser(
        name,
        help=summary,
        description=description,
        epilog="example:\n  " + example,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    loudness = parser.add_mutually_exclusive_group()
    loudness.add_argument(
        "-q", "--quiet", action="store_true", help="print errors only (MkDocs' too)"
    )
    loudness.add_argument(
        "-v", "--verbose", action="store_true", help="print more: MkDocs' own messages too"
    )
    return parser


def report_content_errors(error: BriefingError, fmt: str = "human") -> int:
    """Print every content problem and the summary; return the content exit status."""
    if fmt == "json":
        print(json_report(error.problems))
        return EXIT_CONTENT
    problems = error.problems
    if TALK.level == QUIET:
        problems = [p for p in problems if p.severity == "error"]
    TALK.problems(format_report(problems, error.texts))
    return EXIT_CONTENT


def loudness(args: argparse.Namespace) -> int:
    """The talk level a command's -q or -v asks for."""
    if getattr(args, "quiet", False):
        return QUIET
    return VERBOSE if getattr(args, "verbose", False) else NORMAL
