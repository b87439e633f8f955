"""What a reader or writer is handed besides its data: where problems go, and the options.

Readers never raise on bad input themselves and never print: they call
:meth:`ReadContext.problem` with the line and what was expected, and go on at the next record.
The context raises (``errors="strict"``, the default, for error-level problems) or collects.

Readers build each record through :meth:`ReadContext.build`, the one per-record error boundary: an
exception while building one record (a value no rule foresaw) becomes an error-level problem naming
the file, the record's line and its number, that record is skipped and the reader goes on with the
next; :func:`msccite.api.iter_records` reports a record that cannot be normalized the same way
(:meth:`ReadContext.failed`). One bad value costs its record, never the file.
"""

from __future__ import annotations

import warnings
from collections import Counter, deque
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from .citekey import KeyMaker
from .errors import MscciteError, MscciteWarning, ParseError
from .lazyre import compile_cached
from .model import Record, Source

__all__ = ["ReadContext", "WriteContext", "ERROR_MODES", "line_list"]

ERROR_MODES = ("strict", "collect")


def line_list(numbers: list[int]) -> str:
    """``line 4``, ``lines 4-6``, ``lines 1, 7, 9-12``: line numbers in short, in order."""
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    text = ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
    return f"line {text}" if len(runs) == 1 and len(runs[0]) == 1 else f"lines {text}"


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
        first_line: int = 1,
    ) -> None:
        if errors not in ERROR_MODES:
            raise ValueError(f"errors must be one of {ERROR_MODES}, not {errors!r}")
        self.format = format
        self.source = source
        self.errors = errors
        self.on_error = on_error
        self.options = dict(options or {})
        #: The number of the input's first line (a part of a file cut for parallel work starts further on).
        self.first_line = first_line
        #: Every problem reported so far (a list the caller may pass in to share).
        self.problems: list[ParseError] = problems if problems is not None else []
        #: The records :meth:`build` was asked for so far: the number of the last one (1 for the first).
        self.records = 0
        self._skipped: deque[int] = deque()  # numbers of records build() could not make, not yet passed by handed()
        self._handed = 0

    def problem(self, line: int | None, message: str, *, severity: str = "error", record: int | None = None) -> None:
        """Report a problem at ``line`` (of record number ``record``, when the message names it); raises it in strict
        mode when it is an error."""
        err = ParseError(message, source=self.source, line=line, format=self.format, severity=severity,
                         record=record)  # fmt: skip
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

    def skipped(self, lines: list[int], what: str) -> None:
        """One warning for lines a reader knowingly skips (a page's furniture): ``lines 1, 7, 9-12: {what}``."""
        if lines:
            self.warn(lines[0], f"{line_list(lines)}: {what}")

    def where(self, line: int | None) -> Source:
        return Source(self.format, self.source, line)

    def build(self, line: int | None, make: Callable[..., Record], *args: Any) -> Record | None:
        """``make(*args)``: the next record, which starts at ``line``; None when it raised.

        The per-record error boundary: any exception but msccite's own (a strict context's
        :class:`ParseError`) becomes an error-level problem of this record, ``record 3 cannot be read
        (ValueError: ...); it is skipped`` at its line, and the reader goes on at the next record.
        """
        self.records += 1
        try:
            return make(*args)
        except MscciteError:
            raise
        except Exception as exc:  # noqa: BLE001 - the boundary: whatever one record raises costs that record only
            self._skipped.append(self.records)
            self.failed(line, self.records, "cannot be read", exc)
            return None

    def handed(self) -> int:
        """The number of the record the reader has just given out (the caller asks once per record, in order):
        the next one after the last, past those :meth:`build` skipped."""
        n = self._handed + 1
        skipped = self._skipped
        while skipped and skipped[0] <= n:
            if skipped.popleft() == n:
                n += 1
        self._handed = n
        return n

    def read_count(self) -> int:
        """The records read so far, those skipped too (the number of the last one)."""
        return max(self.records, self._handed)

    def failed(self, line: int | None, number: int, what: str, exc: BaseException) -> None:
        """Report that record ``number`` (at ``line``) ``what`` (``cannot be read``) because of ``exc``: an error,
        the record skipped."""
        text = str(exc)
        text = f"{type(exc).__name__}: {text[:200]}{'...' if len(text) > 200 else ''}" if text else type(exc).__name__
        self.problem(line, f"record {number} {what} ({text}); it is skipped", record=number)


#: What a few well-known source keys hold, for the conversion report.
LABELS: dict[str, str] = {
    "AD": "affiliations", "AUID": "author identifiers", "PHST": "publication history", "AID": "article identifiers",
    "LID": "location identifier", "PT": "publication types", "MH": "MeSH terms", "SO": "source citation",
    "PMC": "PMC id", "GR": "grants", "COIS": "conflict of interest statement", "CI": "copyright",
    "RN": "registry numbers", "SI": "secondary source ids", "C1": "affiliations", "CR": "cited references",
    "U2": "user field 2", "M3": "type of work", "DB": "database", "DP": "database provider",
}  # fmt: skip
_PER_PERSON = compile_cached(r"@\d+$")


@lru_cache(maxsize=4096)  # the same few kinds, value after value
def _kind_of(what: str) -> str:
    """What is counted: a value's kind without the person it belongs to (``medline AD@2`` -> ``medline AD``)."""
    return _PER_PERSON.sub("", what)


class WriteContext:
    """Options for a writer, and the account of what the target format could not hold.

    A value the target has no field for is *carried* (``lossless=True``: a ``[ns:key]`` note, a
    ``csl-*``/``x-*`` field, ``custom`` in CSL-JSON, so that reading the file back gives the same
    record) or *left out* (the default: the output holds only the target's own fields). Writers ask
    :meth:`carry`, which counts the value either way and says whether to write the carrier; a
    value that cannot be written even then is :meth:`dropped`. Each is counted in values and in
    records (the record being written is number :attr:`records`, which the writer increments after
    each record); the per-person keys of a format (``AD@1``, ``AD@2``) count as one kind.
    ``msccite convert`` prints the summary.
    """

    def __init__(self, format: str, *, lossless: bool = False, keys: KeyMaker | None = None,  # noqa: A002
                 **options: Any) -> None:  # fmt: skip
        self.format = format
        self.lossless = lossless
        self.options = options
        #: The citation keys handed out in this output (BibTeX keys, CSL-JSON ids): unique within it.
        self.keys = keys if keys is not None else KeyMaker()
        self.carried_counts: Counter[tuple[str, str]] = Counter()
        self.dropped_counts: Counter[str] = Counter()
        self.omitted_counts: Counter[str] = Counter()
        self.record_counts: Counter[tuple[str, str]] = Counter()  # (kind, what) -> records
        self._last: dict[tuple[str, str], int] = {}
        self.records = 0

    def _count(self, kind: str, what: str) -> str:
        what = _kind_of(what)
        key = (kind, what)
        if self._last.get(key) != self.records:
            self._last[key] = self.records
            self.record_counts[key] += 1
        return what

    def carry(self, what: str, where: str, *, own: bool = False) -> bool:
        """A value the target has no field for: True when the writer should carry it in ``where``
        (lossless, or ``own``: a value of the target format itself, which a same-format round trip
        keeps), False when it is left out. Counted either way."""
        if self.lossless or own:
            self.carried(what, where)
            return True
        self.omitted(what)
        return False

    def carried(self, what: str, where: str) -> None:
        what = self._count(f"carried in {where}", what)
        self.carried_counts[(what, where)] += 1

    def dropped(self, what: str) -> None:
        self.dropped_counts[self._count("dropped", what)] += 1

    def omitted(self, what: str) -> None:
        """A value left out of the output (the target has no field for it; ``lossless=True`` would carry it)."""
        self.omitted_counts[self._count("omitted", what)] += 1

    def summary(self) -> list[str]:
        """One line per kind of value that did not land in a field of its own, the most frequent first.

        ``3 records: medline AD (affiliations): carried in N1 notes (7 values)``; kinds of one format
        that went the same way in the same number of records share a line
        (``50 records: medline CRDT, DCOM, EDAT: carried in N1 notes``).
        """
        groups: dict[tuple[int, str, str], list[tuple[str, int]]] = {}

        def add(kind: str, what: str, values: int, tail: str) -> None:
            recs = self.record_counts[(kind, what)]
            prefix, _, key = what.partition(" ")
            label = f"{key} ({LABELS[key]})" if key in LABELS and prefix != "CSL" else key
            groups.setdefault((recs, tail, prefix), []).append((label or prefix, values))

        for (what, where), n in self.carried_counts.items():
            add(f"carried in {where}", what, n, f"carried in {where}")
        for what, n in self.dropped_counts.items():
            add("dropped", what, n, f"not written ({self.format} cannot hold it)")
        for what, n in self.omitted_counts.items():
            add("omitted", what, n, "left out")
        lines = []
        for (recs, tail, prefix), kinds in sorted(groups.items(), key=lambda g: (-g[0][0], g[0][1], g[0][2])):
            kinds.sort()
            counts = f" ({kinds[0][1]} values)" if len(kinds) == 1 and kinds[0][1] != recs else ""
            names = ", ".join(label for label, _ in kinds)
            lines.append(f"{recs} record{'s' if recs != 1 else ''}: {prefix} {names}: {tail}{counts}")
        renamed, count = self.keys.renamed, self.keys.renames
        if count:
            shown = ", ".join(f"{old} -> {new}" for old, new in renamed[:5])
            more = f" and {count - 5} more" if count > 5 else ""
            lines.append(f"{count} record{'s' if count != 1 else ''}: key renamed, an earlier record "
                         f"of the output has it: {shown}{more}")
        if self.omitted_counts:
            lines.append("(--lossless, or lossless=True, keeps what was left out, in notes or fields of msccite's own)")
        return lines
