"""Small pieces the tagged formats (RIS, EndNote tagged, RefWorks) share, and Word's XML with them: ISSN and ISBN
told apart by their shape, month names, one name a line of a name tag, records written one blank line apart."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TextIO

from ..context import WriteContext
from ..lazyre import compile_cached
from ..model import Name, Record

__all__ = ["ISSN_SHAPE", "ISBN_SHAPE", "is_isbn", "MONTH_NAMES", "MONTHS", "add_names", "write_records"]

ISSN_SHAPE = compile_cached(r"\d{4}-?\d{3}[\dXx](?:\s.*)?")
ISBN_SHAPE = compile_cached(r"(?:97[89][\d -]{10,14}|[\d -]{9,12}[\dXx])(?:\s.*)?")
MONTH_NAMES = "January February March April May June July August September October November December".split()
#: A month's name or its first three letters (and ``sept``), lower-cased -> its number.
MONTHS = {m.lower(): i for i, m in enumerate(MONTH_NAMES, 1)}
MONTHS.update({m[:3].lower(): i for i, m in enumerate(MONTH_NAMES, 1)})
MONTHS["sept"] = 9


def is_isbn(value: str) -> bool:
    """An ISSN-or-ISBN field's value is an ISBN when it has the shape of one and not of an ISSN."""
    return bool(ISBN_SHAPE.fullmatch(value)) and not ISSN_SHAPE.fullmatch(value)


def add_names(rec: Record, var: str, value: str, parse: Callable[[str], Name]) -> None:
    """A name tag's value: one name a line (continuation lines hold more), each read by ``parse``."""
    for part in value.split("\n"):
        if part.strip():
            rec.add(var, parse(part))


def write_records(records: Iterable[Record], out: TextIO, ctx: WriteContext,
                  text: Callable[[Record, WriteContext], str]) -> None:  # fmt: skip
    """Write each record's ``text`` (its lines, without the last line break), one blank line between records."""
    first = True
    for rec in records:
        ctx.records += 1
        if not first:
            out.write("\n")
        first = False
        out.write(text(rec, ctx) + "\n")
