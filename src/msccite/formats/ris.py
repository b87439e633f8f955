"""RIS: the tagged format every reference manager and database exports (``TY  - JOUR`` ... ``ER  - ``).

Reader: tolerant of what real exporters write (see ``docs/formats/ris.md``): a BOM, CRLF, one
space instead of two before the dash (``TY - JOUR``), ``ER`` with or without its trailing space,
no newline at the end, untagged continuation lines (EndNote, Citavi, Rayyan, Web of Science),
two tags run together on one line (Rayyan), record numbers and headers between records (Ovid,
Cochrane), a last record without ``ER`` (kept, and reported). Repeated tags are all kept in order;
tags the model has no variable for are kept as extras and written back. The tags whose meaning
depends on the reference type (M1, M2, M3, C1-C8, VL, IS, SE, NV, SP) are read and written by the
type's table of the RIS specification (``ris_map.TYPE_TABLE``).

Writer: canonical RIS (``TAG  - value``, TY first, ER last, one AU per person as
``Family, Given``) that Zotero and EndNote import. A record read from RIS keeps its own tags
(``T1`` stays ``T1``); values RIS has no tag for travel in ``N1  - [csl:VARIABLE] value`` notes,
and extras of other formats in ``N1  - [format:key] value``, so nothing is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any, NamedTuple, TextIO

from ..context import ReadContext, WriteContext
from ..model import DATE_VARIABLES, LIST_VARIABLES, NAME_VARIABLES, Date, Extra, Record
from .carriers import (
    carried,
    date_carrier,
    exact_date,
    extra_note,
    format_date,
    parse_date,
    parse_name,
    read_carrier,
)
from .ris_map import (
    BOOK_TYPES,
    CANONICAL_TAG,
    CHECKED,
    CSL_TO_TYPE,
    LIST_TAGS,
    NAME_LIST_PART,
    NAME_LIST_PARTS,
    NAME_LIST_TAGS,
    NAME_TAGS,
    PMID_IN_AN,
    SINGLE_TAGS,
    SPLIT_LINES,
    TYPE_ALSO_READ,
    TYPE_READ_WITH,
    TYPE_TABLE,
    TYPE_TO_CSL,
    WRITE_ORDER,
)
from .tagged import is_isbn, write_records

NAME = "ris"
EXTENSIONS = (".ris",)
DESCRIPTION = "RIS tagged format (Reference Manager, EndNote, Zotero, Scopus, Web of Science, Embase ...)"

_TAG = re.compile(r"([A-Z][A-Z0-9]) ( ?)-(?: (.*)|\s*)$")
# Rayyan: "UR  - https://...     U2  - L2029". The look-behind makes a match start only where a run of
# spaces starts, so a long run of spaces costs linear time, not quadratic.
_RUN_ON = re.compile(r"(?<!\s)\s{3,}([A-Z][A-Z0-9])  - ")
_SEPARATOR = re.compile(r"\d+\.\s*|Record #\d+ of \d+\s*|(?:Provider|Content): .*")
_PAGE_RANGE = re.compile(r"([^\s,;–—-]+)-([^\s,;–—-]+)")

_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_TAGS = frozenset(a + b for a in _UPPER for b in _UPPER + "0123456789")  # what _TAG's tag group matches
_PMID = re.compile(PMID_IN_AN)
_NAME_PART = re.compile(NAME_LIST_PART)
_DATE_SLOTS = frozenset(DATE_VARIABLES)
_PLAIN_TAGS = _TAGS - {"TY", "ER"}
_KEY_OF_TAG: dict[str, str] = {tag: "ris:" + tag for tag in _TAGS}
# Source keys the canonical tag of a list variable would give: not worth keeping as a hint.
_CANONICAL_LIST_KEYS: dict[str, str] = {
    var: "ris:" + CANONICAL_TAG[var]
    for var in ("author", "editor", "collection-editor", "contributor", "translator", "keyword", "URL", "note",
                "ISSN", "ISBN")
}  # fmt: skip


# -- the type tables ------------------------------------------------------------------------------
Check = Callable[[str], bool]


def _check(var: str) -> Check | None:
    shape = CHECKED.get(var)
    if shape is None:
        return None
    if shape == "date":
        return lambda text: bool(parse_date(text).parts)
    return re.compile(shape).fullmatch  # type: ignore[return-value]


# Tags whose variable depends on the type: any a type's table names, and SP (number of pages for books)
_TYPED = frozenset({tag for row in TYPE_TABLE.values() for tag in row}
                   | {tag for row in TYPE_ALSO_READ.values() for tag in row} | {"SP"})  # fmt: skip
# Tags whose variable depends on the rest of the record or on the value: left to _slot
_CONTEXT_TAGS = frozenset({"BT", "JO", "AN"})


class _Table(NamedTuple):
    """How one RIS type reads and writes its single-valued tags (``ris_map.TYPE_TABLE`` compiled)."""

    plain: dict[str, str]  # tag -> variable, whatever the value
    checked: dict[str, tuple[str, Check]]  # tag -> variable, when the value passes the check
    order: dict[str, tuple[str, ...]]  # variable -> its tags, the type's own first: the first that fits is written
    sp: tuple[str | None, Check | None]  # what a lone SP holds ("page": SP and EP are the pages; None: nothing)
    own: dict[str, str | None]  # variable -> the tag written whatever the value (None: no tag), where known
    paired: dict[str, tuple[str, str]]  # tag -> (variable, tag): the variable when the other tag has a value


def _compile(ty: str) -> _Table:
    row, also, paired = TYPE_TABLE.get(ty, {}), TYPE_ALSO_READ.get(ty, {}), TYPE_READ_WITH.get(ty, {})
    plain: dict[str, str] = {}
    checked: dict[str, tuple[str, Check]] = {}
    order: dict[str, list[str]] = {}
    own = [(tag, var) for tag, var in row.items() if tag != "SP"]
    usual = [(tag, var) for var, tags in SINGLE_TAGS.items() for tag in tags if tag not in row]
    for tag, var, can_check in [(t, v, True) for t, v in own] + [(t, v, False) for t, v in usual] + [
            (t, v, True) for t, v in also.items()]:  # fmt: skip
        if var is None:
            continue
        order.setdefault(var, []).append(tag)
        if tag in _CONTEXT_TAGS or tag in plain or tag in checked:
            continue
        check = _check(var) if can_check else None
        if check is None:
            plain[tag] = var
        else:
            checked[tag] = (var, check)
    for tag, (var, _) in paired.items():
        order.setdefault(var, []).append(tag)
    sp = row.get("SP", "page")
    if sp is not None and sp != "page":
        order.setdefault(sp, []).append("SP")
    table = _Table(plain, checked, {var: tuple(tags) for var, tags in order.items()},
                   (sp, _check(sp) if sp else None), {}, paired)  # fmt: skip
    for var, tags in table.order.items():  # the writer's tag, where no check on the value comes first
        eligible = [tag for tag in tags if tag in _TYPED or tag == CANONICAL_TAG.get(var)]
        if not eligible:
            table.own[var] = None
        elif eligible[0] in plain or eligible[0] not in _TYPED and eligible[0] not in checked:
            table.own[var] = eligible[0]
    for tag, (var, _) in paired.items():  # written under the tag (when the other tag is written too)
        table.own[var] = tag
    return table


_TABLES: dict[str, _Table] = {ty: _compile(ty) for ty in {*TYPE_TO_CSL, *TYPE_TABLE}}
_OTHER_TYPE = _compile("")  # a type the specification does not list: every tag has its usual meaning


def _table(ty: str) -> _Table:
    return _TABLES.get(ty.upper(), _OTHER_TYPE)


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
    """The type's plain tags, with the paired tags (``ris_map.TYPE_READ_WITH``) whose other tag this record has
    (with a value) read as their variable: a conference's T2 beside a C3 is the conference name."""
    present = {tag for tag, value in zip(entries.tags, entries.values, strict=True) if value}
    pairs = {tag: var for tag, (var, other) in table.paired.items() if other in present}
    return {**table.plain, **pairs} if pairs else table.plain


def _is_name_list(value: str) -> bool:
    """One line that holds a list of many people, not one person's name (``ris_map.NAME_LIST_PARTS``)."""
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


# -- writing --------------------------------------------------------------------------------------
def _canonical_tags(slot: str, value: Any, text: str, table: _Table) -> list[str]:
    """The tags the writer gives ``slot`` when the record has no hint (the reader keeps a hint otherwise)."""
    if slot == "page" and table.sp[0] == "page":
        return ["SP", "EP"]
    if slot == "issued":
        return ["PY", "DA"] if isinstance(value, Date) and _precision(value) > 1 else ["PY"]
    tag = _own_tag(slot, text, table)
    return [tag] if tag else [CANONICAL_TAG.get(slot, "")]


def _holds(table: _Table, tag: str, var: str, text: str) -> bool:
    """This type reads ``text`` under ``tag`` as ``var``."""
    if tag in table.plain:
        return table.plain[tag] == var
    checked = table.checked.get(tag)
    if checked is not None:
        return checked[0] == var and checked[1](text)
    if tag == "SP":
        sp, check = table.sp
        return sp == var != "page" and not _PAGE_RANGE.fullmatch(text) and (check is None or check(text))
    return tag not in _TYPED  # BT, JO, AN ...: the reader's own rules decide, as the hint has them


def _own_tag(var: str, text: str, table: _Table) -> str | None:
    """The first tag of the type's table, or the variable's usual tag, that holds this value."""
    if var in table.own:
        return table.own[var]
    usual = CANONICAL_TAG.get(var)
    for tag in table.order.get(var, ()):
        if (tag in _TYPED or tag == usual) and _holds(table, tag, var, text):
            return tag
    return None


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
        if var in NAME_VARIABLES:
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
        elif var in DATE_VARIABLES:
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
