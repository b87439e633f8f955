"""The MEDLINE reader (the format's surface is the package, :mod:`msccite.formats.medline`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from ...context import ReadContext
from ...model import Date, Extra, Name, Record
from ..carriers import parse_name, read_carrier
from .fields import (
    _DOI_MARK,
    _PII_MARK,
    INDENT,
    _derived_pts,
    _parse_dep,
    format_dp,
    is_translated_title,
    parse_dp,
    parse_short_name,
    short_name,
    type_of,
)
from .map import LIST_TAGS, NAME_TAGS, PERSON_TAGS, SHORT_NAME_TAGS, SINGLE_TAGS

NAME = "medline"
ALIASES = ("nbib", "pubmed")
EXTENSIONS = (".nbib", ".medline")
DESCRIPTION = "MEDLINE / PubMed format (.nbib, PubMed 'Save > PubMed format')"

_TAG = re.compile(r"([A-Z][A-Z0-9]{1,3}) *-(?: (.*)|)$")
#: An electronic location that is the article's number, what styles print as its page: ``e42692``, ``1042``
ARTICLE_NUMBER = re.compile(r"e?\d+|[A-Z][A-Z0-9]{3}")  # e42692, 1042; Läkartidningen's EWLS, D4CZ
_MEDLINE_ONLY = ("PMID-", "FAU -", "OWN -", "STAT-", "DP  -", "TA  -", "JT  -", "LID -", "MH  -", "PHST-")


# -- detection ------------------------------------------------------------------------------------
def detect(sample: str) -> float:
    """MEDLINE when the first lines are four-character ``TAG - value`` lines with MEDLINE's own tags."""
    tagged = own = 0
    for line in sample.lstrip("\ufeff").splitlines()[:60]:
        if not line.strip() or line.startswith(INDENT):
            continue
        if line.startswith("TY  -"):
            return 0.0  # RIS
        if _TAG.match(line) and line[4:5] == "-":
            if tagged == 0 and line.startswith("PMID- "):
                return 0.97
            tagged += 1
            own += line.startswith(_MEDLINE_ONLY)
        elif tagged == 0:
            return 0.0  # text before the first tag: not a MEDLINE file
    return 0.9 if tagged >= 3 and own >= 2 else 0.0


# -- reading --------------------------------------------------------------------------------------
def read(lines: Iterable[str], ctx: ReadContext) -> Iterator[Record]:
    entries: list[list[Any]] = []  # [tag, value, line]
    n = 0
    for n, line in enumerate(lines, ctx.first_line):
        if entries and line[:1] in (" ", "\t") and (line.strip() or len(line) >= len(INDENT)):
            _continue(entries[-1], line)
            continue
        m = _TAG.match(line.lstrip("\ufeff"))
        if m is not None:
            tag, value = m.group(1), m.group(2) or ""
            if tag == "PMID" and any(e[0] == "PMID" for e in entries):
                ctx.warn(n, f"a new PMID without the blank line that ends the record at line {entries[0][2]}")
                if (rec := ctx.build(entries[0][2], _build, entries, ctx)) is not None:
                    yield rec
                entries = []
            entries.append([tag, [value], n])  # the value's parts, joined when the record is built
        elif not line.strip():
            if entries:
                if (rec := ctx.build(entries[0][2], _build, entries, ctx)) is not None:
                    yield rec
                entries = []
        else:
            ctx.problem(n, f"expected a 'TAG - value' line or a line indented six spaces; skipped {line[:60]!r}")
    if entries and (rec := ctx.build(entries[0][2], _build, entries, ctx)) is not None:
        yield rec


def _continue(entry: list[Any], line: str) -> None:
    text = line[6:] if line.startswith(INDENT) else line.strip()
    parts = entry[1]
    if not parts[-1].endswith(" "):
        parts.append("\n")
    parts.append(text)


class _Build:
    """The state of one record being read."""

    def __init__(self, rec: Record) -> None:
        self.rec = rec
        self.extras: list[tuple[int, Extra]] = []
        self.person: tuple[str, int] | None = None  # (variable, number) of the last person named
        self.short_done = True  # the last person's AU has been seen
        self.counts = {"author": 0, "editor": 0}
        self.short_only: dict[str, int] = {}  # names read from AU alone, per variable
        self.pts: list[tuple[str, int]] = []
        self.keyword_tags: list[str] = []
        self.doi_tags: list[str] = []
        self.full_form: dict[str, list[tuple[int, str, str]]] = {}  # AU-alone "Family, Given": line, key, AU
        self.title_from_tt = False  # TI is a translation (or empty) and TT the title

    def extra(self, line: int, key: str, value: str) -> None:
        self.extras.append((line, Extra(NAME, key, value)))


def _build(entries: list[list[Any]], ctx: ReadContext) -> Record:
    rec = Record("", source=ctx.where(entries[0][2]))  # the type: a [csl:type] note, else from PT
    b = _Build(rec)
    has_ti = any(e[0] == "TI" for e in entries)  # then BTI is the book a chapter is in
    b.title_from_tt = _title_from_tt(entries)
    for tag, parts, line in entries:
        value = "".join(parts).rstrip(" ")
        if tag in NAME_TAGS or tag == "CN":
            _person(b, tag, value)
        elif tag in SHORT_NAME_TAGS:
            _short(b, tag, value, line)
        elif tag in PERSON_TAGS and b.person is not None:
            var, i = b.person
            b.extra(line, f"{tag}@{'ed' if var == 'editor' else ''}{i}", value)
        elif tag == "PT":
            b.pts.append((value, line))
        elif tag in ("LID", "AID", "GN") and _doi_or_carrier(b, tag, value, line, ctx):
            continue
        elif tag in LIST_TAGS and value:
            rec.add(LIST_TAGS[tag], value)
            if tag in ("MH", "OT"):
                b.keyword_tags.append(tag)
        elif not _single(b, tag, value, has_ti):
            b.extra(line, tag, value)
    _finish(b)
    return rec


def _title_from_tt(entries: list[list[Any]]) -> bool:
    """The first TI is empty or a bracketed translation and a TT gives the title in its own language."""
    ti = next(("".join(parts).strip() for tag, parts, _ in entries if tag == "TI"), None)
    tt = next(("".join(parts).strip() for tag, parts, _ in entries if tag == "TT"), "")
    return ti is not None and bool(tt) and (not ti or is_translated_title(ti))


def _person(b: _Build, tag: str, value: str) -> None:
    var = "author" if tag == "CN" else NAME_TAGS[tag][1]
    b.counts[var] += 1
    b.rec.add(var, Name(literal=value) if tag == "CN" else parse_name(value))
    b.person, b.short_done = (var, b.counts[var]), tag == "CN"


def _short(b: _Build, tag: str, value: str, line: int) -> None:
    var = SHORT_NAME_TAGS[tag]
    if b.person is not None and b.person[0] == var and not b.short_done:
        b.short_done = True
        if value != short_name(b.rec[var][-1]):
            b.extra(line, f"{tag}@{'ed' if var == 'editor' else ''}{b.person[1]}", value)
        return
    b.counts[var] += 1  # an AU without its FAU (records before 2002; ERIC's "Family, Given")
    if "," in value:
        b.rec.add(var, parse_name(value))
        key = f"{tag}@{'ed' if var == 'editor' else ''}{b.counts[var]}"
        b.full_form.setdefault(var, []).append((line, key, value))
    else:
        b.rec.add(var, parse_short_name(value))
    b.short_only[var] = b.short_only.get(var, 0) + 1
    b.person, b.short_done = (var, b.counts[var]), True


def _doi_or_carrier(b: _Build, tag: str, value: str, line: int, ctx: ReadContext) -> bool:
    """A GN carrier applied, or the DOI taken from a LID/AID line: True when the line is used up."""
    if tag == "GN":
        return read_carrier(b.rec, value, line, ctx, b.extras)
    if not value.endswith(_DOI_MARK):
        return False
    doi = value[: -len(_DOI_MARK)].strip()
    current = b.rec.get("DOI")
    if current is None:
        b.rec["DOI"] = doi
    elif current != doi or tag in b.doi_tags:
        return False
    b.doi_tags.append(tag)
    return True


def _single(b: _Build, tag: str, value: str, has_ti: bool) -> bool:
    rec = b.rec
    if not value:
        return False
    if tag == "BTI":
        var = "container-title" if has_ti else "title"
    elif b.title_from_tt and tag in ("TI", "TT"):
        var = "" if tag == "TI" else "original-title" if "title" in rec else "title"
    elif tag == "DP":
        var = "issued"
    elif tag == "DEP":
        var = "available-date"
    else:
        var = SINGLE_TAGS.get(tag, "")
    if not var or var in rec:
        return False
    if var == "issued":
        d = parse_dp(value)
        rec[var] = Date(raw=value) if d is None else d if format_dp(d) == value else _with_raw(d, value)
    elif var == "available-date":
        rec[var] = _parse_dep(value)
    else:
        rec[var] = value
    return True


def _with_raw(d: Date, raw: str) -> Date:
    return Date(parts=d.parts, season=d.season, raw=raw)


def _finish(b: _Build) -> None:
    rec = b.rec
    pts = [v for v, _ in b.pts]
    rec.type = rec.type or type_of(pts)
    if pts != _derived_pts(type_of(pts)):
        b.extras.extend((line, Extra(NAME, "PT", v)) for v, line in b.pts)
    if b.doi_tags and b.doi_tags != ["LID", "AID"]:
        rec.keys["DOI"] = f"{NAME}:{','.join(b.doi_tags)}"
    if "OT" in b.keyword_tags and set(b.keyword_tags) != {"OT"} or b.keyword_tags and "OT" not in b.keyword_tags:
        rec.keys["keyword"] = f"{NAME}:" + _runs(b.keyword_tags)
    if b.title_from_tt and "title" in rec:
        rec.keys["title"] = f"{NAME}:TT"
    if "page" not in rec:
        _page_from_lid(b)
    for var, count in b.short_only.items():
        full = b.full_form.get(var, [])
        all_full = len(full) == count == len(rec[var])  # every name an AU "Family, Given" (ERIC)
        if count == len(rec[var]):  # every name came as AU alone: write them so
            rec.keys[var] = f"{NAME}:{'AU' if var == 'author' else 'ED'}" + ("=full" if all_full else "")
        if not all_full:  # a "Family, Given" AU among other names: keep its exact text for the writer
            for line, key, value in full:
                b.extra(line, key, value)
    b.extras.sort(key=lambda x: x[0])
    rec.extra = [e for _, e in b.extras] + rec.extra


def _page_from_lid(b: _Build) -> None:
    """No PG: an LID that is the article number (``e42692``, ``e42692 [pii]``) is what styles print as the page."""
    for _, e in b.extras:
        if e.key != "LID" or e.format != NAME or not isinstance(e.value, str):
            continue
        number = e.value.removesuffix(_PII_MARK)
        if ARTICLE_NUMBER.fullmatch(number):
            b.rec["page"] = number
            b.rec.keys["page"] = f"{NAME}:LID"
            return


def _runs(tags: list[str]) -> str:
    out: list[list[Any]] = []
    for t in tags:
        if out and out[-1][0] == t:
            out[-1][1] += 1
        else:
            out.append([t, 1])
    return ",".join(f"{t}*{k}" for t, k in out)
