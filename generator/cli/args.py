"""What every command shares: exit codes, declaring a command, the folder options, reports."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

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
    return commands.add_parser(
        name,
        help=summary,
        description=description,
        epilog="example:\n  " + example,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def report_content_errors(error: BriefingError, fmt: str = "human") -> int:
    """Print every content problem and the summary; return the content exit status."""
    if fmt == "json":
        print(json_report(error.problems))
    else:
        print(format_report(error.problems, error.texts), file=sys.stderr)
    return EXIT_CONTENT
