"""A progress line on stderr for long conversions: records so far, records/s and megabytes read.

Shown only when stderr is a terminal (never in a pipe, a log or a test's captured output) and the
user did not ask for ``--quiet``; redrawn at most five times a second so that it costs nothing
measurable, and erased at the end so that the terminal keeps only the report. Pure Python, no
dependency: one ``\\r``-rewritten line.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TextIO, TypeVar

__all__ = ["Progress", "progress_for"]

T = TypeVar("T")


class _Source(Protocol):
    @property
    def bytes_read(self) -> int: ...


class Progress:
    """Counts the records passing through :meth:`wrap` and shows the count on ``stream``.

    :meth:`watch` is told of each input as it is opened; the bytes read are those of the inputs
    finished so far plus the current one's (:attr:`msccite.textio.Input.bytes_read`).
    """

    def __init__(self, stream: TextIO, *, interval: float = 0.2, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.interval = interval
        self.clock = clock
        self.records = 0
        self._start = clock()
        self._next = self._start + interval
        self._finished_bytes = 0
        self._current: _Source | None = None
        self._shown = 0  # width of the line on screen, 0 when none is

    def watch(self, source: _Source) -> None:
        """A new input is being read (its ``bytes_read`` grows as it is)."""
        self._finished_bytes = self.bytes_read()
        self._current = source

    def bytes_read(self) -> int:
        return self._finished_bytes + (self._current.bytes_read if self._current is not None else 0)

    def wrap(self, records: Iterable[T]) -> Iterator[T]:
        """The same records, counted; the line is erased when they end (or the consumer stops)."""
        try:
            for rec in records:
                self.records += 1
                if self.clock() >= self._next:
                    self.draw()
                yield rec
        finally:
            self.clear()

    def add(self, part: Any) -> None:
        """A part converted elsewhere (a worker process): its records and bytes join the count."""
        self.records += part.records
        self._finished_bytes += part.size
        if self.clock() >= self._next:
            self.draw()

    def line(self) -> str:
        elapsed = max(self.clock() - self._start, 1e-9)
        return (f"msccite: {self.records:,} records, {self.records / elapsed:,.0f} records/s, "
                f"{self.bytes_read() / 1e6:,.1f} MB read")  # fmt: skip

    def draw(self) -> None:
        text = self.line()
        self.stream.write("\r" + text + " " * max(0, self._shown - len(text)))
        self.stream.flush()
        self._shown = len(text)
        self._next = self.clock() + self.interval

    def clear(self) -> None:
        if self._shown:
            self.stream.write("\r" + " " * self._shown + "\r")
            self.stream.flush()
            self._shown = 0

    def before(self, report: Callable[..., Any]) -> Callable[..., Any]:
        """``report`` (a problem printer) that first erases the line, so messages do not run into it."""

        def cleared(*args: Any, **kwargs: Any) -> Any:
            self.clear()
            return report(*args, **kwargs)

        return cleared


def progress_for(quiet: bool, stream: TextIO | None = None, *, interval: float = 0.2) -> Progress | None:
    """A :class:`Progress` on ``stream`` (default: stderr) when it is a terminal and not ``quiet``, else None."""
    stream = sys.stderr if stream is None else stream
    if quiet:
        return None
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return None
    return Progress(stream, interval=interval) if tty else None
