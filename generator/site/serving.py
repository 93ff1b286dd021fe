"""The serving process of `briefing serve`: MkDocs' own `mkdocs serve`, quicker at both ends.

`python -m generator.site.serving ARGS` takes the arguments of `mkdocs serve` and
runs that command, with two changes:

- Saves are noticed sooner. MkDocs polls the watched folders every half second and
  then waits a tenth of a second for more changes: on average a third of a second
  before a rebuild starts. Here the folders are polled every POLL_SECONDS and the
  rebuild starts SETTLE_SECONDS after the last change seen.
- It stops at once. Once MkDocs has stopped serving and removed its temporary site,
  the process ends without tearing its interpreter down: freeing the objects of a
  large briefing's build (half a gigabyte at ten thousand claims) one by one takes
  seconds and does nothing the operating system does not do when the process ends.

A Ctrl-C (SIGINT) stops it in the middle of a build too, with no traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any

from mkdocs.__main__ import cli
from mkdocs.commands import serve as serve_command
from mkdocs.livereload import LiveReloadServer

POLL_SECONDS = 0.1  # MkDocs: 0.5
SETTLE_SECONDS = 0.05  # MkDocs: 0.1; a save's files are seen by one poll


class QuickServer(LiveReloadServer):
    """MkDocs' live-reload server with a shorter poll and settle time."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **{**kwargs, "polling_interval": POLL_SECONDS})
        self.build_delay = SETTLE_SECONDS


def serve(argv: Sequence[str]) -> int:
    """Run `mkdocs serve ARGV` with the quicker server; return its exit status."""
    serve_command.LiveReloadServer = QuickServer  # type: ignore[attr-defined]  # `serve` makes it
    try:  # click reports usage errors and Ctrl-C during the first build as `mkdocs` does
        cli.main(["serve", *argv], prog_name="mkdocs")
    except SystemExit as stopped:
        return stopped.code if isinstance(stopped.code, int) else 1
    return 0


def main(argv: Sequence[str] | None = None) -> None:
    """Serve, then end the process as soon as MkDocs has cleaned up."""
    status = serve(sys.argv[1:] if argv is None else argv)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


if __name__ == "__main__":
    main()
