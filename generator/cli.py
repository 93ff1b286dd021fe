"""The command line: the only place that turns content errors into exit codes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.errors import BriefingError
from generator.pipeline import Settings, check
from generator.report import format_problem, format_report, json_report

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2

DESCRIPTION = """\
Build briefing sites from hand-curated claims (YAML) and archived article texts.

examples:
  briefing check                      check content/ against seeds/
  briefing check --content other/content --seeds other/seeds
"""


def add_folders(parser: argparse.ArgumentParser) -> None:
    """The options every command shares: where the briefing lives."""
    parser.add_argument(
        "--content", type=Path, default=Path("content"), help="content folder (default: content)"
    )
    parser.add_argument(
        "--seeds", type=Path, default=Path("seeds"), help="article texts folder (default: seeds)"
    )


def build_parser() -> argparse.ArgumentParser:
    """Describe every command, with an example each."""
    parser = argparse.ArgumentParser(
        prog="briefing",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check_cmd = commands.add_parser(
        "check",
        help="check the content and report every problem",
        description="Check every content file and quote; report all problems with FILE:LINE:COL.",
        epilog="example:\n  briefing check --content content --seeds seeds --format json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_folders(check_cmd)
    check_cmd.add_argument(
        "--format", choices=("human", "json"), default="human", help="report format"
    )
    return parser


def run_check(args: argparse.Namespace) -> int:
    """Check the content; print warnings, or every problem and exit 1."""
    settings = Settings(args.content, args.seeds)
    try:
        checked = check(settings)
    except BriefingError as error:
        if args.format == "json":
            print(json_report(error.problems))
        else:
            print(format_report(error.problems, error.texts), file=sys.stderr)
        return EXIT_CONTENT
    if args.format == "json":
        print(json_report(checked.warnings))
        return EXIT_OK
    for warning in checked.warnings:
        print(format_problem(warning, checked.texts), file=sys.stderr)
    c = checked.content
    print(
        f"ok: {len(c.claims)} claims, {len(c.sources)} sources, {len(c.measures)} measures, "
        f"{len(c.questions)} questions; {len(checked.warnings)} warnings"
    )
    return EXIT_OK


COMMANDS = {"check": run_check}


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit status."""
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print("interrupted; nothing was written", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
