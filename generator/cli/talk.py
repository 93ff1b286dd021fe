"""How the commands talk: -q and -v, coloured "error:" and "warning:", phases with times.

Results go to standard output; problems, phases and the page counter to standard
error. `-q` keeps only errors; `-v` adds MkDocs' own messages. Colour is used when
standard error is a terminal and NO_COLOR is not set (https://no-color.org); the
page counter only on a terminal, where it is rewritten in place.
"""

from __future__ import annotations

import contextlib
import logging
import re
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TextIO

QUIET, NORMAL, VERBOSE = 0, 1, 2
RED, YELLOW, RESET = "\033[31m", "\033[33m", "\033[0m"
CLEAR_LINE = "\r\033[K"
# "error:" or "warning:" that opens a message, after its FILE:LINE:COL if it has one.
SEVERITY = re.compile(r"^((?:\S[^\n]*?:\d+:\d+: )?)(error|warning):", re.MULTILINE)


def paint(text: str) -> str:
    """Colour the "error:" and "warning:" that open the messages of a text."""

    def coloured(match: re.Match[str]) -> str:
        colour = RED if match.group(2) == "error" else YELLOW
        return f"{match.group(1)}{colour}{match.group(2)}:{RESET}"

    return SEVERITY.sub(coloured, text)


def wants_colour(stream: TextIO, environ: Mapping[str, str]) -> bool:
    """Colour on a terminal, unless NO_COLOR is set to anything."""
    return not environ.get("NO_COLOR") and stream.isatty()


@dataclass
class Talk:
    """What a command says, at the level it was asked for."""

    level: int = NORMAL
    colour: bool = False
    tty: bool = False
    stream: TextIO | None = None  # None: whatever sys.stderr is at the time
    _phases: list[list[float]] = field(default_factory=list)  # [start, time of inner phases]
    _counting: str = ""

    @property
    def err(self) -> TextIO:
        """Where problems, phases and the counter go."""
        return self.stream or sys.stderr

    def problems(self, text: str) -> None:
        """Print problems (errors, and warnings unless quiet) to standard error."""
        self._end_count()
        print(paint(text) if self.colour else text, file=self.err)

    def error(self, message: str) -> None:
        """Print one error: 'error: message'."""
        self.problems(f"error: {message}")

    def result(self, text: str) -> None:
        """Print a command's result to standard output, unless quiet."""
        if self.level >= NORMAL:
            print(text)

    def note(self, text: str) -> None:
        """Print a remark to standard error, unless quiet."""
        if self.level >= NORMAL:
            self._end_count()
            print(text, file=self.err)

    @contextlib.contextmanager
    def phase(self, name: str) -> Iterator[None]:
        """Time one phase and print its name and time; inner phases' time is their own."""
        frame = [time.perf_counter(), 0.0]
        self._phases.append(frame)
        try:
            yield
        finally:
            self._phases.pop()
            spent = time.perf_counter() - frame[0]
            if self._phases:
                self._phases[-1][1] += spent
            self.note(f"{name:<9}{spent - frame[1]:7.2f} s")

    def pages(self, done: int, total: int) -> None:
        """Show how many pages MkDocs has written, on a terminal, in place."""
        if self.tty and self.level >= NORMAL:
            self._counting = f"{CLEAR_LINE}mkdocs   {done}/{total} pages"
            self.err.write(self._counting)
            self.err.flush()

    def _end_count(self) -> None:
        """Clear the page counter's line before anything else is printed."""
        if self._counting:
            self.err.write(CLEAR_LINE)
            self._counting = ""


TALK = Talk()


def set_talk(level: int, environ: Mapping[str, str], err: TextIO | None = None) -> Talk:
    """Set how the commands talk for this run."""
    stream = err or sys.stderr
    TALK.level, TALK.stream = level, err
    TALK.colour = wants_colour(stream, environ)
    TALK.tty = stream.isatty()
    return TALK


def reset_talk() -> None:
    """Talk as by default again (a command run in-process must not set the next one's level)."""
    TALK.level, TALK.stream, TALK.colour, TALK.tty = NORMAL, None, False, False


class Printed(logging.Handler):
    """MkDocs' messages, printed as this tool prints its own."""

    def emit(self, record: logging.LogRecord) -> None:
        """Print one message with its level."""
        TALK.problems(f"{record.levelname.lower()}: {record.getMessage()}")


@contextlib.contextmanager
def mkdocs_logging() -> Iterator[None]:
    """MkDocs' log level for a build: its messages are printed only with -v.

    The logger keeps warnings either way: a strict build counts them to fail.
    """
    logger = logging.getLogger("mkdocs")
    handler = Printed(logging.DEBUG)
    saved = logger.level
    logger.setLevel(logging.DEBUG if TALK.level >= VERBOSE else logging.INFO)
    if TALK.level >= VERBOSE:
        logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved)
