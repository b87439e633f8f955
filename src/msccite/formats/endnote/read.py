"""The EndNote tagged (Refer) reader and detection (the format's surface is the package,
:mod:`msccite.formats.endnote`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from ...context import ReadContext
from ...model import Date, Extra, Name, Record
from ..carriers import add_note, apply_carrier
from ..carriers import parse_name as _carrier_name
from ..ris.map import PMID_IN_AN
from ..tagged import MONTHS, add_names, is_isbn
from .map import (
    CSL_TO_TYPE,
    DATE_TAGS,
    JOURNAL_TYPES,
    LIST_TAGS,
    NAME_TAGS,
    NUMBER_TYPES,
    SINGLE_TAGS,
    SPLIT_LINES,
    TYPE_TO_CSL,
    VALUE_TAGS,
)

NAME = "endnote"
ALIASES = ("refer", "enw")
EXTENSIONS = (".enw",)
DESCRIPTION = "EndNote tagged / Refer format (%0 Journal Article, %A Family, Given ...; EndNote, PubMed, Scholar)"

_TAG = re.compile(r"%(\S)(?:[ \t](.*))?$")
_YEAR = re.compile(r"\d{4}")
_PMID = re.compile(PMID_IN_AN)
_PMC = re.compile(r"PMC\d+")
_ISO = re.compile(r"(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?/?")
_WORD_DATE = re.compile(
    r"(?:(?P<y1>\d{4}) )?(?:(?P<d1>\d{1,2}) )?(?P<mon>[A-Za-z]{3,9})\.?(?: (?P<d2>\d{1,2}))?,?(?: (?P<y2>\d{4}))?"
)


# -- detection ------------------------------------------------------------------------------------
def detect(sample: str) -> float:
    """``%0 `` on the first non-blank line: 0.95; a run of Refer tags (``%A``, ``%T`` ...) without it: 0.6."""
    lines = [ln.lstrip("\ufeff").rstrip() for ln in sample.splitlines()[:60]]
    lines = [ln for ln in lines if ln.strip()][:12]
    if not lines:
        return 0.0
    tagged = [ln for ln in lines if _TAG.match(ln) and not ln.startswith("%%")]
    if lines[0].startswith("%0 ") and lines[0][3:].strip():
        return 0.95
    if (lines[0] in tagged and len(tagged) >= 3 and len(tagged) * 10 >= len(lines) * 7
            and any(ln.startswith(("%A ", "%T ")) for ln in tagged)):  # fmt: skip
        return 0.6
    return 0.0


# -- reading --------------------------------------------------------------------------------------
def read(lines: Iterable[str], ctx: ReadContext) -> Iterator[Record]:
    entries: list[list[Any]] = []  # [tag, value, line] of the record being read
    start = 0  # line of the record's first line; 0 = outside a record
    blanks = 0  # blank lines seen since the last line of the record
    more: list[str] = []  # continuation lines of the last entry, joined once at the next tag (linear)
    n = 0
    for n, raw in enumerate(lines, ctx.first_line):
        line = raw.rstrip()
        if n == 1:
            line = line.lstrip("\ufeff")
        if not line.strip():
            blanks += 1 if start else 0
            continue
        m = _TAG.match(line)
        if m is None:
            if start:
                more.append("\n" * (blanks + 1) + line)
            else:
                ctx.warn(n, f"text outside a record skipped: {line.strip()[:60]!r}")
            blanks = 0
            continue
        tag, value = "%" + m.group(1), (m.group(2) or "").strip()
        if more:
            entries[-1][1] += "".join(more)
            more = []
        if start and (tag == "%0" or blanks):  # a new record: %0, or any tag after a blank line (Refer)
            if (rec := ctx.build(start, _build, entries, start, ctx)) is not None:
                yield rec
            start = 0
        if not start:
            entries, start = [], n
        entries.append([tag, value, n])
        blanks = 0
    if start:
        entries[-1][1] += "".join(more)
        if (rec := ctx.build(start, _build, entries, start, ctx)) is not None:
            yield rec


def parse_name(text: str) -> Name:
    """``Family, Given[, Suffix]``; ``Corporate Name,`` and a name without a comma are kept whole."""
    text = text.strip()
    if text.endswith(","):  # EndNote: a trailing comma marks a corporate name, ",," a comma inside it
        return Name(literal=text[:-1].strip().replace(",,", ","))
    if ",," in text:
        return Name(literal=text.replace(",,", ","))
    return _carrier_name(text)


def _guess_type(tags: set[str]) -> str:
    if "%J" in tags:
        return "article-journal"
    if "%B" in tags:
        return "chapter"
    if "%I" in tags:
        return "book"
    return "document"


def _container_tag(rec: Record) -> str:
    hint = rec.keys.get("container-title", "")
    if hint in ("endnote:%J", "endnote:%B"):
        return hint[8:]
    return "%J" if rec.type in JOURNAL_TYPES else "%B"


def _slot(tag: str, csl_type: str) -> str:
    if tag == "%N" and csl_type in NUMBER_TYPES:
        return "number"
    return SINGLE_TAGS[tag]


def _value_slot(tag: str, value: str) -> str | None:
    """The variable of ``%M`` and ``%2``, which depends on the value (``VALUE_TAGS``); None: an extra."""
    if tag == "%M":
        return "PMID" if _PMID.fullmatch(value) else "archive_location"
    return "PMCID" if _PMC.fullmatch(value) else None


def _build(entries: list[list[Any]], start: int, ctx: ReadContext) -> Record:
    if entries[0][0] == "%0":
        name = entries[0][1]
        rec = Record(TYPE_TO_CSL.get(name, "document"), source=ctx.where(start))
        if name and CSL_TO_TYPE.get(rec.type) != name:
            rec.keys["type"] = "endnote:" + name
        body = entries[1:]
    else:
        rec = Record(_guess_type({e[0] for e in entries if e[1]}), source=ctx.where(start))
        ctx.warn(start, f"record without a %0 type line (Refer): read as {rec.type}")
        body = entries
    extras: list[tuple[int, Extra]] = []
    carriers: list[tuple[int, re.Match[str]]] = []
    dates: dict[str, tuple[str, int]] = {}
    for tag, value, line in body:
        if not value.strip():
            extras.append((line, Extra(NAME, tag, value)))
        elif tag in NAME_TAGS:
            add_names(rec, NAME_TAGS[tag], value, parse_name)
        elif tag in LIST_TAGS:
            _read_list(rec, tag, value, line, carriers)
        elif tag in DATE_TAGS and tag not in dates:
            dates[tag] = (value, line)
        elif tag in VALUE_TAGS and _value_slot(tag, value) not in rec and _value_slot(tag, value) is not None:
            rec[_value_slot(tag, value)] = value  # type: ignore[index]
        elif tag in SINGLE_TAGS and _slot(tag, rec.type) not in rec:
            var = _slot(tag, rec.type)
            rec[var] = value
            if var == "container-title" and tag != _container_tag(rec):
                rec.keys["container-title"] = "endnote:" + tag
        else:
            extras.append((line, Extra(NAME, tag, value)))
    _set_date(rec, dates, extras)
    for line, m in carriers:
        apply_carrier(rec, m, line, ctx, "%Z", extras, parse_name, _iso_date)
    extras.sort(key=lambda x: x[0])
    rec.extra = [e for _, e in extras]
    return rec


def _read_list(rec: Record, tag: str, value: str, line: int, carriers: list[tuple[int, re.Match[str]]]) -> None:
    if tag == "%Z":
        add_note(rec, value, line, carriers)
        return
    values = value.split("\n") if tag in SPLIT_LINES else [value]
    for v in values:
        v = v.strip()
        if v:
            rec.add("ISBN" if tag == "%@" and is_isbn(v) else LIST_TAGS[tag], v)


# -- dates ----------------------------------------------------------------------------------------
def _iso_date(text: str) -> Date:
    m = _ISO.fullmatch(text.strip())
    if m is None:
        return Date(raw=text)
    parts = _valid(int(m.group(1)), m.group(2), m.group(3))
    return Date(parts=(parts,)) if parts else Date(raw=text)


def _valid(year: int, month: Any, day: Any) -> tuple[int, ...] | None:
    parts: tuple[int, ...] = (year,)
    if month:
        if not 1 <= int(month) <= 12:
            return None
        parts += (int(month),)
        if day:
            if not 1 <= int(day) <= 31:
                return None
            parts += (int(day),)
    elif day:
        return None
    return parts


def _decode(text: str, year: int | None) -> tuple[int, ...] | None:
    """A date text (``%8``, or a full ``%D``) as (year, month[, day]); ``year`` is what ``%D`` said."""
    text = text.strip()
    m = _ISO.fullmatch(text)
    if m:
        y = int(m.group(1))
        return _valid(y, m.group(2), m.group(3)) if year in (None, y) else None
    m = _WORD_DATE.fullmatch(text)
    if m is None or m["mon"].lower() not in MONTHS or (m["d1"] and m["d2"]) or (m["y1"] and m["y2"]):
        return None
    y_text = m["y1"] or m["y2"]
    found = int(y_text) if y_text else year
    if found is None or (year is not None and found != year):
        return None
    return _valid(found, MONTHS[m["mon"].lower()], m["d1"] or m["d2"])


def _date_of(d: str | None, e: str | None) -> tuple[Date | None, bool]:
    """``%D`` and ``%8`` to a date; the flag says whether ``%8`` went into it."""
    year = int(d) if d is not None and _YEAR.fullmatch(d) else None
    if d is not None and year is None:
        parts = _decode(d, None)
        return (Date(parts=(parts,)) if parts else Date(raw=d)), False
    if e is None:
        return (Date.of(year) if year is not None else None), False
    parts = _decode(e, year)
    if parts:
        return Date(parts=(parts,)), True
    if year is not None:
        return Date(parts=((year,),), raw=e), True
    return Date(raw=e), True


def _set_date(rec: Record, dates: dict[str, tuple[str, int]], extras: list[tuple[int, Extra]]) -> None:
    d, e = dates.get("%D"), dates.get("%8")
    date, used = _date_of(d[0] if d else None, e[0] if e else None)
    if date is not None:
        rec["issued"] = date
    if e and not used:
        extras.append((e[1], Extra(NAME, "%8", e[0])))
