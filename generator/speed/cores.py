"""Two pure computations at once: one in this process, one in a forked copy of it.

A build from the command line spends most of its time rendering pages and open
data from one finished view; both halves read that view and nothing else, so a
forked child can do one half while this process does the other, and hand its
result back through a pipe. Results are the same as running both here, in turn,
which is what happens where forking is unsafe or useless: without os.fork, with
one CPU, with other threads running (a server), or with BRIEFING_CORES=1.
"""

from __future__ import annotations

import gc
import os
import pickle
import sys
import threading
import traceback
from collections.abc import Callable
from typing import TypeVar

A = TypeVar("A")
B = TypeVar("B")


class ChildFailed(RuntimeError):
    """The computation run in the forked child raised; its traceback is the message."""


def cpus() -> int:
    """The CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_fork() -> bool:
    """Tell whether a second core can take half of the work."""
    if os.environ.get("BRIEFING_CORES") == "1" or not hasattr(os, "fork"):
        return False
    return cpus() > 1 and threading.active_count() == 1


def on_two_cores(here: Callable[[], A], there: Callable[[], B]) -> tuple[A, B]:
    """Run `here` in this process and `there` in a forked child; return both results.

    Both must be pure: what `there` changes in memory is lost with the child.
    """
    if not can_fork():
        return here(), there()
    sys.stdout.flush()
    sys.stderr.flush()
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute, send, and leave without running exit handlers
        os.close(reader)
        gc.disable()  # short-lived: leave the parent's objects' pages shared
        try:
            payload = pickle.dumps((True, there()), pickle.HIGHEST_PROTOCOL)
        except BaseException:
            payload = pickle.dumps((False, traceback.format_exc()))
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(payload)
        os._exit(0)
    os.close(writer)
    try:
        mine = here()
    finally:
        with os.fdopen(reader, "rb") as pipe:
            received = pipe.read()
        os.waitpid(pid, 0)
    if not received:
        raise ChildFailed("the forked child ended without a result")
    ok, theirs = pickle.loads(received)  # from our own child, never from content
    if not ok:
        raise ChildFailed(f"the forked child failed:\n{theirs}")
    return mine, theirs
