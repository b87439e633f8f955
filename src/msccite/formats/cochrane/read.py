"""The Cochrane Library plain-text reader (see ``docs/formats/cochrane.md``).

Shape: ``Record #1 of 271`` opens a record, ``TAG: value`` lines follow (a tag of two to four capitals, a colon,
a space), blank lines between records. The export ends its lines with a bare CR and a file made of several
exports has a BOM at the start of each (both handled before the reader: it gets lines, BOMs at a line start
dropped; a stray one is dropped here too).

Quirks handled:

- ``AU`` names are family name first *without* a comma (``Crowther Caroline A``, ``van de Wetering Marianne D``,
  ``Roqué i Figuls Marta``): :func:`msccite.names.family_first_words` splits them; several names on one line are
  ``;``-separated;
- ``KY`` is one ``;``-separated list (MeSH with ``[checkword]`` and subheadings in brackets, kept as written);
- ``ID`` of a review (``CD009275``) is its article number (``number``), a CENTRAL accession (``CN-…``) an extra;
- ``PM`` ``12345678`` or ``PUBMED 12345678`` is the ``PMID``; without ``PM``, the ``PUBMED`` number of ``XR``;
- a record without the ``Record #`` line (a file cut out of an export), a line that is not ``TAG: value`` inside
  a record (a continuation, joined with a line break), text outside a record: warnings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from ...context import ReadContext
from ...model import Date, Extra, Record, small_int
from ...names import family_first_words as family_first
from .map import (
    DEFAULT_TYPE,
    ID_TAG,
    ID_VARIABLE,
    LIST_TAGS,
    MULTI_TAGS,
    NAME_TAGS,
    PMID_TAG,
    PT_TO_TYPE,
    REVIEW_ID,
    SINGLE_TAGS,
    XREF_TAG,
    YEAR_TAG,
)

NAME = "cochrane"
EXTENSIONS: tuple[str, ...] = ()  # the export is saved as citation-export.txt: .txt says nothing
DESCRIPTION = "Cochrane Library plain-text export (Record #1 of N, then TAG: value lines; CDSR and CENTRAL)"

HEADER = re.compile(r"Record #(\d+) of (\d+)")
TAG = re.compile(r"([A-Z][A-Z0-9]{1,3}):(?: (.*))?")
_REVIEW_ID = re.compile(REVIEW_ID, re.IGNORECASE)
_PMID = re.compile(r"(?:PUBMED|PMID|MEDLINE)?\s*:?\s*(\d{1,9})", re.IGNORECASE)
_XREF_PUBMED = re.compile(r"\bPUBMED\s*:?\s*(\d{1,9})\b", re.IGNORECASE)
#: A headerless file still reads as Cochrane's when its first line is a Cochrane id.
_FIRST_ID = re.compile(r"ID: (?:CD\d{6}|CN-\d{6,})")

# -- detection ------------------------------------------------------------------------------------
def detect(sample: str) -> float:
    """``Record #n of N`` then ``TAG: value`` lines: 0.95 (0.9 when the first record is not #1); a headerless
    file whose first line is a Cochrane id (``ID: CD…``, ``ID: CN-…``) and whose next lines are tagged: 0.8."""
    lines = [ln.lstrip("\ufeff").strip() for ln in sample.splitlines()[:200]]
    lines = [ln for ln in lines if ln]
    if not lines:
        return 0.0
    head = HEADER.fullmatch(lines[0])
    if head is not None:
        following = lines[1:3]
        if not following or not all(TAG.fullmatch(ln) for ln in following):
            return 0.0  # RIS with Cochrane's header ("Provider: ...", "TY  - JOUR") is RIS
        return 0.95 if head.group(1) == "1" else 0.9
    if _FIRST_ID.match(lines[0]) and len(lines) >= 3 and all(TAG.fullmatch(ln) for ln in lines[1:3]):
        return 0.8
    return 0.0


# -- reading --------------------------------------------------------------------------------------
def read(lines: Iterable[str], ctx: ReadContext) -> Iterator[Record]:
    entries: list[list[Any]] = []  # [tag, [parts], line] of the record being read
    start = 0  # line of the record's "Record #" line (or first tag); 0 = outside a record
    headed = False  # the record began with a "Record #" line (else a blank line ends it)
    warned_header = False
    n = 0
    for n, raw in enumerate(lines, ctx.first_line):
        line = raw.lstrip("\ufeff").strip()  # a BOM of a concatenated export (lines usually come without)
        if not line:
            if start and not headed:
                yield from _finish(entries, start, ctx)
                entries, start = [], 0
            continue
        if HEADER.fullmatch(line):
            if start:
                yield from _finish(entries, start, ctx)
            entries, start, headed = [], n, True
            continue
        m = TAG.fullmatch(line)
        if m is not None:
            if not start:
                if not warned_header and ctx.first_line == 1:
                    ctx.warn(n, "no 'Record #n of N' line before this record; read as a Cochrane record")
                    warned_header = True
                start, headed = n, False
            entries.append([m.group(1), [(m.group(2) or "").strip()], n])
            continue
        if entries:
            ctx.warn(n, f"a line that is not 'TAG: value' inside a record; read as a continuation of "
                        f"{entries[-1][0]}: {line[:60]!r}")  # fmt: skip
            entries[-1][1].append(line)
            continue
        if start:
            ctx.warn(n, f"a line that is not 'TAG: value' before the first tag of the record; skipped: {line[:60]!r}")
            continue
        ctx.warn(n, f"text outside a record skipped: {line[:60]!r}")
    if start:
        yield from _finish(entries, start, ctx)


def _finish(entries: list[list[Any]], start: int, ctx: ReadContext) -> Iterator[Record]:
    if not entries:
        ctx.warn(start, "a 'Record #' line with no fields after it; skipped")
        return
    if (rec := ctx.build(start, _build, entries, start, ctx)) is not None:
        yield rec


def _build(entries: list[list[Any]], start: int, ctx: ReadContext) -> Record:
    rec = Record(DEFAULT_TYPE, source=ctx.where(start))
    extras: list[Extra] = []
    seen: set[str] = set()
    pts: list[str] = []
    xref_pmid = ""
    for tag, parts, _line in entries:
        value = "\n".join(parts).strip()
        if tag in NAME_TAGS and value:
            for part in value.split(";"):
                if part.strip():
                    rec.add(NAME_TAGS[tag], family_first(part))
        elif tag in LIST_TAGS and value:
            for part in value.split(";"):
                rec.add(LIST_TAGS[tag], part.strip())
        elif tag in MULTI_TAGS and value:
            rec.add(MULTI_TAGS[tag], value)
        elif tag == "PT":
            pts.append(value)
            extras.append(Extra(NAME, tag, value))
        elif tag == XREF_TAG:
            m = _XREF_PUBMED.search(value)
            xref_pmid = xref_pmid or (m.group(1) if m else "")
            extras.append(Extra(NAME, tag, value))
        elif not value or tag in seen or not _single(rec, tag, value):
            extras.append(Extra(NAME, tag, value))
        else:
            seen.add(tag)
    if xref_pmid and "PMID" not in rec:
        rec["PMID"] = xref_pmid
        rec.keys["PMID"] = f"{NAME}:{XREF_TAG}"
    for pt in pts:
        kind = next((t for key, t in PT_TO_TYPE.items() if key in pt.lower()), None)
        if kind is not None:
            rec.type = kind
            break
    rec.extra = extras
    return rec


def _single(rec: Record, tag: str, value: str) -> bool:
    """Set the variable a one-value tag stands for; False when the value is kept as an extra instead."""
    if tag in SINGLE_TAGS:
        rec[SINGLE_TAGS[tag]] = value
    elif tag == YEAR_TAG:
        year = small_int(value, 4)
        rec["issued"] = Date.of(year) if year is not None and len(value) == 4 else Date(raw=value)
    elif tag == ID_TAG:
        if not _REVIEW_ID.fullmatch(value):
            return False  # a CENTRAL accession (CN-...) or another id: an extra
        rec[ID_VARIABLE] = value
        rec.keys[ID_VARIABLE] = f"{NAME}:{ID_TAG}"
    elif tag == PMID_TAG:
        m = _PMID.fullmatch(value)
        if m is None:
            return False
        rec["PMID"] = m.group(1)
    else:
        return False
    return True
