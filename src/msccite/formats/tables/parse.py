"""Rows of a delimited table (CSV, TSV, ``;``-separated), each with the line it starts on.

The cells are split by Python's :mod:`csv` module (RFC 4180 quoting; a quoted cell may hold line ends,
delimiters and doubled quotes), fed the lines one by one so a table of any size streams.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import Any

from ...textio import MAX_LINE_CHARS

__all__ = ["sniff_delimiter", "iter_rows", "NO_VALUE", "cell_value", "safe_cell", "FORMULA_START"]

#: Cells that hold no value: empty, R's ``NA`` (bibliometrix, litsearchr and revtools write it), and Scopus's
#: placeholders.
NO_VALUE = frozenset({"", "NA", "N/A", "[No author name available]", "[No abstract available]",
                      "[No title available]"})

_DELIMITERS = ("\t", ",", ";")


def sniff_delimiter(header: str) -> str:
    """The delimiter of a table whose header line is ``header``: the one of tab, comma and semicolon found
    most often outside quotes (a tab wins a tie: WoS's header has no comma; then the comma)."""
    counts = dict.fromkeys(_DELIMITERS, 0)
    quoted = False
    for ch in header:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(_DELIMITERS, key=lambda d: counts[d])  # max keeps the first of equals: tab, then comma
    return best if counts[best] else ","


#: What a spreadsheet takes as the start of a formula (``=HYPERLINK(...)``, ``+``, ``-``, ``@``, and a tab or carriage
#: return before one): such a cell gets a leading ``'``, which makes it text (OWASP, "CSV Injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value``, with a ``'`` before it when it is text a spreadsheet would run as a formula; also before a value
    that reads as no value (``NA``) and before text that starts with ``'`` and such a character, so that
    :func:`cell_value` gives every value back unchanged."""
    if isinstance(value, str) and (value.startswith(FORMULA_START) or value in NO_VALUE and value
                                   or value.startswith("'") and (value[1:2].startswith(("'", *FORMULA_START))
                                                                 or value[1:] in NO_VALUE)):  # fmt: skip
        return "'" + value
    return value


def cell_value(cell: str) -> str:
    """A cell's value: white space around it trimmed, ``""`` for a cell of :data:`NO_VALUE`, and the ``'``
    :func:`safe_cell` puts before a formula-like value taken off."""
    text = cell.strip()
    if text in NO_VALUE:
        return ""
    if text.startswith("'") and (text[1:2].startswith(("'", *FORMULA_START)) or text[1:] in NO_VALUE):
        return text[1:]
    return text


def _ended(lines: Iterable[str]) -> Iterator[str]:
    for line in lines:
        yield line + "\n"


def iter_rows(lines: Iterable[str], delimiter: str, first_line: int = 1) -> Iterator[tuple[int, list[str]]]:
    """``(line, cells)`` for each row of the table, ``line`` the number of the row's first line (counted from
    ``first_line``). Rows with no text at all are skipped. A quote left open runs to the end of the input,
    as in every CSV reader; :class:`csv.Error` (a NUL byte, a cell over the size limit) is raised with its line.
    """
    reader = csv.reader(_ended(lines), delimiter=delimiter, strict=False)
    before = 0  # lines consumed before the row being read
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise csv.Error(f"line {first_line + before}: {exc}") from None
        start = first_line + before
        before = reader.line_num
        if any(cells):
            yield start, cells


csv.field_size_limit(MAX_LINE_CHARS)  # Scopus's References and Ovid's abstracts exceed csv's 128 KiB default
