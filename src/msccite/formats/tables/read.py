"""Reading a table: the header, the source's map, one record a row (or a block, for Embase's rows layout)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from types import ModuleType

from ...context import ReadContext
from ...model import Extra, Record
from ..wos.map import MULTI_TAGS as WOS_MULTI_TAGS
from ..wos.read import NAME as WOS_NAME
from ..wos.read import build_record as build_wos_record
from . import maps
from .build import EXTRA_FORMAT, Columns, build
from .maps import embase
from .parse import cell_value, iter_rows, sniff_delimiter

__all__ = ["read", "header_line"]


def header_line(lines: Iterator[str]) -> tuple[int, str] | None:
    """The first line with text, and its number (1-based)."""
    for n, line in enumerate(lines, 1):
        if line.strip():
            return n, line
    return None


def read(lines: Iterable[str], ctx: ReadContext) -> Iterator[Record]:
    it = iter(lines)
    first = header_line(it)
    if first is None:
        return
    n, header = first
    header = header.lstrip("\ufeff")
    delimiter = sniff_delimiter(header)
    if _is_field_rows(header, delimiter):
        yield from _read_field_rows(_chain(header, it), n, delimiter, ctx)
        return
    cells = next(csv.reader([header], delimiter=delimiter))
    source = maps.find(cells) or maps.generic
    if source is maps.wos:
        yield from _read_wos(it, cells, n, delimiter, ctx)
        return
    cols = Columns(cells, source)
    width = len(cells)
    try:
        for line, row in iter_rows(it, delimiter, n + 1):
            repeats: list[str] = []
            if len(row) > width and (cols.repeat_at is not None or any(cell_value(c) for c in row[width:])):
                row, repeats = _surplus(row, cols, line, ctx)
            if (rec := ctx.build(line, build, cols, row, line, ctx, repeats)) is not None:
                yield rec
    except csv.Error as exc:
        ctx.problem(None, f"cannot read the table: {exc}; the rows before are kept")


def _surplus(row: list[str], cols: Columns, line: int, ctx: ReadContext) -> tuple[list[str], list[str]]:
    """A row with more cells than the header. Where the source repeats a column its header names once (Scopus's
    ``Funding Text 1``, then ``Funding Text 2`` ... in the rows only), the surplus cells are those repeats: the
    cells after them are read by the header from the right, never shifted. Otherwise the cells after the last
    column are kept as extras (``column N``) with a warning."""
    surplus = len(row) - len(cols.headers)
    at = cols.repeat_at
    if at is None:
        width = len(cols.headers)
        ctx.warn(line, f"row has {len(row)} cells, the header {width}: the cells after column {width} are kept "
                       "as extras ('column N'), the others read by their header")  # fmt: skip
        return row, []
    return row[: at + 1] + row[at + 1 + surplus :], row[at + 1 : at + 1 + surplus]


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest


def _read_wos(lines: Iterator[str], tags: list[str], header_at: int, delimiter: str,
              ctx: ReadContext) -> Iterator[Record]:  # fmt: skip
    """Web of Science's rows, each read as the tagged format's record, ``; `` between the values of a tag. The
    tab-delimited file has no quoting (a quote is a quote; one record a line); its Excel export, opened as CSV text,
    is quoted CSV."""
    tags = [t.strip() for t in tags]
    if delimiter == "\t":
        rows: Iterable[tuple[int, list[str]]] = ((n, ln.split("\t")) for n, ln in enumerate(lines, header_at + 1)
                                                 if ln.strip())  # fmt: skip
    else:
        rows = iter_rows(lines, delimiter, header_at + 1)
    for line_no, cells in rows:
        entries = []
        for i, value in enumerate(cells):
            value = value.strip()
            if not value:
                continue
            tag = tags[i] if i < len(tags) else ""
            if not tag:
                ctx.warn(line_no, f"cell {i + 1} has no tag in the header; kept as an extra")
                tag = f"column {i + 1}"
            parts = split_outside_brackets(value) if tag in WOS_MULTI_TAGS else [value]
            entries.append([tag, parts, line_no])
        if entries and (rec := ctx.build(line_no, _wos_record, entries, line_no, ctx)) is not None:
            yield rec


def _wos_record(entries: list[list[object]], line: int, ctx: ReadContext) -> Record:
    """A tab-delimited row read as the tagged format's record; what that reader keeps as its extras are this table's
    columns (``C1``, ``CR``, ``UT`` …), so that a csv, tsv or xlsx written from it keeps them."""
    rec = build_wos_record(entries, line, ctx)
    rec.extra = [Extra(EXTRA_FORMAT, e.key, e.value) if e.format == WOS_NAME else e for e in rec.extra]
    return rec


def split_outside_brackets(value: str) -> list[str]:
    """``[Doe, John; Roe, Rita] Univ A; [Poe, Edgar] Univ B`` -> the two addresses: ``; `` between values, not inside
    the brackets of WoS's ``C1`` (the authors of an address)."""
    if "[" not in value:
        return value.split("; ")
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(value):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(depth - 1, 0)
        elif ch == ";" and depth == 0 and value.startswith("; ", i):
            parts.append(value[start:i])
            start = i + 2
    parts.append(value[start:])
    return parts


def _is_field_rows(header: str, delimiter: str) -> bool:
    """Embase's fields-in-rows layout: no header; the first line is ``"TITLE","value"``."""
    first = next(csv.reader([header], delimiter=delimiter), [])
    return bool(first) and first[0].strip() in embase.ROW_FIELDS and first[0].strip().isupper()


def _read_field_rows(lines: Iterator[str], first_line: int, delimiter: str, ctx: ReadContext) -> Iterator[Record]:
    """Embase's fields-in-rows layout: a block of ``"FIELD NAME","value1","value2"`` lines a record, a blank line
    between records; each value of a multi-valued field in its own cell."""
    source = _RowsMap
    block: list[tuple[str, list[str]]] = []
    start = first_line
    for line, row in _rows_with_blanks(lines, delimiter, first_line):
        if row is None:
            if block:
                if (rec := ctx.build(start, _build_block, block, start, ctx, source)) is not None:
                    yield rec
                block = []
            continue
        if not block:
            start = line
        block.append((row[0].strip(), [c for c in row[1:] if cell_value(c)]))
    if block and (rec := ctx.build(start, _build_block, block, start, ctx, source)) is not None:
        yield rec


def _rows_with_blanks(lines: Iterator[str], delimiter: str, first_line: int) -> Iterator[tuple[int, list[str] | None]]:
    """Rows, with ``None`` for each blank line (the record separator of the rows layout)."""
    reader = csv.reader((ln + "\n" for ln in lines), delimiter=delimiter)
    before = 0
    for cells in reader:
        start = first_line + before
        before = reader.line_num
        yield start, (cells if any(c.strip() for c in cells) else None)


class _RowsMap:
    NAME = "embase"
    COLUMNS = embase.ROW_FIELDS
    NAMES = "auto"
    TYPES = embase.TYPES


def _build_block(block: list[tuple[str, list[str]]], start: int, ctx: ReadContext, source: ModuleType) -> Record:
    """One record of the rows layout: its fields as a one-row table, the values of a field joined as the
    columns layout joins them (``; ``)."""
    headers = [name for name, _ in block]
    cells = ["; ".join(values) for _, values in block]
    return build(Columns(headers, source), cells, start, ctx)  # type: ignore[arg-type]



