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
from ..model import LIST_VARIABLES, NAME_VARIABLES, Date, Extra, Record
from .carriers import carried, date_carrier, exact_date, format_date, parse_date, parse_name, read_carrier
from .ris_map import (
    BOOK_TYPES,
    CANONICAL_TAG,
    CSL_TO_TYPE,
    LIST_TAGS,
    NAME_TAGS,
    SINGLE_TAGS,
    SPLIT_LINES,
    TYPE_TO_CSL,
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

_SLOT_OF_TAG: dict[str, str] = {tag: slot for slot, tags in SINGLE_TAGS.items() for tag in tags}
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
def read(lines: Iterable[str], ctx: ReadContext) -> Iterator[Record]:
    entries: list[list[Any]] = []  # [tag, value, line] of the record being read
    start = 0  # line of its TY; 0 = outside a record
    loose = False  # this record's TY used one space before the dash: accept that form for its tags
    stray_reported = False
    n = 0
    for n, line in enumerate(lines, 1):
        m = _TAG.match(line)
        if m is not None:
            tag, two, value = m.groups()
            if not two and not (loose or tag == "TY" and not start or tag == "ER" and not value):
                m = None  # "AB - text" inside a strict record is text, not a tag
        if start:
            if m is None:
                last = entries[-1]
                if not line.strip():
                    last[3] += 1  # blank lines inside a value count only if text follows them
                    continue
                last[1] += "\n" * (last[3] + 1) + line.rstrip()
                last[3] = 0
                continue
            value = value.strip() if value else ""
            if tag == "ER":
                yield _build(entries, start, ctx)
                entries, start = [], 0
                continue
            if tag == "TY":
                ctx.warn(n, f"TY before the ER of the record that starts at line {start}; that record ends here")
                yield _build(entries, start, ctx)
                entries, start, loose = [[tag, value, n, 0]], n, not two
                continue
            if "  - " in value:  # rare: several tags run together on one line
                entries.extend([t, v, n, 0] for t, v in _split_run_on(tag, value))
            else:
                entries.append([tag, value, n, 0])
            continue
        # outside a record
        if m is not None and tag == "TY":
            entries, start, loose, stray_reported = [[tag, (value or "").strip(), n, 0]], n, not two, False
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


def _build(entries: list[list[Any]], start: int, ctx: ReadContext) -> Record:
    ty = entries[0][1] if entries and entries[0][0] == "TY" else ""
    rec = Record(TYPE_TO_CSL.get(ty.upper(), "document"), source=ctx.where(start))
    if ty and CSL_TO_TYPE.get(rec.type) != ty:
        rec.keys["type"] = "ris:" + ty
    extras: list[tuple[int, Extra]] = []  # (line, extra), sorted at the end to keep file order
    singles: dict[str, list[tuple[str, Any, int, str]]] = {}
    present = {e[0]: e[1] for e in reversed(entries)}  # tag -> its first value
    pages: dict[str, tuple[str, int]] = {}
    for tag, value, line, _ in entries[1:]:
        if tag in NAME_TAGS:
            var = NAME_TAGS[tag]
            rec.add(var, _name(value)) if value else extras.append((line, Extra(NAME, tag, value)))
            rec.keys.setdefault(var, "ris:" + tag)
        elif tag in LIST_TAGS:
            _read_list(rec, tag, value, line, extras, ctx)
        elif tag in ("SP", "EP") and tag not in pages and value:
            pages[tag] = (value, line)
        elif tag == "ID" and rec.id is None and value:
            rec.id = value
        else:
            slot = _slot(tag, value, ty, present)
            if slot is None or not value:
                extras.append((line, Extra(NAME, tag, value)))
            else:
                parsed = parse_date(value) if slot == "issued" else value
                singles.setdefault(slot, []).append((tag, parsed, line, value))
    for slot, candidates in singles.items():
        if slot == "issued" and "issued" in rec:
            continue  # an N1 [csl:issued=json] note holds the exact date; PY/DA show it as RIS can
        _resolve(rec, slot, candidates, extras)
    _set_pages(rec, pages, extras)
    for var in ("author", "editor", "collection-editor", "contributor", "translator", "keyword", "URL",
                "note", "ISSN", "ISBN"):  # fmt: skip
        if rec.keys.get(var) == "ris:" + CANONICAL_TAG[var]:
            del rec.keys[var]
    extras.sort(key=lambda x: x[0])
    rec.extra = [e for _, e in extras] + rec.extra
    return rec


def _slot(tag: str, value: str, ty: str, present: dict[str, str]) -> str | None:
    if tag == "BT":
        return "title" if ty in BOOK_TYPES and ty != "CHAP" else "container-title"
    if tag == "JO":  # full name or abbreviation, depending on the exporter: abbreviation if a full one differs
        full = present.get("T2") or present.get("JF")
        return "container-title-short" if full and full != value else "container-title"
    return _SLOT_OF_TAG.get(tag)


def _read_list(rec: Record, tag: str, value: str, line: int, extras: list[tuple[int, Extra]],
               ctx: ReadContext) -> None:  # fmt: skip
    if not value:
        extras.append((line, Extra(NAME, tag, value)))
        return
    if tag == "N1" and read_carrier(rec, value, line, ctx, extras):
        return
    values = value.split("\n") if tag in SPLIT_LINES else [value]
    for v in values:
        v = v.strip()
        if not v:
            continue
        var = LIST_TAGS[tag]
        if tag == "SN" and (_ISBN_SHAPE.fullmatch(v) and not _ISSN_SHAPE.fullmatch(v)):
            var = "ISBN"
        rec.add(var, v)
        rec.keys.setdefault(var, "ris:" + tag)


def _resolve(rec: Record, slot: str, candidates: list[tuple[str, Any, int, str]],
             extras: list[tuple[int, Extra]]) -> None:  # fmt: skip
    if len(candidates) == 1:  # the common case: one tag for the variable
        tag, value, _, _ = candidates[0]
        rec[slot] = value
        if [tag] != _canonical_tags(slot, value):
            rec.keys[slot] = "ris:" + tag
        return
    order = SINGLE_TAGS[slot]
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
    rec[slot] = value
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
        written.add(var)
        value = rec[var]
        tags = _hint(rec, var) or _canonical_tags(var, value)
        if var in NAME_VARIABLES:
            for name in value:
                _line(out, tags[0], name.inverted())
        elif var in LIST_VARIABLES:
            for v in value:
                _line(out, tags[0], v)
        elif var == "issued":
            if not exact_date(value):
                late.append(date_carrier(var, value))
                ctx.carried("date range/season/circa/literal", "N1 notes")
            full_in_py = "DA" not in tags
            for tag in tags:
                _line(out, tag, format_date(value, tag == "DA" or full_in_py))
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
