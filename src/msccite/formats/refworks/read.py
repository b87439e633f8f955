"""RefWorks tagged format: detection and the reader (``docs/formats/refworks.md``).

``RT Journal Article`` opens a record; each line is a tag (two characters, or ``U10``-``U15``, ``PMID``,
``PMCID``), one space and the value; a line without a tag continues the value above it (joined with a line
break; blank lines inside a value are kept when untagged text follows them). Blank lines between records are
separators. Whatever comes before the first ``RT`` (the header and tag legend RefWorks writes above the records)
is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from ...context import ReadContext
from ...model import Date, Extra, Name, Record
from ..carriers import CARRIER, add_note, apply_carrier, parse_date
from ..carriers import parse_name as _carrier_name
from ..tagged import MONTHS, add_names, is_isbn
from .map import (
    CSL_TO_TYPE,
    FONT_MARKER,
    FONT_MARKS,
    KNOWN_TAGS,
    LIST_TAGS,
    NAME_TAGS,
    PAGES_COUNT_TYPES,
    PERIODICAL_TYPES,
    SERIES_T2_TYPES,
    SINGLE_TAGS,
    TYPE_TO_CSL,
)

NAME = "refworks"
ALIASES = ("rwt", "refworks-tagged")
EXTENSIONS: tuple[str, ...] = ()  # saved as .txt, which says nothing: detection reads the content
DESCRIPTION = "RefWorks tagged format (RT Journal Article, A1 Family, Given ...; RefWorks, database exports to it)"

#: A tag line: the tag, then one space and the value (or nothing: a bare known tag).
TAG_LINE = re.compile(r"(PMCID|PMID|U1[0-5]|[A-Z][A-Z0-9])(?: (.*))?")
_TYPES_LOWER = {k.lower(): k for k in TYPE_TO_CSL}
_MARKER = re.compile(r"([01])" + FONT_MARKER + r"([0-4])")
_HEADER = re.compile(r"\s*refworks\b", re.I)
_YEAR = re.compile(r"\d{4}")
_MONTH_DAY = re.compile(r"([A-Za-z]{3,9})\.?(?:\s+(\d{1,2}))?(?:,?\s+(\d{4}))?")
_DAY_MONTH = re.compile(r"(\d{1,2})\s+([A-Za-z]{3,9})\.?(?:,?\s+(\d{4}))?")
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})(?:/(\d{4}))?")
_ISO = re.compile(r"(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?/?")


# -- detection ------------------------------------------------------------------------------------
def detect(sample: str) -> float:
    """``RT <type>`` on the first non-blank line (or after RefWorks' header and tag legend), followed by a tag line
    or naming a RefWorks type: 0.95."""
    lines = sample.lstrip("\ufeff").splitlines()[:400]
    content = [ln.rstrip() for ln in lines if ln.strip()]
    if not content:
        return 0.0
    header = bool(_HEADER.match(content[0]))
    for i, line in enumerate(content):
        if line.startswith("RT ") and line[3:].strip():
            if i and not header:
                return 0.0
            following = content[i + 1] if i + 1 < len(content) else ""
            m = TAG_LINE.fullmatch(following)
            known_next = m is not None and m.group(1) in KNOWN_TAGS and m.group(1) != "RT"
            if known_next or line[3:].strip().lower() in _TYPES_LOWER:
                return 0.95
            return 0.0
        if not header:
            return 0.0
    return 0.0


# -- reading --------------------------------------------------------------------------------------
def tag_of(line: str) -> tuple[str, str] | None:
    """``(tag, value)`` of a tag line (the value stripped), else None."""
    m = TAG_LINE.fullmatch(line)
    if m is None or (m.group(2) is None and m.group(1) not in KNOWN_TAGS):
        return None
    return m.group(1), (m.group(2) or "").strip()


def read(lines: Iterable[str], ctx: ReadContext) -> Iterator[Record]:
    entries: list[list[Any]] = []  # [tag, value, line] of the record being read
    start = 0  # line of the record's RT; 0 = before the first record
    blanks = 0  # blank lines since the last line of the record
    more: list[str] = []  # continuation lines of the last entry, joined at the next tag (linear)
    preamble: list[int] = []
    header = False
    n = 0
    for n, raw in enumerate(lines, ctx.first_line):
        line = raw.rstrip()
        if n == ctx.first_line:
            line = line.lstrip("\ufeff")
        if not line.strip():
            blanks += 1 if start else 0
            continue
        tagged = tag_of(line)
        if not start:
            if tagged is not None and tagged[0] == "RT":
                entries, start, blanks = [["RT", tagged[1], n]], n, 0
                continue
            if not preamble and not header and _HEADER.match(line):
                header = True  # RefWorks' own header: "Refworks Export Tagged Format", the tag legend ...
            elif not header:
                preamble.append(n)
            continue
        if tagged is None:
            more.append("\n" * (blanks + 1) + line)
            blanks = 0
            continue
        if more:
            entries[-1][1] += "".join(more)
            more = []
        blanks = 0
        if tagged[0] == "RT":
            if (rec := ctx.build(start, _build, entries, start, ctx)) is not None:
                yield rec
            entries, start = [], n
        entries.append([tagged[0], tagged[1], n])
    if preamble:
        ctx.skipped(preamble, "text before the first RT record skipped")
    if start:
        if more:
            entries[-1][1] += "".join(more)
        if (rec := ctx.build(start, _build, entries, start, ctx)) is not None:
            yield rec


def parse_name(text: str) -> Name:
    """``Family, Given[, Suffix]`` (``Stansfeld,Stephen`` too); a name without a comma is kept whole (literal)."""
    return _carrier_name(text.strip())


def type_of(name: str) -> str:
    """The CSL type of an ``RT`` value: exact, else without regard to case; unknown: document."""
    if name in TYPE_TO_CSL:
        return TYPE_TO_CSL[name]
    known = _TYPES_LOWER.get(name.lower())
    return TYPE_TO_CSL[known] if known else "document"


def slot(tag: str, csl_type: str) -> str | None:
    """The variable a single-valued tag fills in a record of ``csl_type``."""
    if tag == "T2" and csl_type in SERIES_T2_TYPES:
        return "collection-title"
    return SINGLE_TAGS.get(tag)


def unmark(text: str, marks_dropped: list[str] | None = None) -> str:
    """RefWorks' font markers as CSL rich-text marks: ``0RW1S34RfeSDcfkexd09rT2`` -> ``<i>``; underline (``1``),
    which CSL has no mark for, is dropped (its words stay) and noted in ``marks_dropped``."""
    if FONT_MARKER not in text:
        return text

    def mark(m: re.Match[str]) -> str:
        tag = FONT_MARKS[int(m.group(2))]
        if tag is None:
            if marks_dropped is not None:
                marks_dropped.append("underline")
            return ""
        return f"<{'/' if m.group(1) == '1' else ''}{tag}>"

    return _MARKER.sub(mark, text)


def _build(entries: list[list[Any]], start: int, ctx: ReadContext) -> Record:
    type_name = entries[0][1]
    rec = Record(type_of(type_name), source=ctx.where(start))
    if type_name and CSL_TO_TYPE.get(rec.type) != type_name:
        rec.keys["type"] = f"{NAME}:{type_name}"
    extras: list[tuple[int, Extra]] = []
    carriers: list[tuple[int, re.Match[str]]] = []
    dates: dict[str, tuple[str, int]] = {}
    pages: dict[str, tuple[str, int]] = {}
    dropped: list[str] = []
    for tag, raw, line in entries[1:]:
        value = unmark(raw, dropped) if tag != "NO" or not CARRIER.fullmatch(raw) else raw
        if not value.strip():
            extras.append((line, Extra(NAME, tag, raw)))
        elif tag in NAME_TAGS:
            add_names(rec, NAME_TAGS[tag], value, parse_name)
        elif tag == "NO":
            add_note(rec, value, line, carriers)
        elif tag in LIST_TAGS:
            if tag == "LK" and "URL" not in rec:  # the file's links: written back as LK
                rec.keys["URL"] = f"{NAME}:LK"
            _read_list(rec, tag, value)
        elif tag in ("YR", "FD", "SP", "OP") and tag not in (dates if tag in ("YR", "FD") else pages):
            (dates if tag in ("YR", "FD") else pages)[tag] = (raw, line)
        elif tag == "ID" and rec.id is None:
            rec.id = value
        elif tag == "RD" and "accessed" not in rec:
            rec["accessed"] = parse_date(value)
            if not rec["accessed"].parts:
                rec["accessed"] = read_date_text(value)
        elif (var := slot(tag, rec.type)) is not None and var not in rec:
            rec[var] = value
            if tag != canonical_tag(var, rec.type):
                rec.keys[var] = f"{NAME}:{tag}"
        else:
            extras.append((line, Extra(NAME, tag, raw)))
    if dropped:
        ctx.warn(start, "underline marks (RefWorks font markers) dropped: CSL has no underline; the words are kept")
    _set_date(rec, dates, extras)
    _set_pages(rec, pages, extras)
    for line, m in carriers:
        apply_carrier(rec, m, line, ctx, "NO", extras, parse_name)
    extras.sort(key=lambda x: x[0])
    rec.extra = [e for _, e in extras]
    return rec


def canonical_tag(var: str, csl_type: str) -> str | None:
    """The tag the writer gives a single-valued variable in a record of ``csl_type`` (a file's other choice is kept
    as a hint, ``rec.keys``)."""
    if var == "container-title":
        return "JF" if csl_type in PERIODICAL_TYPES or csl_type in SERIES_T2_TYPES else "T2"
    if var == "collection-title":
        return "T2" if csl_type in SERIES_T2_TYPES else "T3"
    return _CANONICAL.get(var)


_CANONICAL: dict[str, str] = {}
for _tag, _var in SINGLE_TAGS.items():
    _CANONICAL.setdefault(_var, _tag)


def _read_list(rec: Record, tag: str, value: str) -> None:
    for part in value.split("\n"):
        parts = part.split(";") if tag == "K1" else [part]
        for v in parts:
            v = v.strip()
            if not v:
                continue
            if tag == "SN":
                rec.add("ISBN" if is_isbn(v) else "ISSN", v)
            else:
                rec.add(LIST_TAGS[tag], v)


# -- dates ----------------------------------------------------------------------------------------
def _month(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


def _checked(y: int, m: int | None, d: int | None) -> tuple[int, ...] | None:
    if m is None:
        return None if d is not None else (y,)
    if not 1 <= m <= 12:
        return None
    if d is None:
        return (y, m)
    return (y, m, d) if 1 <= d <= 31 else None


def _free_form(text: str, year: int | None) -> tuple[int, ...] | None:
    """``FD`` (free-form date: ``Feb``, ``Feb 12``, ``12 February``, ``01/15``, ``2003/01/15``) with the year of ``YR``
    as (year, month[, day]); None when it does not say one (a season, a range) or names another year."""
    t = text.strip()
    m = _ISO.fullmatch(t)
    if m:
        iso_year = int(m.group(1))
        if year not in (None, iso_year):
            return None
        return _checked(iso_year, int(m.group(2)) if m.group(2) else None, int(m.group(3)) if m.group(3) else None)
    found: tuple[int | None, int | None, int | None] | None = None
    if (m := _MONTH_DAY.fullmatch(t)) and _month(m.group(1)):
        found = (int(m.group(3)) if m.group(3) else None, _month(m.group(1)), int(m.group(2)) if m.group(2) else None)
    elif (m := _DAY_MONTH.fullmatch(t)) and _month(m.group(2)):
        found = (int(m.group(3)) if m.group(3) else None, _month(m.group(2)), int(m.group(1)))
    elif m := _SLASHED.fullmatch(t):  # RefWorks' MM/DD
        found = (int(m.group(3)) if m.group(3) else None, int(m.group(1)), int(m.group(2)))
    if found is None:
        return None
    y, mo, d = found
    if y is not None and year is not None and y != year:
        return None
    full = y if y is not None else year
    return _checked(full, mo, d) if full is not None else None


def date_of(yr: str | None, fd: str | None) -> tuple[Date | None, bool]:
    """``YR`` and ``FD`` to a date; the flag says whether ``FD`` went into it."""
    year = int(yr) if yr is not None and _YEAR.fullmatch(yr) else None
    if yr is not None and year is None:
        parsed = parse_date(yr)
        return (parsed if parsed.parts and not parsed.raw else Date(raw=yr)), False
    if fd is None:
        return (Date.of(year) if year is not None else None), False
    parts = _free_form(fd, year)
    if parts is not None:
        return Date(parts=(parts,)), True
    if year is not None:
        return Date.of(year), False
    return Date(raw=fd), True


def read_date_text(text: str) -> Date:
    """A date in one text (``RD``): ``2019/12/02/``, ``12/02/2019``, ``Dec 2, 2019`` ...; else kept raw."""
    parts = _free_form(text, None)
    return Date(parts=(parts,)) if parts is not None else Date(raw=text)


def _set_date(rec: Record, dates: dict[str, tuple[str, int]], extras: list[tuple[int, Extra]]) -> None:
    yr, fd = dates.get("YR"), dates.get("FD")
    date, used = date_of(yr[0] if yr else None, fd[0] if fd else None)
    if date is not None:
        rec["issued"] = date
    if fd and not used:
        extras.append((fd[1], Extra(NAME, "FD", fd[0])))


def pages_of(sp: str | None, op: str | None, csl_type: str) -> tuple[str | None, str | None, bool]:
    """``SP`` and ``OP`` to ``(variable, value, OP used)``: a range, one page, or a book's number of pages."""
    if sp is None:
        return None, None, False
    if op is not None and "-" not in sp:
        return "page", f"{sp}-{op}", True
    if op is None and csl_type in PAGES_COUNT_TYPES and "-" not in sp:
        return "number-of-pages", sp, False
    return "page", sp, False


def _set_pages(rec: Record, pages: dict[str, tuple[str, int]], extras: list[tuple[int, Extra]]) -> None:
    sp, op = pages.get("SP"), pages.get("OP")
    var, value, used = pages_of(sp[0] if sp else None, op[0] if op else None, rec.type)
    if var is not None:
        rec[var] = value
    if op and not used:
        extras.append((op[1], Extra(NAME, "OP", op[0])))
