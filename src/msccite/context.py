"""What a reader or writer is handed besides its data: where problems go, and the options.

Readers never raise on bad input themselves and never print: they call
:meth:`ReadContext.problem` with the line and what was expected, and go on at the next record.
The context raises (``errors="strict"``, the default, for error-level problems) or collects.
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Callable
from typing import Any

from .errors import MscciteWarning, ParseError
from .model import Source

__all__ = ["ReadContext", "WriteContext", "ERROR_MODES"]

ERROR_MODES = ("strict", "collect")


class ReadContext:
    """Where a reader reports problems; one per input."""

    def __init__(
        self,
        format: str,  # noqa: A002
        source: str | None = None,
        *,
        errors: str = "strict",
        on_error: Callable[[ParseError], None] | None = None,
        options: dict[str, Any] | None = None,
        problems: list[ParseError] | None = None,
    ) -> None:
        if errors not in ERROR_MODES:
            raise ValueError(f"errors must be one of {ERROR_MODES}, not {errors!r}")
        self.format = format
        self.source = source
        self.errors = errors
        self.on_error = on_error
        self.options = dict(options or {})
        #: Every problem reported so far (a list the caller may pass in to share).
        self.problems: list[ParseError] = problems if problems is not None else []

    def problem(self, line: int | None, message: str, *, severity: str = "error") -> None:
        """Report a problem at ``line``; raises it in strict mode when it is an error."""
        err = ParseError(message, source=self.source, line=line, format=self.format, severity=severity)
        self.problems.append(err)
        if self.on_error is not None:
            self.on_error(err)
        if self.errors == "strict":
            if severity == "error":
                raise err
            if self.on_error is None:
                warnings.warn(str(err), MscciteWarning, stacklevel=3)

    def warn(self, line: int | None, message: str) -> None:
        """A problem the reader recovered from without losing anything."""
        self.problem(line, message, severity="warning")

    def where(self, line: int | None) -> Source:
        return Source(self.format, self.source, line)


class WriteContext:
    """Options for a writer, and the account of what the target format could not hold.

    A writer that puts a value somewhere other than its natural field (an affiliation into a
    note, a RIS tag into a BibTeX field of its own) calls :meth:`carried`; a value it must
    leave out calls :meth:`dropped`. ``msccite convert`` prints the summary.
    """

    def __init__(self, format: str, **options: Any) -> None:  # noqa: A002
        self.format = format
        self.options = options
        self.carried_counts: Counter[tuple[str, str]] = Counter()
        self.dropped_counts: Counter[str] = Counter()
        self.omitted_counts: Counter[str] = Counter()
        self.records = 0

    def carried(self, what: str, where: str) -> None:
        self.carried_counts[(what, where)] += 1

    def dropped(self, what: str) -> None:
        self.dropped_counts[what] += 1

    def omitted(self, what: str) -> None:
        """A value left out because the caller asked so (``drop_extras``), not for lack of room."""
        self.omitted_counts[what] += 1

    def summary(self) -> list[str]:
        """One line per kind of value that did not land in a field of its own."""
        lines = [f"{n} x {what}: carried in {where}" for (what, where), n in sorted(self.carried_counts.items())]
        lines += [f"{n} x {what}: not written ({self.format} cannot hold it)"
                  for what, n in sorted(self.dropped_counts.items())]  # fmt: skip
        lines += [f"{n} x {what}: left out (drop_extras)" for what, n in sorted(self.omitted_counts.items())]
        return lines
