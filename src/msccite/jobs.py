"""How many processes a conversion runs on, and SIGTERM as a clean stop: what the command line needs before it
knows whether a conversion is shared among processes (:mod:`msccite.parallel`, imported only then)."""

from __future__ import annotations

import _signal as signal  # signal's own functions, without the enums signal.py builds at import (1 ms at each start)
import contextlib
import os
import threading
from collections.abc import Generator, Sequence

__all__ = ["PARALLEL_FROM", "default_jobs", "Terminated", "stop_on_sigterm"]

#: Inputs smaller than this are converted in one process by default: they make one part (two parts of 1.6 MB
#: already convert 1.2x faster on two processes than on one, worker start-up included).
PARALLEL_FROM = 2 << 20


def default_jobs(paths: Sequence[str]) -> int:
    """One process for small inputs; for larger ones, one per core (at most 8)."""
    try:
        total = sum(os.path.getsize(p) for p in paths)
    except OSError:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return 1 if total < PARALLEL_FROM else max(1, min(cores, 8))


class Terminated(SystemExit):
    """SIGTERM while :func:`convert_parts` runs (or anywhere after :func:`stop_on_sigterm`): raised in the main
    thread, so that the ``with`` and ``finally`` blocks on the way remove the temporary files (the output's, the
    parts'), and the workers are stopped; uncaught, the process exits with status 143 (128 + SIGTERM), as ^C
    stops it with 130."""


def _terminated(signum: int, frame: object) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # once: a second SIGTERM does not cut the clean-up short
    raise Terminated(128 + signum)


def stop_on_sigterm() -> None:
    """Make SIGTERM a clean stop for the rest of the process (:class:`Terminated`); from the main thread only.
    :func:`convert_parts` does it while it runs when no handler is set; the CLI does it from the start."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminated)


@contextlib.contextmanager
def sigterm_stops() -> Generator[None, None, None]:
    """SIGTERM raises :class:`Terminated` in the block, if nobody handles it already (the default action)."""
    mine = threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
    if mine:
        signal.signal(signal.SIGTERM, _terminated)
    try:
        yield
    finally:
        if mine:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
