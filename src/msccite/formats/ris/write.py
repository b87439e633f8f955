"""The RIS writer: canonical RIS (``TAG  - value``, TY first, ER last), a record read from RIS with its own tags."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TextIO

from ...context import WriteContext
from ...model import DATE_SET, LIST_VARIABLES, NAME_SET, Date, Extra, Record
from ..carriers import carried, date_carrier, exact_date, extra_note, format_date, parse_date
from ..tagged import write_records
from .fields import _PAGE_RANGE, _PMID, _TYPED, _canonical_tags, _holds, _own_tag, _Table, _table
from .map import CANONICAL_TAG, CSL_TO_TYPE, TYPE_TO_CSL, WRITE_ORDER
from .read import NAME

_WRITE_RANK = {var: i for i, var in enumerate(WRITE_ORDER)}


def _line(out: list[str], tag: str, value: Any) -> None:
    out.append(f"{tag}  - {value}" if value != "" else f"{tag}  - ")


def _hint(rec: Record, var: str) -> list[str] | None:
    hint = rec.keys.get(var, "")
    return hint[4:].split(",") if hint.startswith("ris:") else None


def _single_tags(rec: Record, var: str, text: str, table: _Table) -> list[str]:
    """The tags that hold a single-valued variable in this record's type: its hint's, else the type's own;
    none when no tag of the type holds it (it is carried in a note, or left out)."""
    if var == "archive_location":  # AN, unless it would read back as a PMID
        return [] if _PMID.fullmatch(text) else ["AN"]
    if var == "PMID":
        return ["AN"] if _PMID.fullmatch(text) and "archive_location" not in rec else []
    if var in rec.keys:
        hint = _hint(rec, var)
        tags = [tag for tag in hint if _holds(table, tag, var, text)] if hint else []
        if tags:
            return tags
    tag = _own_tag(var, text, table)
    return [tag] if tag else []


def _page_tags(rec: Record, text: str, table: _Table, extra_ep: bool) -> list[str]:
    """``["SP", "EP"]`` (SP and EP as the range, or SP alone) or one tag that holds the whole value."""
    if table.sp[0] == "page":
        return ["SP", "EP"]
    hint = _hint(rec, "page")
    if hint in (["SP"], ["SP", "EP"]) and _PAGE_RANGE.fullmatch(text) and (
            hint == ["SP", "EP"] or table.sp[0] is not None or extra_ep):  # fmt: skip
        return hint  # a book's pages as SP and EP, as read: the reader takes SP with EP, or a range, for them
    tag = _own_tag("page", text, table)
    return [tag] if tag else []


def _written_or_in(tag: str, tags: list[str], written: dict[str, list[str]]) -> bool:
    return tag in tags or any(tag in ts for ts in written.values())


def _paired_tags(table: _Table, var: str, tags: list[str], written: dict[str, list[str]]) -> list[str]:
    """Of the tags for ``var``, those the reader will read as ``var``: a paired tag (a conference's T2) holds its
    paired variable only beside its other tag (C3), and any other variable only without it."""
    kept = []
    for tag in tags:
        pair = table.paired.get(tag)
        if pair is None or (pair[0] == var) == _written_or_in(pair[1], tags, written):
            kept.append(tag)
    return kept


def _reads_as(table: _Table, tag: str, text: str, written: dict[str, list[str]], extra_ep: bool) -> str | None:
    """The variable the reader takes ``text`` under a typed ``tag`` for, written after the record's variables."""
    if tag == "SP":
        var, check = table.sp
        if "SP" in written.get("page", ()) or var and "SP" in written.get(var, ()):
            return None  # a second SP: the reader takes the first
        if var == "page" or extra_ep or var is not None and _PAGE_RANGE.fullmatch(text):
            return "page"
        return var if var is not None and (check is None or check(text)) else None
    var = table.plain.get(tag)
    if var is None and tag in table.checked:
        var, check = table.checked[tag]
        return var if check(text) else None
    return var


def _extra_is_read_as_variable(rec: Record, e: Extra, table: _Table, written: dict[str, list[str]],
                               extra_ep: bool) -> bool:  # fmt: skip
    """An extra under a tag this type gives a variable, that the reader would take for the variable's value:
    when the record has none, when it has the same one under other tags, or when its tag comes first. A paired
    tag (a conference's T2) is read as its paired variable when the record has none and the other tag is written."""
    if not isinstance(e.value, str) or not e.value:
        return False
    pair = table.paired.get(e.key)
    if pair is not None and pair[0] not in written and _written_or_in(pair[1], [], written):
        return True
    if e.key not in _TYPED:
        return False
    var = _reads_as(table, e.key, e.value, written, extra_ep)
    if var is None:
        return False
    tags = written.get(var)
    if not tags:
        return True
    current = rec[var]
    if e.key not in tags and current == (parse_date(e.value) if isinstance(current, Date) else e.value):
        return True
    rank = {tag: i for i, tag in enumerate(table.order.get(var, ()))}
    return rank.get(e.key, 99) < min(rank.get(tag, 99) for tag in tags)


def _record_lines(rec: Record, ctx: WriteContext) -> list[str]:
    out: list[str] = []
    type_hint = _hint(rec, "type")
    ty = CSL_TO_TYPE.get(rec.type, "GEN")
    if type_hint and TYPE_TO_CSL.get(type_hint[0], "document") == rec.type:
        ty = type_hint[0]
    table = _table(ty)
    _line(out, "TY", ty)
    if rec.id is not None:
        _line(out, "ID", rec.id)
    written: dict[str, list[str]] = {}  # variable -> the tags that hold it
    late: list[str] = []  # notes for what a tag showed only in part
    extra_ep = any(e.format == NAME and e.key == "EP" and e.value for e in rec.extra)  # SP + EP: the pages
    fields = rec.fields
    for var in sorted((v for v in fields if v in _WRITE_RANK), key=_WRITE_RANK.__getitem__):
        value = fields[var]
        if var in NAME_SET:
            tags = _hint(rec, var) or [CANONICAL_TAG[var]]
            for name in value:
                _line(out, tags[0], name.inverted())
        elif var in LIST_VARIABLES:
            tags = _hint(rec, var) or [CANONICAL_TAG[var]]
            for v in value:
                _line(out, tags[0], v)
        elif var == "issued":
            tags = _hint(rec, var) or _canonical_tags(var, value, "", table)
            if not exact_date(value) and ctx.carry("date range/season/circa/literal", "N1 notes"):
                late.append(date_carrier(var, value))
            full_in_py = "DA" not in tags
            for tag in tags:
                _line(out, tag, format_date(value, tag == "DA" or full_in_py))
        elif var in DATE_SET:
            if not exact_date(value):
                continue  # carried or left out below
            tags = _single_tags(rec, var, format_date(value), table)
            for tag in tags:
                _line(out, tag, format_date(value))
        elif var == "page":
            tags = _page_tags(rec, str(value), table, extra_ep)
            m = _PAGE_RANGE.fullmatch(str(value))
            if tags == ["SP", "EP"] and m:
                _line(out, "SP", m.group(1))
                _line(out, "EP", m.group(2))
            elif tags:
                _line(out, tags[0], value)
        else:
            tags = _single_tags(rec, var, str(value), table)
            if table.paired and tags:
                tags = _paired_tags(table, var, tags, written)
            if tags == ["SP"] and (extra_ep or "SP" in written.get("page", ())):
                tags = []  # the reader would take SP (with the EP extra) for the pages
            for tag in tags:
                _line(out, tag, value)
        if tags:
            written[var] = tags
    for e in rec.extra:
        if e.format != NAME:
            continue
        if _extra_is_read_as_variable(rec, e, table, written, extra_ep):
            _line(out, "N1", extra_note(e))  # in its place: read back as this extra, not as the variable
        else:
            _line(out, e.key, e.value)
    type_written = rec.type in CSL_TO_TYPE or TYPE_TO_CSL.get(ty, "document") == rec.type
    for note in [*late, *carried(rec, written.__contains__, NAME, ctx, "N1 notes", type_written=type_written)]:
        _line(out, "N1", note)
    _line(out, "ER", "")
    return out


def write(records: Iterable[Record], out: TextIO, ctx: WriteContext) -> None:
    """Write records as RIS, one blank line between records."""
    write_records(records, out, ctx, lambda rec, ctx: "\n".join(_record_lines(rec, ctx)).replace("\r", ""))
