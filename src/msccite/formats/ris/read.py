"""The RIS reader (the format's surface is the package, :mod:`msccite.formats.ris`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from ...context import ReadContext
from ...lazyre import compile_cached
from ...model import DATE_VARIABLES, Date, Extra, Record
from ..carriers import parse_date, parse_name, read_carrier
from ..tagged import is_isbn
from .fields import _PAGE_RANGE, _PMID, _canonical_tags, _precision, _Table, _table
from .map import (
    BOOK_TYPES,
    CANONICAL_TAG,
    CSL_TO_TYPE,
    LIST_TAGS,
    NAME_LIST_PART,
    NAME_LIST_PARTS,
    NAME_LIST_TAGS,
    NAME_TAGS,
    SPLIT_LINES,
    TYPE_TO_CSL,
)

NAME = "ris"
EXTENSIONS = (".ris",)
DESCRIPTION = "RIS tagged format (Reference Manager, EndNote, Zotero, Scopus, Web of Science, Embase ...)"

_TAG = compile_cached(r"([A-Z][A-Z0-9]) ( ?)-(?: (.*)|\s*)$")
# Rayyan: "UR  - https://...     U2  - L2029". The look-behind makes a match start only where a run of
# spaces starts, so a long run of spaces costs linear time, not quadratic.
_RUN_ON = compile_cached(r"(?<!\s)\s{3,}([A-Z][A-Z0-9])  - ")
_SEPARATOR = compile_cached(r"\d+\.\s*|Record #\d+ of \d+\s*|(?:Provider|Content): .*")

_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_TAGS = frozenset(a + b for a in _UPPER for b in _UPPER + "0123456789")  # what _TAG's tag group matches
_NAME_PART = compile_cached(NAME_LIST_PART)
_DATE_SLOTS = frozenset(DATE_VARIABLES)
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
    for n, line in enumerate(lines, ctx.first_line):
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
                if (rec := ctx.build(start, _build, entries, start, ctx)) is not None:
                    yield rec
                start = 0
                continue
            if tag == "TY":
                ctx.warn(n, f"TY before the ER of the record that starts at line {start}; that record ends here")
                if (rec := ctx.build(start, _build, entries, start, ctx)) is not None:
                    yield rec
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
        if (rec := ctx.build(start, _build, entries, start, ctx)) is not None:
            yield rec


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
    table = _table(ty)
    plain = _paired_plain(table, entries) if table.paired else table.plain
    fields, keys = rec.fields, rec.keys
    extras: list[tuple[int, Extra]] = []  # (line, extra), sorted at the end to keep file order
    singles: dict[str, list[tuple[str, Any, int, str]]] = {}
    pages: dict[str, tuple[str, int]] = {}
    for tag, value, line in zip(entries.tags[1:], entries.values[1:], entries.lines[1:], strict=True):
        slot = plain.get(tag)
        if slot is not None:  # the commonest tags first: these do not depend on the rest of the record
            if value:
                _add_single(singles, slot, tag, value, line)
            else:
                extras.append((line, Extra(NAME, tag, value)))
            continue
        var = NAME_TAGS.get(tag)
        if var is not None:
            if value and tag in NAME_LIST_TAGS and _is_name_list(value):
                extras.append((line, Extra(NAME, tag, value)))  # many people in one line (Ovid): no name
                continue
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
            slot = _slot(tag, value, ty, entries, table) if value else None
            if slot is None:
                extras.append((line, Extra(NAME, tag, value)))
            else:
                _add_single(singles, slot, tag, value, line)
    if pages:
        _lone_sp(pages, table, singles, extras)
    for slot, candidates in singles.items():
        if slot == "issued" and "issued" in fields:
            continue  # an N1 [csl:issued=json] note holds the exact date; PY/DA show it as RIS can
        _resolve(rec, slot, candidates, extras, table)
    if pages:
        _set_pages(rec, pages, extras, table)
    for var, key in _CANONICAL_LIST_KEYS.items():
        if keys.get(var) == key:
            del keys[var]
    if extras:
        extras.sort(key=lambda x: x[0])
        rec.extra = [e for _, e in extras] + rec.extra
    return rec


def _paired_plain(table: _Table, entries: _Entries) -> dict[str, str]:
    """The type's plain tags, with the paired tags (``map.TYPE_READ_WITH``) whose other tag this record has
    (with a value) read as their variable: a conference's T2 beside a C3 is the conference name."""
    present = {tag for tag, value in zip(entries.tags, entries.values, strict=True) if value}
    pairs = {tag: var for tag, (var, other) in table.paired.items() if other in present}
    return {**table.plain, **pairs} if pairs else table.plain


def _is_name_list(value: str) -> bool:
    """One line that holds a list of many people, not one person's name (``map.NAME_LIST_PARTS``)."""
    if "\n" in value or value.count(",") < NAME_LIST_PARTS - 1:
        return False
    names = 0
    for part in value.split(","):
        if _NAME_PART.fullmatch(part.strip()):
            names += 1
            if names >= NAME_LIST_PARTS:
                return True
    return False


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


def _slot(tag: str, value: str, ty: str, entries: _Entries, table: _Table) -> str | None:
    """The variable of a tag that is not one of the type's plain tags, or None (an extra)."""
    if tag == "BT":
        return "title" if ty in BOOK_TYPES and ty != "CHAP" else "container-title"
    if tag == "JO":  # full name or abbreviation, depending on the exporter: abbreviation if a full one differs
        full = _first_value(entries, "T2") or _first_value(entries, "JF")
        return "container-title-short" if full and full != value else "container-title"
    if tag == "AN":
        return "PMID" if _PMID.fullmatch(value) else "archive_location"
    checked = table.checked.get(tag)
    if checked is not None and checked[1](value):
        return checked[0]
    return None


def _lone_sp(pages: dict[str, tuple[str, int]], table: _Table, singles: dict[str, list[tuple[str, Any, int, str]]],
             extras: list[tuple[int, Extra]]) -> None:  # fmt: skip
    """Where SP alone is not the page (a book's number of pages; a figure's description, an extra), it is
    read so: unless EP is there too, or (but for a description) SP holds a range, as exporters that ignore
    the type tables write pages."""
    var, check = table.sp
    sp = pages.get("SP")
    if var == "page" or sp is None or "EP" in pages or var is not None and _PAGE_RANGE.fullmatch(sp[0]):
        return
    del pages["SP"]
    if var is not None and (check is None or check(sp[0])):
        _add_single(singles, var, "SP", sp[0], sp[1])
    else:
        extras.append((sp[1], Extra(NAME, "SP", sp[0])))


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
    return "ISBN" if is_isbn(value) else "ISSN"


def _resolve(rec: Record, slot: str, candidates: list[tuple[str, Any, int, str]],
             extras: list[tuple[int, Extra]], table: _Table) -> None:  # fmt: skip
    if len(candidates) == 1:  # the common case: one tag for the variable
        tag, value, _, text = candidates[0]
        rec.fields[slot] = value  # a non-empty string or a Date: what rec[slot] = value stores
        if [tag] != _canonical_tags(slot, value, text, table):
            rec.keys[slot] = "ris:" + tag
        return
    order = table.order.get(slot, ())
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
    if tags != _canonical_tags(slot, value, winner[3], table):
        rec.keys[slot] = "ris:" + ",".join(tags)


def _set_pages(rec: Record, pages: dict[str, tuple[str, int]], extras: list[tuple[int, Extra]],
               table: _Table) -> None:  # fmt: skip
    sp, ep = pages.get("SP"), pages.get("EP")
    if "page" in rec.fields:  # the type's own page tag (a book's SE) holds it: SP and EP stay as they are
        extras.extend((p[1], Extra(NAME, tag, p[0])) for tag, p in (("SP", sp), ("EP", ep)) if p)
        return
    tags = ["SP"]
    if sp and ep:
        rec["page"] = f"{sp[0]}-{ep[0]}" if "-" not in sp[0] else sp[0]
        if "-" in sp[0]:
            extras.append((ep[1], Extra(NAME, "EP", ep[0])))
        else:
            tags.append("EP")
    elif sp:
        rec["page"] = sp[0]
    elif ep:
        extras.append((ep[1], Extra(NAME, "EP", ep[0])))
    if sp and table.sp[0] != "page":  # a book's pages where its type has them elsewhere: keep SP (and EP)
        rec.keys["page"] = "ris:" + ",".join(tags)
