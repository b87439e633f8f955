"""The CSV download (and the same table saved as XLSX, which reaches the reader as CSV text).

The first line that is not blank is the header: ICTRP's column names (``TrialID,Last Refreshed on,Public title,
Scientific title,...``), in any of the column sets the portal has written (40 columns in 2020, 58 later: ``Secondary
ID``, ``Secondary Sponsor``, ``Prospective registration`` ...); columns are found by name, never by position. The
delimiter is sniffed from the header. A row with more cells than the header is read from the header's columns, and
the cells beyond them reported; a row with fewer has empty cells at its end.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator

from ...context import ReadContext
from ...model import Record
from ..tables.parse import cell_value, iter_rows, sniff_delimiter
from .map import KNOWN, fact_of, make_record, name_key

__all__ = ["detect", "read"]


def header_names(line: str) -> list[str]:
    """The cells of a header line (the delimiter sniffed), or [] when it does not parse."""
    try:
        return next(csv.reader([line], delimiter=sniff_delimiter(line)), [])
    except csv.Error:
        return []


def detect(first_line: str) -> float:
    """0.95 when the header names ``TrialID`` and ``Public title`` or ``Scientific title``; 0.6 when it names
    ``TrialID`` and at least four other ICTRP columns."""
    keys = {name_key(n) for n in header_names(first_line)}
    if "trialid" not in keys:
        return 0.0
    if "publictitle" in keys or "scientifictitle" in keys:
        return 0.95
    return 0.6 if len(keys & KNOWN) >= 5 else 0.0


_LINE_OF_ERROR = re.compile(r"^line (\d+): ")


def read(lines: Iterable[str], ctx: ReadContext, first_line: int) -> Iterator[Record]:
    """The trials of a table whose first line (numbered ``first_line``) is the header."""
    it = iter(lines)
    first = next(it, None)
    if first is None:
        return
    rows = iter_rows(_chain(first, it), sniff_delimiter(first.lstrip("\ufeff")), first_line)
    try:
        header_line, header = next(rows)
    except StopIteration:
        return
    except csv.Error as exc:
        _bad_table(exc, ctx)
        return
    header = [h.lstrip("\ufeff").strip() for h in header]
    facts = [fact_of(h) for h in header]
    if not any(name_key(h) in KNOWN for h in header):
        shown = ", ".join(header[:4]) + (" ..." if len(header) > 4 else "")
        ctx.problem(header_line, f"a header row of ICTRP columns (TrialID, Public title, Scientific title ...) "
                                 f"expected, not {shown}: the table is not read")  # fmt: skip
        return
    has_id = "id" in facts
    if not has_id:
        ctx.warn(header_line, "the header has no TrialID column: the trials are read with no registration number")
    width = len(header)
    while True:
        try:
            line, cells = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            _bad_table(exc, ctx)
            return
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            ctx.warn(line, f"{len(cells)} cells, the header names {width} columns: the cells after column {width} "
                           "are not read")  # fmt: skip
        pairs = [(name, cell_value(cell)) for name, cell in zip(header, cells, strict=False)]
        if has_id and not any(f == "id" and c for f, (_, c) in zip(facts, pairs, strict=False)):
            ctx.warn(line, "a trial without a TrialID: read all the same, with no registration number")
        if (rec := ctx.build(line, make_record, pairs, line, ctx)) is not None:
            yield rec


def _bad_table(exc: csv.Error, ctx: ReadContext) -> None:
    text = str(exc)
    m = _LINE_OF_ERROR.match(text)
    line = int(m.group(1)) if m else None
    reason = text[m.end() :] if m else text
    ctx.problem(line, f"a CSV row expected ({reason}): the rest of the table is not read")


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest
