"""The reader of Ovid's text export (see ``docs/formats/ovid.md``).

Shape: records numbered ``<1>`` (``<1. >``, ``1.``, ``Record 1 of 20``; or not at all), each a run of fields,
either tagged (``TI  - value``, ``VN - value``; a value goes on over indented lines and over lines that are not
tags, blank lines included) or labelled (the field's long name alone on a line, ``Title``, its values indented
below it, one a line). A whole export may be indented by a space (PsycINFO). Text before the first record (the
search strategy Ovid puts at the top) is skipped with a warning.

Records are split at the record numbers, at ``VN`` (every Ovid record opens with ``VN  - Ovid Technologies``),
and at a field that opens a record (``DB``, ``UI``, ``AN``, or the record's own first field) when it comes again.

Building a record: names from ``FA`` (full names) or else ``AU``, degrees and affiliation marks taken off
(``Zhang, Weijia 1,2,+``, ``Gazic, Barbara MD, PhD *``); the packed ``SO`` (and ``AS``) taken apart by
:func:`msccite.formats.tables.citation.parse_citation` (journal, volume, issue, pages, date), fields of their own
(``JN``, ``VO``, ``IP``, ``PG``) winning; a chapter's editors and book from ``SO``/``BT``; the date from ``DP``,
``SO`` or ``YR``, the most precise of the year ``YR`` gives; the type from ``PT``/``DT``. What no variable holds
is kept as an extra, in file order, under the key the file gives it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ...context import ReadContext
from ...model import Date, Extra, Name, Record, small_int
from ...names import parse_name
from ..tables.citation import parse_citation
from .map import (
    BOOK_TAG,
    DEFAULT_TYPE,
    DEGREES,
    DOI_TAGS,
    LABELS,
    LISTS,
    MONTHS,
    NAMES,
    OPENING,
    PMID_TAGS,
    PSYC_KEYWORDS_TAG,
    PSYC_PUBLISHER_TAG,
    REPEATING,
    SEASONS,
    SHORT_SOURCE_TAG,
    SINGLE,
    SOURCE_TAG,
    TITLE_LABELS,
    TYPE_RULES,
    UI_TAG,
)

NAME = "ovid"
EXTENSIONS: tuple[str, ...] = (".ovd",)  # Ovid's own extension for a saved export; most are saved as .txt
DESCRIPTION = "Ovid text export (MEDLINE, Embase, PsycINFO ... on Ovid): tagged (VN  - Ovid Technologies) or labelled"

HEADER = re.compile(r"<\s*(\d{1,9})\s*\.?\s*>|Record\s+(\d{1,9})(?:\s+of\s+\d{1,9})?|(\d{1,9})\.")
TAG = re.compile(r"([A-Z][A-Z0-9]{1,3}) {1,3}-(?:[ \t](.*))?")
_VN = re.compile(r"VN {1,2}- Ovid Technologies")
_DOI = re.compile(r"(?:https?://(?:dx\.)?doi\.org/|doi:\s*)?(10\.\d{3,9}/\S+)", re.I)
_PMID = re.compile(r"[1-9]\d{0,8}")
_NO_PAGES = frozenset({"no pagination specified", "no pagination", "unpaginated"})


# -- detection ------------------------------------------------------------------------------------
def detect(sample: str) -> float:
    """0.95 for ``VN  - Ovid Technologies`` among the first lines (every tagged Ovid record has it) or a record
    number followed by labelled fields; 0.9 for a record number followed by tag lines (no ``TY``: not RIS), or for
    labelled fields without record numbers (Ovid's long names, values indented below them)."""
    lines = [ln.rstrip() for ln in sample.lstrip("\ufeff").splitlines()[:400]]
    nonblank = [ln.strip() for ln in lines if ln.strip()]
    for ln in nonblank[:40]:
        if ln.startswith(("TY  -", "PMID-")) or (ln[:3] in ("RT ", "FN ") and ln[3:4].strip()):
            return 0.0  # RIS (Ovid's RIS export too), MEDLINE, RefWorks, Web of Science
    if any(_VN.match(ln) for ln in nonblank[:8]):
        return 0.95
    headed = any(HEADER.fullmatch(ln) for ln in nonblank[:8])
    labelled = _labelled_fields(lines)
    if labelled >= 3 and headed or labelled >= 5:
        return 0.95 if headed else 0.9
    if headed:
        first = next((i for i, ln in enumerate(nonblank) if HEADER.fullmatch(ln)), 0)
        tags = [ln for ln in nonblank[first + 1 : first + 8] if TAG.fullmatch(ln)]
        if len(tags) >= 3 and any(t[:2] in ("DB", "AN", "UI", "SO", "XL", "AU", "TI") for t in tags):
            return 0.9
    return 0.0


def _labelled_fields(lines: list[str]) -> int:
    """How many known long field names stand alone on a line with an indented value under them."""
    count = 0
    for i, ln in enumerate(lines[:-1]):
        if not ln or not ln[0].isupper() or (ln.endswith(":") and not ln.startswith("Link to")):
            continue  # Ovid's names are capitalized; "author:" over an indented block is YAML
        if ln.removesuffix(":").strip().lower() in LABELS:
            nxt = lines[i + 1]
            if nxt[:1] in (" ", "\t") and nxt.strip():
                count += 1
    return count


# -- reading --------------------------------------------------------------------------------------
class _Entry:
    """One field as read: its key (tag or label), the tag it stands for, its value lines, its line."""

    __slots__ = ("key", "code", "parts", "line", "label")

    def __init__(self, key: str, code: str, value: str | None, line: int, label: bool) -> None:
        self.key, self.code, self.line, self.label = key, code, line, label
        self.parts: list[str] = [value] if value is not None else []


class _Reader:
    def __init__(self, ctx: ReadContext) -> None:
        self.ctx = ctx
        self.entries: list[_Entry] = []
        self.start: int | None = None  # the line the record begins on (its number, or its first field)
        self.number = ""  # the record's number in the export
        self.labelled: bool | None = None  # the record's layout: long names (True) or tags (False)
        self.base: int | None = None  # the indentation of field lines
        self.pending: tuple[str, int, int] | None = None  # before the first record: a line that may be a field name
        self.skipped: list[int] = []  # lines outside any record
        self.blank = False  # a blank line since the last value line

    def finish(self) -> Iterator[Record]:
        if self.start is not None and self.entries:
            rec = self.ctx.build(self.start, _build, self.entries, self.number, self.start, self.ctx)
            if rec is not None:
                yield rec
        elif self.start is not None and self.number:
            self.ctx.warn(self.start, f"record {self.number} has no fields; skipped")
        self.entries, self.start, self.number, self.labelled, self.blank = [], None, "", None, False

    def open(self, line: int, number: str = "") -> Iterator[Record]:
        yield from self.finish()
        self.start, self.number = line, number

    def field(self, key: str, code: str, value: str | None, line: int, label: bool) -> Iterator[Record]:
        if self.entries and (code == "VN" or self._reopens(code)):
            moved = []
            first = self.entries[0]
            if len(self.entries) > 1 and self.entries[-1].key == first.key and not first.code:
                moved.append(self.entries.pop())  # "Score" opened this record and the next one
            yield from self.open(moved[0].line if moved else line)
            self.labelled = label
            self.entries.extend(moved)
        elif self.start is None:
            self.start = line
        if self.labelled is None:
            self.labelled = label
        self.entries.append(_Entry(key, code, value, line, label))
        self.blank = False

    def _reopens(self, code: str) -> bool:
        """``code`` opens a record and this one has it already (an export without record numbers)."""
        if code in REPEATING or not code:
            return False
        if code in OPENING or code == self.entries[0].code:
            return any(e.code == code for e in self.entries)
        return False

    def value(self, text: str) -> None:
        parts = self.entries[-1].parts
        if self.blank and parts:
            parts.append("")  # a paragraph break
        parts.append(text)
        self.blank = False

    def drop_pending(self) -> None:
        if self.pending is not None:
            self.skipped.append(self.pending[1])
            self.pending = None


def read(lines: Iterable[str], ctx: ReadContext) -> Iterator[Record]:
    r = _Reader(ctx)
    n = 0
    for n, raw in enumerate(lines, ctx.first_line):
        line = raw.lstrip("\ufeff").rstrip()
        text = line.lstrip()
        if not text:
            r.blank = r.start is not None
            continue
        indent = len(line) - len(text)
        ref = r.base if r.base is not None else r.pending[2] if r.pending is not None else None
        if ref is None or indent <= ref:
            header = HEADER.fullmatch(text)
            if header is not None and (text[0] in "<R" or not (r.labelled is False and r.entries)):
                r.drop_pending()
                yield from r.open(n, next(g for g in header.groups() if g))
                r.base = indent if r.base is None else r.base
                continue
            if r.labelled is not True and (m := TAG.fullmatch(text)) is not None:
                r.drop_pending()
                r.base = indent if r.base is None else r.base
                yield from r.field(m.group(1), m.group(1), m.group(2) or "", n, False)
                continue
            label = text.removesuffix(":").strip()
            if r.labelled or (r.start is not None and not r.entries):  # a labelled record, or just after its number
                r.base = indent if r.base is None else r.base
                yield from r.field(label, LABELS.get(label.lower(), ""), None, n, True)
                continue
            if r.start is None:  # before the first record: a known field name opens one, another may
                r.drop_pending()
                if code := LABELS.get(label.lower(), ""):
                    r.base = indent
                    yield from r.field(label, code, None, n, True)
                else:
                    r.pending = (label, n, indent)
                continue
        if r.pending is not None and not r.entries:  # an indented value under it: the pending line names a field
            label, at, r.base = r.pending
            r.pending = None
            yield from r.field(label, LABELS.get(label.lower(), ""), None, at, True)
        if r.entries:
            r.value(text)
        else:
            r.skipped.append(n)
    r.drop_pending()
    yield from r.finish()
    ctx.skipped(r.skipped, "text outside any Ovid record (a search strategy, a heading) skipped")


# -- building a record ----------------------------------------------------------------------------
class _Build:
    def __init__(self, rec: Record, entries: list[_Entry]) -> None:
        self.rec = rec
        self.extras: list[tuple[int, Extra]] = []
        # per name field: (name, the text as read, whether anything was taken off it, line, key)
        self.names: dict[str, list[tuple[Name, str, bool, int, str]]] = {"AU": [], "FA": [], "ED": []}
        self.types: list[str] = []
        self.source: dict[str, str] = {}  # SO taken apart
        self.dates: dict[str, tuple[Date, str, _Entry]] = {}
        db = next((_text(e.parts) for e in entries if e.code == "DB"), "")
        self.medline = not db or "medline" in db.lower() or "pubmed" in db.lower()
        self.sources: dict[str, list[str]] = {}  # variable -> the keys (tags or labels) it was read from
        self.psycinfo = "psyc" in db.lower()

    def came(self, var: str, e: _Entry) -> None:
        """``var`` was read from the field ``e`` (its key goes to ``rec.keys``: ``ovid:Author Keywords``)."""
        keys = self.sources.setdefault(var, [])
        if e.key not in keys:
            keys.append(e.key)

    def extra(self, e: _Entry, value: str | None = None) -> None:
        self.extras.append((e.line, Extra(NAME, e.key, _joined(e.parts) if value is None else value)))


def _build(entries: list[_Entry], number: str, start: int, ctx: ReadContext) -> Record:
    rec = Record(DEFAULT_TYPE, source=ctx.where(start))
    b = _Build(rec, entries)
    if number:
        b.extras.append((start, Extra(NAME, "record number", number)))
    packed: list[_Entry] = []  # SO, AS, BT: taken apart once the type is known
    later: list[_Entry] = []  # PU, IN: a thesis's university is in IN
    for e in entries:
        code = e.code
        values = [p for p in e.parts if p]
        if not values:
            b.extra(e, "")
        elif code in NAMES:
            _names(b, e, values)
        elif code in ("PT", "DT"):
            b.types.extend(values)
            b.extra(e)
        elif code in (SOURCE_TAG, SHORT_SOURCE_TAG, BOOK_TAG):
            packed.append(e)
            b.extra(e)
        elif code in ("YR", "DP", "MO", "EP"):
            _date_field(b, e)
        elif code in DOI_TAGS:
            _doi(b, e)
        elif code in PMID_TAGS or code == UI_TAG:
            _pmid(b, e)
        elif code in LISTS:
            _list(b, e, values)
        elif code == PSYC_KEYWORDS_TAG and b.psycinfo:
            for v in _text(values).split(","):
                rec.add("keyword", v.strip())
            b.came("keyword", e)
        elif code in (PSYC_PUBLISHER_TAG, "IN"):
            later.append(e)
        elif code == "IB":
            for v in values:
                for isbn in re.split(r",\s*(?=[0-9Xx][0-9Xx-]{8,})", v):
                    rec.add("ISBN", isbn.strip())
            b.came("ISBN", e)
        elif code in SINGLE and SINGLE[code] not in rec:
            _single(b, e, SINGLE[code], e.parts)
        else:
            b.extra(e)
    rec.type = _type(b.types)
    _people(b)
    _publishers(b, later)
    for e in packed:
        _packed(b, e)
    _issued(b)
    if "page" not in rec and b.source.get("number"):
        rec["page"] = b.source["number"]  # an article number (Embase's "Article Number: tay018")
    for var, keys in b.sources.items():
        if var in rec:
            rec.keys[var] = f"{NAME}:" + ",".join(keys)
    b.extras.sort(key=lambda x: x[0])
    rec.extra = [x for _, x in b.extras]
    return rec


def _text(parts: list[str]) -> str:
    """A value's lines as one text: lines joined by spaces, paragraphs (blank lines) by a line break."""
    paragraphs, current = [], []
    for p in parts:
        if p:
            current.append(p)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n".join(" ".join(p.split()) for p in paragraphs)


def _joined(parts: list[str]) -> str:
    """A value's lines as read (an extra): one a line, blank lines between paragraphs kept."""
    while parts and not parts[-1]:
        parts = parts[:-1]
    return "\n".join(parts)


def _single(b: _Build, e: _Entry, var: str, values: list[str]) -> None:
    rec = b.rec
    value = _text(values) if var == "abstract" else " ".join(_text(values).split())
    if var == "title":
        title = _clean_title(value)
        if title != value:
            b.extra(e)
        value = title
    elif var == "language":
        value = value.rstrip(".")
    elif var == "page" and value.lower().rstrip(".") in _NO_PAGES:
        b.extra(e)
        return
    elif var == "publisher" and e.code == "PB":
        value = _publisher(b, e, value)
    if value:
        rec[var] = value
        b.came(var, e)


def _clean_title(title: str) -> str:
    """The title without the label Ovid adds (``Title.  [Article]``) and without quotes around it all."""
    m = re.fullmatch(r"(.*?)\s*\[([A-Za-z ]+)\]\.?", title)
    if m is not None and m.group(1) and m.group(2).lower() in TITLE_LABELS:
        title = m.group(1)
    q = re.fullmatch(r'"([^"]+)"(\.?)', title)
    if q is not None:
        title = q.group(1)
    return title


def _publishers(b: _Build, entries: list[_Entry]) -> None:
    """PsycINFO's ``PU`` (``Cambridge University Press; United Kingdom``: publisher; country), and a thesis's
    university from its author's ``IN`` (``Sudler, Eric L.: St. John's U. (New York), US``); ``IN`` is else the
    authors' affiliations, kept as an extra."""
    rec = b.rec
    for e in entries:
        value = _text(e.parts)
        if e.code == "IN" and rec.type == "thesis" and "publisher" not in rec and value:
            rec["publisher"] = value.split("\n")[0].partition(": ")[2] or value.split("\n")[0]
            b.came("publisher", e)
            b.extra(e)
        elif e.code == PSYC_PUBLISHER_TAG and "publisher" not in rec and value:
            publisher, sep, place = value.rpartition("; ")
            rec["publisher"] = publisher if sep else place
            b.came("publisher", e)
            if sep and "publisher-place" not in rec:
                rec["publisher-place"] = place
                b.came("publisher-place", e)
        else:
            b.extra(e)


def _publisher(b: _Build, e: _Entry, value: str) -> str:
    """``University of the South Pacific, Institute of Applied Sciences, Suva``: publisher, and the place after the
    last comma (Zoological Record); a place "not given" is no place (the value as read is kept as an extra)."""
    publisher, sep, place = value.rpartition(", ")
    if not sep or any(ch.isdigit() for ch in place):
        return value
    if "not given" in place.lower():
        b.extra(e)
    elif "publisher-place" not in b.rec:
        b.rec["publisher-place"] = place
    else:
        return value
    return publisher


def _list(b: _Build, e: _Entry, values: list[str]) -> None:
    var, sep = LISTS[e.code]
    rec = b.rec
    for v in values:
        pieces = v.split(sep) if sep else [v]
        for piece in pieces:
            piece = piece.strip()
            if var == "keyword":
                piece = piece.rstrip(".").strip() if sep else piece
            if piece and not (var in ("ISSN", "URL") and piece in rec.get(var, [])):
                rec.add(var, piece)
                b.came(var, e)


def _doi(b: _Build, e: _Entry) -> None:
    m = _DOI.search(_text(e.parts))
    if m is None or "DOI" in b.rec:
        b.extra(e)
        return
    b.rec["DOI"] = m.group(1).rstrip(".")
    b.came("DOI", e)
    if m.group(0) != _text(e.parts):
        b.extra(e)  # a link, or more than the DOI: the value as read


def _pmid(b: _Build, e: _Entry) -> None:
    value = _text(e.parts).rstrip(".")
    if _PMID.fullmatch(value) and "PMID" not in b.rec and (e.code != UI_TAG or b.medline):
        b.rec["PMID"] = value
        b.came("PMID", e)
    else:
        b.extra(e)


# -- names ----------------------------------------------------------------------------------------
_LONGEST_NAME = 1000
_LONGEST_SOURCE = 4000  # a longer SO is no citation: kept as read, not taken apart
_MARKS = re.compile(r"(?:[\s,]+(?:\d+|[*+†‡§¶#]+))+,?\s*$|\s*[*+†‡§¶#]+\s*$")
_BRACKET = re.compile(r"\s*\[[^\]]*\]?\s*$")
_DEGREE = re.compile(r"(?:,\s*|\s+)([A-Za-z][A-Za-z.\-]*)\.?$")


def _names(b: _Build, e: _Entry, values: list[str]) -> None:
    """One name a value (MEDLINE), or several on a line separated by ``;`` (Journals@Ovid's ``Author``)."""
    code = "ED" if e.code in ("ED", "FED") else e.code
    for v in values:
        for piece in _split_names(v):
            if piece.strip():
                name, changed = clean_name(piece)
                if name != Name():
                    b.names[code].append((name, " ".join(piece.split()), changed, e.line, e.key))
                    b.came("editor" if code == "ED" else "author", e)


def _split_names(text: str) -> list[str]:
    """``Kohler, Lars 1;  Leuschner, Christoph 1``: the names of a line, split on the ``;`` outside brackets
    (``Werner, S. M. [Author, Reprint Author; E-mail: ...]`` is one name)."""
    if ";" not in text:
        return [text]
    if "[" not in text:
        return text.split(";")
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif ch == ";" and depth == 0:
            out.append(text[start:i])
            start = i + 1
    out.append(text[start:])
    return out


def clean_name(text: str) -> tuple[Name, bool]:
    """A name as Ovid writes it, family name first, without what is not the name: a bracket (``[Inventor]``,
    ``[E-mail: ...]``), affiliation marks (``1,2,+``, ``*``) and degrees after the given names (``MD, PhD``).
    Also whether anything was taken off."""
    original = " ".join(text.split())
    if len(original) > _LONGEST_NAME:
        return Name(literal=original), False  # no name is that long: kept whole, and no pattern runs over it
    t = _BRACKET.sub("", original)
    t = _MARKS.sub("", t).strip().rstrip(",").strip()
    family, comma, given = t.partition(",")
    if comma:
        given = given.strip()
        while True:
            m = _DEGREE.search(given)
            if m is None or m.group(1).rstrip(".") not in DEGREES and m.group(1) not in DEGREES:
                break
            rest = given[: m.start()].strip().rstrip(",").strip()
            if not rest:
                break  # "Shedko, MB": the initials, not a degree
            given = rest
        t = f"{family.strip()}, {given}" if given else family.strip()
    return parse_name(t, order="family-first"), t != original


def _people(b: _Build) -> None:
    """The authors from the full names (``FA``) when there are any, else from ``AU``; a name as read is kept as the
    extra ``AU@n`` (``Authors@n``) when something was taken off it, and every short name beside full ones."""
    rec = b.rec
    full, short = b.names["FA"], b.names["AU"]
    chosen, other = (full, short) if full else (short, [])
    for i, (name, raw, changed, line, key) in enumerate(chosen, 1):
        rec.add("author", name)
        if changed:
            b.extras.append((line, Extra(NAME, f"{key}@{i}", raw)))
    for i, (_, raw, _, line, key) in enumerate(other, 1):  # the short names beside the full ones: as read
        b.extras.append((line, Extra(NAME, f"{key}@{i}", raw)))
    for i, (name, raw, changed, line, key) in enumerate(b.names["ED"], 1):
        rec.add("editor", name)
        if changed:
            b.extras.append((line, Extra(NAME, f"{key}@{i}", raw)))


# -- the packed source ----------------------------------------------------------------------------
_EDITORS = re.compile(r"(?P<eds>.*\[Ed(?:itor|s|\.)?[^\]]*\])\.?\s+(?P<rest>.*)", re.S)
_BIOSIS_BOOK = re.compile(r"(?P<title>.+?)\.?:\s*(?P<pages>[\w-]+), (?P<year>\d{4})\.(?P<rest>.*)", re.S)
_PSYC_BOOK = re.compile(r"\((?P<year>\d{4})\)\.\s*(?P<title>.+?)\.\s*\(pp\.\s*(?P<pages>[^)]+)\)\.(?P<rest>.*)", re.S)
_ZR_BOOK = re.compile(
    r"(?P<title>\[[^\]]+\]|[^.\[]+)\.?\s*(?:\[[^\]]+\]\s*)?(?P<pub>[^.]+)\.\s*(?P<year>\d{4}|\[undated\]):\s*"
    r"(?P<extent>[^.]+)\.(?:\s*Chapter pagination:\s*(?P<pages>[\w-]+)\.?)?.*",
    re.S,
)
_SERIES = re.compile(r"Series Information:\s*(.+?)\.?\s*$", re.S)


def _packed(b: _Build, e: _Entry) -> None:
    text = _text(e.parts)
    flat = " ".join(text.split())
    rec = b.rec
    if len(flat) > _LONGEST_SOURCE:
        return
    if e.code == SHORT_SOURCE_TAG:
        short = parse_citation(flat).get("journal")
        if short and "container-title-short" not in rec:
            rec["container-title-short"] = short
        return
    if rec.type == "chapter" and _chapter(b, flat):
        return
    if e.code == BOOK_TAG:
        return  # a book's own citation (Zoological Record): kept as read
    parts = parse_citation(text.split("\n")[0])
    if not parts:
        if not any(ch.isdigit() for ch in flat) and "container-title" not in rec:
            rec["container-title"] = flat.rstrip(". ")
        return
    b.source = parts
    for part, var in (("journal", "container-title"), ("volume", "volume"), ("issue", "issue"), ("pages", "page"),
                      ("page-count", "number-of-pages"), ("doi", "DOI")):  # fmt: skip
        if parts.get(part) and var not in rec:
            rec[var] = parts[part]
    if (d := parse_date(parts.get("date", ""))) is not None:
        b.dates["SO"] = (d, parts["date"], e)
    if (series := _SERIES.search(text)) is not None and "collection-title" not in rec:
        rec["collection-title"] = " ".join(series.group(1).split())


def _chapter(b: _Build, text: str) -> bool:
    """A chapter's source: the editors (``Name [Editor]``, ``Name [Ed]``), the book, its pages and year."""
    rec = b.rec
    eds = _EDITORS.fullmatch(text)
    rest = text
    if eds is not None:
        rest = eds.group("rest")
        if not b.names["ED"]:
            for piece in re.split(r"\][,;]\s*", eds.group("eds")):
                name, _ = clean_name(piece.split("[")[0])
                if name != Name():
                    rec.add("editor", name)
    for pattern in (_PSYC_BOOK, _BIOSIS_BOOK, _ZR_BOOK):
        m = pattern.fullmatch(rest)
        if m is None:
            continue
        groups = m.groupdict()
        title = " ".join(groups["title"].split()).rstrip(". ")
        if title and "container-title" not in rec:
            rec["container-title"] = title
        if groups.get("pages") and "page" not in rec:
            rec["page"] = groups["pages"]
        year = small_int(groups["year"], 4) if groups.get("year", "").isdigit() else None
        if year is not None:
            b.dates.setdefault("SO", (Date.of(year), groups["year"], _Entry("", "", None, 0, False)))
        if groups.get("pub") and "publisher" not in rec:
            rec["publisher"] = _publisher(b, _Entry(BOOK_TAG, BOOK_TAG, None, 0, False), groups["pub"].strip())
        if (series := _SERIES.search(groups.get("rest") or "")) is not None and "collection-title" not in rec:
            rec["collection-title"] = " ".join(series.group(1).split())
        return True
    return eds is not None


# -- dates ----------------------------------------------------------------------------------------
_MONTH = {m: i for i, m in enumerate(MONTHS, 1)}


_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december")  # fmt: skip


def _month(word: str) -> int | None:
    """``Jan``, ``Jan.``, ``January``, ``Sept`` -> 1 ... 12; None for any other word."""
    w = word.lower().rstrip(".")
    if len(w) >= 3 and w[:3] in _MONTH and _MONTH_NAMES[_MONTH[w[:3]] - 1].startswith(w):
        return _MONTH[w[:3]]
    return None


def parse_date(text: str) -> Date | None:
    """A date as Ovid writes one: ``2018 01 01``, ``2019 Jan 01``, ``November 15, 2004``, ``15 June 2007``,
    ``2007 15 June``, ``Sep 2015``, ``January/February 2010``, ``Winter 2007``, ``20180301``, ``2004``; None when it
    is none of these."""
    t = " ".join(text.replace(",", " ").split()).strip(" .")
    if not t:
        return None
    if re.fullmatch(r"\d{8}", t):
        t = f"{t[:4]} {t[4:6]} {t[6:]}"
    words = t.split()
    years = [w for w in words if len(w) == 4 and w.isdigit()]
    if len(years) != 1:
        return None
    year = int(years[0])
    rest = [w for w in words if w != years[0]]
    months: list[int] = []
    day = None
    season = None
    for w in rest:
        if "/" in w or "-" in w:
            ms = [_month(p) for p in re.split(r"[/-]", w)]
            if all(ms) and len(ms) == 2:
                months.extend(m for m in ms if m)
                continue
            return None
        if (m := _month(w)) is not None:
            months.append(m)
        elif w.lower() in SEASONS:
            season = w
        elif w.isdigit() and len(w) <= 2:
            if not months and words.index(w) == 1 and words[0] == years[0] and len(rest) >= 2 and rest[1].isdigit():
                months.append(int(w))  # "2018 01 01": year, month, day
            elif day is None:
                day = int(w)
            else:
                return None
        else:
            return None
    if any(not 1 <= m <= 12 for m in months) or day is not None and not (1 <= day <= 31 and len(months) == 1):
        return None
    if season is not None:
        return Date(parts=((year,),), season=season) if not months and day is None else None
    if len(months) == 2:
        return Date(parts=((year, months[0]), (year, months[1]))) if day is None else None
    if not months:
        return Date.of(year) if day is None else None
    return Date.of(year, months[0], day)


def _precision(d: Date) -> int:
    return len(d.parts[0]) + (d.season is not None) if d.parts else 0


def _date_field(b: _Build, e: _Entry) -> None:
    value = _text(e.parts)
    if e.code == "EP":
        d = parse_date(value)
        if d is not None and "available-date" not in b.rec:
            b.rec["available-date"] = d
            b.came("available-date", e)
        else:
            b.extra(e)
        return
    if e.code == "MO" or e.code in b.dates:
        b.extra(e)
        return
    d = parse_date(value)
    if d is None:
        b.extra(e)
    else:
        b.dates[e.code] = (d, value, e)


def _issued(b: _Build) -> None:
    """The date of issue: the most precise of ``DP`` and the source's date that agrees with ``YR`` (the year of
    publication); the others, when they say more than the one taken, are kept as extras."""
    dates = b.dates
    year = dates.get("YR", (None,))[0]
    chosen: tuple[Date, str, _Entry] | None = None
    for key in ("DP", "SO", "YR"):
        if key not in dates:
            continue
        d = dates[key]
        if year is not None and d[0].year != year.year:
            continue
        if chosen is None or _precision(d[0]) > _precision(chosen[0]):
            chosen = d
    if chosen is None:
        chosen = next((dates[k] for k in ("DP", "SO") if k in dates), None)
    if chosen is None:
        return
    b.rec["issued"] = chosen[0]
    if chosen[2].key:
        b.came("issued", chosen[2])
    for key in ("DP", "YR"):
        if key in dates and dates[key] is not chosen and _precision(dates[key][0]) >= _precision(chosen[0]) \
                or key in dates and dates[key][0].year != chosen[0].year:  # fmt: skip
            b.extra(dates[key][2])


def _type(values: list[str]) -> str:
    lowered = [v.lower() for v in values]
    for word, csl in TYPE_RULES:
        if any(word in v for v in lowered):
            return csl
    return DEFAULT_TYPE
