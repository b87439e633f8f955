"""RIS: the tagged format every reference manager and database exports (``TY  - JOUR`` ... ``ER  - ``).

Reader: tolerant of what real exporters write (see ``docs/formats/ris.md``): a BOM, CRLF, one
space instead of two before the dash (``TY - JOUR``), ``ER`` with or without its trailing space,
no newline at the end, untagged continuation lines (EndNote, Citavi, Rayyan, Web of Science),
two tags run together on one line (Rayyan), record numbers and headers between records (Ovid,
Cochrane), a last record without ``ER`` (kept, and reported). Repeated tags are all kept in order;
tags the model has no variable for are kept as extras and written back.

Writer: canonical RIS (``TAG  - value``, TY first, ER last, one AU per person as
``Family, Given``) that Zotero and EndNote import. A record read from RIS keeps its own tags
(``T1`` stays ``T1``); values RIS has no tag for travel in ``N1  - [csl:VARIABLE] value`` notes,
and extras of other formats in ``N1  - [format:key] value``, so nothing is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, TextIO

from ..context import ReadContext, WriteContext
from ..model import DATE_VARIABLES, LIST_VARIABLES, NAME_VARIABLES, Date, Extra, Record
from .carriers import carried, date_carrier, exact_date, format_date, parse_date, parse_name, read_carrier
from .ris_map import (
    BOOK_TYPES,
    CANONICAL_TAG,
    CSL_TO_TYPE,
    JOURNAL_TYPES,
    LIST_TAGS,
    NAME_TAGS,
    PMID_IN_AN,
    SINGLE_TAGS,
    SPLIT_LINES,
    TYPE_TO_CSL,
    TYPED_TAGS,
    WRITE_ORDER,
)

NAME = "ris"
EXTENSIONS = (".ris",)
DESCRIPTION = "RIS tagged format (Reference Manager, EndNote, Zotero, Scopus, Web of Science, Embase ...)"

_TAG = re.compile(r"([A-Z][A-Z0-9]) ( ?)-(?: (.*)|\s*)$")
# Rayyan: "UR  - https://...     U2  - L2029". The look-behind makes a match start only where a run of
# spaces starts, so a long run of spaces costs linear time, not quadratic.
_RUN_ON = re.compile(r"(?<!\s)\s{3,}([A-Z][A-Z0-9])  - ")
_SEPARATOR = re.compile(r"\d+\.\s*|Record #\d+ of \d+\s*|(?:Provider|Content): .*")
_PAGE_RANGE = re.compile(r"([^\s,;–—-]+)-([^\s,;–—-]+)")
_ISBN_SHAPE = re.compile(r"(?:97[89][\d -]{10,14}|[\d -]{9,12}[\dXx])(?:\s.*)?")
_ISSN_SHAPE = re.compile(r"\d{4}-?\d{3}[\dXx](?:\s.*)?")

_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_TAGS = frozenset(a + b for a in _UPPER for b in _UPPER + "0123456789")  # what _TAG's tag group matches
_SLOT_OF_TAG: dict[str, str] = {tag: slot for slot, tags in SINGLE_TAGS.items() for tag in tags}
# Tags whose variable depends on the rest of the record or on the value (BT, JO, AN) are left to _slot.
_PLAIN_SLOT: dict[str, str] = {tag: slot for tag, slot in _SLOT_OF_TAG.items() if tag not in ("BT", "JO", "AN")}
_PMID = re.compile(PMID_IN_AN)
_PMCID = re.compile(r"PMC\d+")
_DATE_SLOTS = frozenset({"issued", "accessed"})
_PLAIN_TAGS = _TAGS - {"TY", "ER"}
_KEY_OF_TAG: dict[str, str] = {tag: "ris:" + tag for tag in _TAGS}
# Source keys the canonical tag of a list variable would give: not worth keeping as a hint.
_CANONICAL_LIST_KEYS: dict[str, str] = {
    var: "ris:" + CANONICAL_TAG[var]
    for var in ("author", "editor", "collection-editor", "contributor", "translator", "keyword", "URL", "note",
                "ISSN", "ISBN")
}  # fmt: skip
# The same authors recur all through an export: their names are split once (Name is immutable).
_name = lru_cache(maxsize=16384)(parse_name)


# -- detection ------------------------------------------------------------------------------------
def detect(sample: str) -> float:
    """RIS if a ``TY  - `` line opens a record among the first non-blank lines and ER closes one."""
    seen = 0
    for line in sample.splitlines()[:400]:
        stripped = line.strip()
        if not stripped:
            continue
        seen += 1
        m = _TAG.match(line.lstrip("\ufeff"))
        if m and m.group(1) == "TY":
            return 0.95 if m.group(2) else 0.8
        if seen > 12:
            return 0.0
    return 0.0


# -- reading --------------------------------------------------------------------------------------
class _Entries:
    """The tag lines of the record being read, as three parallel lists (one list per line would
    cost an allocation, and a garbage collector's look, per line)."""

    __slots__ = ("tags", "values", "lines")

    def __init__(self, tag: str, value: str, line: int) -> None:
        self.tags = [tag]
        self.values = [value]
        self.lines = [line]


def read(lines: Iterable[str], ctx: ReadContext) -> Iterator[Record]:
    entries = _Entries("", "", 0)  # the record being read (a placeholder until the first TY)
    tags, values, numbers = entries.tags, entries.values, entries.lines
    start = 0  # line of its TY; 0 = outside a record
    blanks = 0  # blank lines after the last value: they count only if text follows them
    loose = False  # this record's TY used one space before the dash: accept that form for its tags
    stray_reported = False
    n = 0
    all_tags, plain, match = _TAGS, _PLAIN_TAGS, _TAG.match
    for n, line in enumerate(lines, 1):
        # Fast path for by far the most common line: "XX  - value" inside a record, XX not TY or ER.
        if start and line[2:6] == "  - " and (tag := line[:2]) in plain:
            value = line[6:].strip()
            if "  - " not in value:
                tags.append(tag)
                values.append(value)
                numbers.append(n)
                blanks = 0
                continue
        if line[2:6] == "  - " and line[:2] in all_tags:  # the same form without a regex
            tag, two, value = line[:2], " ", line[6:]
            m: Any = True
        else:
            m = match(line)
            if m is not None:
                tag, two, value = m.groups()
                if not two and not (loose or tag == "TY" and not start or tag == "ER" and not value):
                    m = None  # "AB - text" inside a strict record is text, not a tag
        if start:
            if m is None:
                if not line.strip():
                    blanks += 1
                    continue
                values[-1] += "\n" * (blanks + 1) + line.rstrip()
                blanks = 0
                continue
            value = value.strip() if value else ""
            if tag == "ER":
                yield _build(entries, start, ctx)
                start = 0
                continue
            if tag == "TY":
                ctx.warn(n, f"TY before the ER of the record that starts at line {start}; that record ends here")
                yield _build(entries, start, ctx)
                entries, start, loose, blanks = _Entries(tag, value, n), n, not two, 0
                tags, values, numbers = entries.tags, entries.values, entries.lines
                continue
            for t, v in _split_run_on(tag, value):  # rarely more than one: several tags run together
                tags.append(t)
                values.append(v)
                numbers.append(n)
            blanks = 0
            continue
        # outside a record
        if m is not None and tag == "TY":
            entries, start, loose, blanks = _Entries(tag, (value or "").strip(), n), n, not two, 0
            stray_reported = False
            tags, values, numbers = entries.tags, entries.values, entries.lines
            continue
        stripped = line.strip().lstrip("\ufeff")
        if not stripped or _SEPARATOR.fullmatch(stripped):
            continue
        if m is not None:
            if not stray_reported:
                ctx.problem(n, f"{tag} before TY: lines up to the next TY skipped")
                stray_reported = True
            continue
        ctx.warn(n, f"text outside a record skipped: {stripped[:60]!r}")
    if start:
        ctx.warn(n, f"the last record (line {start}) has no ER line; it is kept")
        yield _build(entries, start, ctx)


def _split_run_on(tag: str, value: str) -> list[tuple[str, str]]:
    if "  - " not in value:
        return [(tag, value)]
    out: list[tuple[str, str]] = []
    pos = 0
    for m in _RUN_ON.finditer(value):
        out.append((tag, value[pos : m.start()].strip()))
        tag, pos = m.group(1), m.end()
    out.append((tag, value[pos:].strip()))
    return out


def _precision(d: Date) -> int:
    return len(d.parts[0]) if d.parts else 0


def _consistent(a: Date, b: Date) -> bool:
    """b says nothing that a contradicts (same year, and month/day where b has them)."""
    if not a.parts or not b.parts or b.raw:
        return a == b
    return a.parts[0][: len(b.parts[0])] == b.parts[0]


def _build(entries: _Entries, start: int, ctx: ReadContext) -> Record:
    ty = entries.values[0]  # entries start with the TY line
    rec = Record(TYPE_TO_CSL.get(ty.upper(), "document"), source=ctx.where(start))
    if ty and CSL_TO_TYPE.get(rec.type) != ty:
        rec.keys["type"] = "ris:" + ty
    fields, keys = rec.fields, rec.keys
    extras: list[tuple[int, Extra]] = []  # (line, extra), sorted at the end to keep file order
    singles: dict[str, list[tuple[str, Any, int, str]]] = {}
    pages: dict[str, tuple[str, int]] = {}
    for tag, value, line in zip(entries.tags[1:], entries.values[1:], entries.lines[1:], strict=True):
        slot = _PLAIN_SLOT.get(tag)
        if slot is not None:  # the commonest tags first: these do not depend on the rest of the record
            if value:
                _add_single(singles, slot, tag, value, line)
            else:
                extras.append((line, Extra(NAME, tag, value)))
            continue
        var = NAME_TAGS.get(tag)
        if var is not None:
            if value:
                _append(fields, var, _name(value))
            else:
                extras.append((line, Extra(NAME, tag, value)))
            keys.setdefault(var, _KEY_OF_TAG[tag])
        elif tag in LIST_TAGS:
            _read_list(rec, tag, value, line, extras, ctx)
        elif tag in ("SP", "EP") and tag not in pages and value:
            pages[tag] = (value, line)
        elif tag == "ID" and rec.id is None and value:
            rec.id = value
        else:
            slot = _slot(tag, value, ty, entries)
            if slot is None or not value:
                extras.append((line, Extra(NAME, tag, value)))
            else:
                _add_single(singles, slot, tag, value, line)
    for slot, candidates in singles.items():
        if slot == "issued" and "issued" in fields:
            continue  # an N1 [csl:issued=json] note holds the exact date; PY/DA show it as RIS can
        _resolve(rec, slot, candidates, extras)
    _set_pages(rec, pages, extras)
    for var, key in _CANONICAL_LIST_KEYS.items():
        if keys.get(var) == key:
            del keys[var]
    if extras:
        extras.sort(key=lambda x: x[0])
        rec.extra = [e for _, e in extras] + rec.extra
    return rec


def _add_single(singles: dict[str, list[tuple[str, Any, int, str]]], slot: str, tag: str, value: str,
                line: int) -> None:  # fmt: skip
    parsed = parse_date(value) if slot in _DATE_SLOTS else value
    candidates = singles.get(slot)
    if candidates is None:
        singles[slot] = [(tag, parsed, line, value)]
    else:
        candidates.append((tag, parsed, line, value))


def _append(fields: dict[str, Any], var: str, value: Any) -> None:
    """``Record.add`` for a value known not to be empty."""
    values = fields.get(var)
    if values is None:
        fields[var] = [value]
    else:
        values.append(value)


def _first_value(entries: _Entries, tag: str) -> str | None:
    return entries.values[entries.tags.index(tag)] if tag in entries.tags else None


def _slot(tag: str, value: str, ty: str, entries: _Entries) -> str | None:
    if tag == "BT":
        return "title" if ty in BOOK_TYPES and ty != "CHAP" else "container-title"
    if tag == "JO":  # full name or abbreviation, depending on the exporter: abbreviation if a full one differs
        full = _first_value(entries, "T2") or _first_value(entries, "JF")
        return "container-title-short" if full and full != value else "container-title"
    if tag == "AN" and _PMID.fullmatch(value):
        return "PMID"
    typed = TYPED_TAGS.get(tag)
    if typed is not None:
        types, var = typed
        if ty.upper() not in types or (var == "PMCID" and not _PMCID.fullmatch(value)):
            return None
        return var
    return _SLOT_OF_TAG.get(tag)


def _read_list(rec: Record, tag: str, value: str, line: int, extras: list[tuple[int, Extra]],
               ctx: ReadContext) -> None:  # fmt: skip
    if not value:
        extras.append((line, Extra(NAME, tag, value)))
        return
    if tag == "N1" and read_carrier(rec, value, line, ctx, extras):
        return
    values = value.split("\n") if tag in SPLIT_LINES and "\n" in value else [value]
    var = LIST_TAGS[tag]
    for v in values:
        v = v.strip()
        if not v:
            continue
        if tag == "SN":
            var = _sn_variable(v)
        _append(rec.fields, var, v)
        rec.keys.setdefault(var, _KEY_OF_TAG[tag])


@lru_cache(maxsize=4096)
def _sn_variable(value: str) -> str:
    """An SN value is an ISBN when it has the shape of one and not of an ISSN."""
    return "ISBN" if _ISBN_SHAPE.fullmatch(value) and not _ISSN_SHAPE.fullmatch(value) else "ISSN"


def _resolve(rec: Record, slot: str, candidates: list[tuple[str, Any, int, str]],
             extras: list[tuple[int, Extra]]) -> None:  # fmt: skip
    if len(candidates) == 1:  # the common case: one tag for the variable
        tag, value, _, _ = candidates[0]
        rec.fields[slot] = value  # a non-empty string or a Date: what rec[slot] = value stores
        if [tag] != _canonical_tags(slot, value):
            rec.keys[slot] = "ris:" + tag
        return
    order = SINGLE_TAGS.get(slot, ())
    if slot == "issued":
        winner = max(candidates, key=lambda c: (_precision(c[1]), -order.index(c[0])))
    else:
        winner = min(candidates, key=lambda c: (order.index(c[0]) if c[0] in order else 99, c[2]))
    value = winner[1]
    tags = []
    for tag, v, line, text in candidates:
        same = _consistent(value, v) if slot == "issued" else v == value
        if same and tag not in tags:
            tags.append(tag)
        else:
            extras.append((line, Extra(NAME, tag, text)))
    rec.fields[slot] = value
    if tags != _canonical_tags(slot, value):
        rec.keys[slot] = "ris:" + ",".join(tags)


def _set_pages(rec: Record, pages: dict[str, tuple[str, int]], extras: list[tuple[int, Extra]]) -> None:
    sp, ep = pages.get("SP"), pages.get("EP")
    if sp and ep:
        rec["page"] = f"{sp[0]}-{ep[0]}" if "-" not in sp[0] else sp[0]
        if "-" in sp[0]:
            extras.append((ep[1], Extra(NAME, "EP", ep[0])))
    elif sp:
        rec["page"] = sp[0]
    elif ep:
        extras.append((ep[1], Extra(NAME, "EP", ep[0])))


# -- writing --------------------------------------------------------------------------------------
def _canonical_tags(slot: str, value: Any) -> list[str]:
    if slot == "page":
        return ["SP", "EP"]
    if slot == "issued":
        return ["PY", "DA"] if isinstance(value, Date) and _precision(value) > 1 else ["PY"]
    return [CANONICAL_TAG[slot]]


def _line(out: list[str], tag: str, value: Any) -> None:
    out.append(f"{tag}  - {value}" if value != "" else f"{tag}  - ")


def _hint(rec: Record, var: str) -> list[str] | None:
    hint = rec.keys.get(var, "")
    return hint[4:].split(",") if hint.startswith("ris:") else None


_TYPED_VARS = frozenset({"PMID", "PMCID", "number", "archive_location"})


def _typed_fits(var: str, value: Any, ty: str, rec: Record) -> bool:
    """A variable whose tag depends on the type (and the value) has one in this record: the reader's rules."""
    text = str(value)
    if var == "archive_location":  # AN, unless it would read back as a PMID
        return _PMID.fullmatch(text) is None
    if var == "PMID":
        return _PMID.fullmatch(text) is not None and "archive_location" not in rec
    if var == "PMCID" and not _PMCID.fullmatch(text):
        return False
    return ty in JOURNAL_TYPES


def _record_lines(rec: Record, ctx: WriteContext) -> list[str]:
    out: list[str] = []
    type_hint = _hint(rec, "type")
    ty = CSL_TO_TYPE.get(rec.type, "GEN")
    if type_hint and TYPE_TO_CSL.get(type_hint[0], "document") == rec.type:
        ty = type_hint[0]
    _line(out, "TY", ty)
    if rec.id is not None:
        _line(out, "ID", rec.id)
    written = set()
    late: list[str] = []  # notes for what a tag showed only in part
    for var in WRITE_ORDER:
        if var not in rec:
            continue
        value = rec[var]
        if var in _TYPED_VARS and not _typed_fits(var, value, ty, rec):
            continue  # no tag of this type holds it: carried or left out below
        if var in DATE_VARIABLES and var != "issued" and not exact_date(value):
            continue
        written.add(var)
        tags = _hint(rec, var) or _canonical_tags(var, value)
        if var in NAME_VARIABLES:
            for name in value:
                _line(out, tags[0], name.inverted())
        elif var in LIST_VARIABLES:
            for v in value:
                _line(out, tags[0], v)
        elif var == "issued":
            if not exact_date(value) and ctx.carry("date range/season/circa/literal", "N1 notes"):
                late.append(date_carrier(var, value))
            full_in_py = "DA" not in tags
            for tag in tags:
                _line(out, tag, format_date(value, tag == "DA" or full_in_py))
        elif var in DATE_VARIABLES:
            _line(out, tags[0], format_date(value))
        elif var == "page":
            m = _PAGE_RANGE.fullmatch(str(value))
            if m:
                _line(out, "SP", m.group(1))
                _line(out, "EP", m.group(2))
            else:
                _line(out, "SP", value)
        else:
            for tag in tags:
                _line(out, tag, value)
    for e in rec.extra:
        if e.format == NAME:
            _line(out, e.key, e.value)
    type_written = rec.type in CSL_TO_TYPE or TYPE_TO_CSL.get(ty, "document") == rec.type
    for note in [*late, *carried(rec, written.__contains__, NAME, ctx, "N1 notes", type_written=type_written)]:
        _line(out, "N1", note)
    _line(out, "ER", "")
    return out


def write(records: Iterable[Record], out: TextIO, ctx: WriteContext) -> None:
    """Write records as RIS, one blank line between records."""
    first = True
    for rec in records:
        ctx.records += 1
        if not first:
            out.write("\n")
        first = False
        text = "\n".join(_record_lines(rec, ctx))
        out.write(text.replace("\r", "") + "\n")
