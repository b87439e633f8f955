"""XLSX: the CSV tables' columns in an Excel workbook (one sheet), written with openpyxl (``msccite[excel]``).

Reading: any workbook (.xlsx, or .xls with xlrd) is turned into CSV text when it is opened
(``workbook.workbook_text``) and read as its table is; this format's reader is the csv reader.
Writing: text cells are written as strings, so that a value that starts with ``=`` is text, not a formula; characters
XML cannot hold (control characters) are left out and counted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import IO

from ...context import WriteContext
from ...errors import MscciteError
from ...model import Record
from .read import read
from .write import rows

__all__ = ["NAME", "detect", "read", "write"]

NAME = "xlsx"
ALIASES = ("excel",)
EXTENSIONS = (".xlsx",)
DESCRIPTION = "Excel workbooks (.xlsx; .xls read with xlrd): the same columns as csv"
BINARY = True
#: The most characters an Excel cell holds: a longer value (Scopus's cited references) is cut there, and reported.
MAX_CELL = 32_767
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def detect(sample: str) -> float:
    return 0.0  # a workbook is opened as its first sheet's CSV text, and detected as that table


def write(records: Iterable[Record], out: IO[str], ctx: WriteContext) -> None:
    try:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
    except ImportError:
        raise MscciteError("writing .xlsx needs openpyxl: pip install 'msccite[excel]' (or write .csv)") from None
    binary = getattr(out, "buffer", None)
    if binary is None:
        raise MscciteError("xlsx is a binary format: write it to a file (msccite.write(records, 'out.xlsx')), "
                           "not to a string")  # fmt: skip
    book = Workbook(write_only=True)
    sheet = book.create_sheet("records")
    header: list[str] = []
    for row in rows(records, ctx):
        header = header or row
        cells = []
        for i, text in enumerate(row):
            if _ILLEGAL.search(text):
                text = _ILLEGAL.sub("", text)
                ctx.omitted("control characters (XLSX cannot hold them)")
            if len(text) > MAX_CELL:
                text = text[:MAX_CELL]
                ctx.dropped(f"{header[i]} beyond Excel's {MAX_CELL:,} characters a cell")
            cell = WriteOnlyCell(sheet, value=text or None)
            if text:
                cell.data_type = "s"  # text, never a formula
            cells.append(cell)
        sheet.append(cells)
    out.flush()
    book.save(binary)
    binary.flush()
