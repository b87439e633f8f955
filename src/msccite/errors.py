"""Exceptions raised by msccite.

The tree::

    MscciteError                      root: catch this to catch everything msccite raises
    ├── ParseError (+ ValueError)     input that does not follow its format; knows source, line, format
    ├── UnknownFormatError            no format recognised, or an unknown format name
    └── WriteError                    a record the target format cannot be written from
    MscciteWarning (UserWarning)      a problem a reader recovered from without losing anything

A reader that meets a problem builds a :class:`ParseError` and hands it to its
:class:`~msccite.context.ReadContext`, which raises it (``errors="strict"``) or collects it
(``errors="collect"``) and lets the reader go on at the next record.
"""

from __future__ import annotations

__all__ = ["MscciteError", "ParseError", "UnknownFormatError", "WriteError", "MscciteWarning"]


class MscciteError(Exception):
    """Root of every exception msccite raises on purpose."""


class ParseError(MscciteError, ValueError):
    """Input that does not follow its format.

    ``str(err)`` reads ``source:line: message`` (``export.ris:41: AU before TY``), the form
    compilers use, so editors and terminals can jump to the place.
    ``severity`` is ``"error"`` when something was skipped or could not be read, and
    ``"warning"`` when the reader recovered without losing anything (a missing final ``ER``).
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        format: str | None = None,
        severity: str = "error",
        record: int | None = None,
    ) -> None:
        self.message = message
        self.source = source
        self.line = line
        self.format = format
        self.severity = severity
        #: The number of the record the message names (``record 3 cannot be read``), 1 for the input's first.
        self.record = record
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.source or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}"

    def __reduce__(self):  # keep pickling (multiprocessing) working with keyword-only args
        return (_rebuild_parse_error, (self.message, self.source, self.line, self.format, self.severity))


def _rebuild_parse_error(message, source, line, format, severity):  # noqa: A002
    return ParseError(message, source=source, line=line, format=format, severity=severity)


class UnknownFormatError(MscciteError):
    """The input matched no registered format, or a format name is not known."""


class WriteError(MscciteError):
    """A record could not be written in the requested format."""


class MscciteWarning(UserWarning):
    """A problem a reader recovered from without losing anything (in strict mode, with no callback)."""
