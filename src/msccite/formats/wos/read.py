"""The Web of Science reader (the format's surface is the package, :mod:`msccite.formats.wos`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from ...context import ReadContext
from ...model import Date, Extra, Name, Record
from ..carriers import parse_name  # "Family, Given[, Suffix]"; no comma: kept whole ([Anonymous], a group)
from .map import DT_TO_CSL, MONTHS, MULTI_TAGS, PT_TO_CSL, SEASONS, SINGLE_TAGS, SPACE_TAGS

NAME = "wos"
EXTENSIONS = (".ciw",)
DESCRIPTION = "Web of Science tagged format (plain text export: FN/VR header, PT ... ER records)"

_TAG = re.compile(r"([A-Z][A-Z0-9])(?: (.*))?$")
_CONTINUATION = re.compile(r"(?:   |\t)\s*(\S.*)$")
_WOS_LINE = re.compile(r"[A-Z][A-Z0-9] \S")
#: A name's trailing parenthesis (``Medvedeff, Cassandra A (medvedeff22@ufl.edu)``).
_TRAILING_PAREN = re.compile(r"\s*\(([^()]*)\)$")
_EMAIL = re.compile(r"[^\s@()<>\[\];,]+@[^\s@()<>\[\];,]+\.[^\s@()<>\[\];,]+")

_PD = re.compile(r"(?:(\d{4}) )?([A-Z]{3,9})(?: (\d{1,2}))?(?:-([A-Z]{3,9})?(?: ?(\d{1,2}))?)?(?: (\d{4}))?")
_CY = re.compile(r"([A-Z]{3}) (\d{1,2})(?:-(?:([A-Z]{3}) )?(\d{1,2}))?, (\d{4})")


# -- detection ------------------------------------------------------------------------------------
def detect(sample: str) -> float:
    """``FN``+``VR`` header: 0.95; headerless ``PT``/``AU``/``TI`` ... ``ER`` records: 0.8."""
    lines = [ln.lstrip("\ufeff").rstrip() for ln in sample.splitlines()[:400]]
    lines = [ln for ln in lines if ln.strip()]
    if not lines:
        return 0.0
    if lines[0].startswith("FN ") and len(lines) > 1 and lines[1].startswith("VR "):
        return 0.95
    head = lines[:12]
    if not head[0].startswith("PT ") or not all(_looks_tagged(ln) for ln in head):
        return 0.0
    if not any(ln.startswith(("AU ", "TI ", "AF ")) for ln in head):
        return 0.0
    if "ER" in lines:
        return 0.8
    return 0.6 if len(head) >= 4 else 0.0


def _looks_tagged(line: str) -> bool:
    return bool(_WOS_LINE.match(line)) or line.startswith("   ") or line == "ER"


# -- reading --------------------------------------------------------------------------------------
def read(lines: Iterable[str], ctx: ReadContext) -> Iterator[Record]:
    entries: list[list[Any]] = []  # [tag, [values], line] of the record being read
    start = 0  # line of the record's first tag; 0 = outside a record
    header = ctx.first_line > 1  # a part of a file cut for parallel work: the header was the first part's
    warned_header = False
    n = 0
    for n, raw in enumerate(lines, ctx.first_line):
        line = raw.rstrip()
        if n == 1:
            line = line.lstrip("\ufeff")
        if not line.strip():
            continue
        m = _TAG.match(line)
        if start:
            if m is None:
                c = _CONTINUATION.match(line)
                text = c.group(1) if c else line.strip()
                if c is None:
                    ctx.warn(n, f"line neither tagged nor indented; read as a continuation: {text[:60]!r}")
                entries[-1][1].append(text)
                continue
            tag, value = m.group(1), (m.group(2) or "").strip()
            if tag == "ER":
                if (rec := ctx.build(start, _build, entries, start, ctx)) is not None:
                    yield rec
                entries, start = [], 0
                continue
            if tag == "EF":
                ctx.warn(n, f"EF before the ER of the record that starts at line {start}; that record ends here")
                if (rec := ctx.build(start, _build, entries, start, ctx)) is not None:
                    yield rec
                entries, start = [], 0
                continue
            if tag == "PT":
                ctx.warn(n, f"PT before the ER of the record that starts at line {start}; that record ends here")
                if (rec := ctx.build(start, _build, entries, start, ctx)) is not None:
                    yield rec
                entries, start = [[tag, [value], n]], n
                continue
            entries.append([tag, [value], n])
            continue
        # outside a record
        if m is not None:
            tag, value = m.group(1), (m.group(2) or "").strip()
            if tag in ("FN", "VR", "EF"):  # file framing, not data
                header = True
                continue
            if tag == "ER":
                ctx.warn(n, "ER outside a record skipped")
                continue
            if not header and not warned_header:
                ctx.warn(n, "no FN/VR header: read as Web of Science records")
                warned_header = True
            if tag != "PT":
                ctx.warn(n, f"record starts with {tag}, not PT")
            entries, start = [[tag, [value], n]], n
            continue
        ctx.warn(n, f"text outside a record skipped: {line.strip()[:60]!r}")
    if start:
        ctx.warn(n, f"the last record (line {start}) has no ER line; it is kept")
        if (rec := ctx.build(start, _build, entries, start, ctx)) is not None:
            yield rec


def _join(tag: str, parts: list[str]) -> str:
    return (" " if tag in SPACE_TAGS else "\n").join(p for p in parts)


def _csl_type(pt: str, dt: str) -> str:
    """``PT`` gives the kind of source, the first ``DT`` kind that says more refines it."""
    for kind in (d.strip().lower() for d in dt.split(";")):
        if kind in DT_TO_CSL:
            return DT_TO_CSL[kind]
    return PT_TO_CSL.get(pt.strip().upper(), "document")


def _month(token: str | None) -> int | None:
    return MONTHS.get(token) if token else None


def parse_pd(pd: str, py: str) -> Date:
    """``PY`` and ``PD`` into a :class:`Date`; what cannot be decoded is kept raw (``raw = "PD PY"``)."""
    year = int(py) if re.fullmatch(r"\d{4}", py) else None
    text = pd.strip().upper()
    if not text:
        return Date.of(year) if year is not None else Date(raw=py)
    if re.fullmatch(r"\d{4}", text):
        return Date.of(year or int(text)) if year in (None, int(text)) else _raw(pd, py, year)
    m = _PD.fullmatch(text)
    if m is None:
        return _raw(pd, py, year)
    y1, word, d1, word2, d2, y2 = m.groups()
    if "-" in text and not (word2 or d2):
        return _raw(pd, py, year)
    inner = [int(y) for y in (y1, y2) if y]
    if len(inner) > 1 or inner and year is not None and inner[0] != year:
        return _raw(pd, py, year)
    y = inner[0] if inner else year
    if y is None:
        return _raw(pd, py, year)
    if word in SEASONS and not (d1 or word2 or d2):
        return Date(parts=((y,),), season=SEASONS[word])
    m1 = _month(word)
    m2 = _month(word2) if word2 else None
    if m1 is None or (word2 and m2 is None) or (d2 and not word2 and not d1):
        return _raw(pd, py, year)
    day1 = int(d1) if d1 else None
    if day1 is not None and not 1 <= day1 <= 31:
        return _raw(pd, py, year)
    first = (y, m1) if day1 is None else (y, m1, day1)
    if not word2 and not d2:
        return Date(parts=(first,))
    if d2 and not word2:  # "JAN 5-9"
        return Date(parts=(first, (y, m1, int(d2)))) if day1 else _raw(pd, py, year)
    assert m2 is not None
    second = (y, m2) if not d2 else (y, m2, int(d2))
    if (day1 is None) != (d2 is None):
        return _raw(pd, py, year)
    return Date(parts=(first, second))


def _raw(pd: str, py: str, year: int | None) -> Date:
    if year is None:
        return Date(raw=f"{pd} {py}".strip())
    return Date(parts=((year,),), raw=f"{pd} {py}")


def parse_conference_date(text: str) -> Date:
    """``CY`` as WoS writes it (``JUN 18-22, 2017``, ``SEP 30-OCT 02, 2018``, ``MAY 05, 2019``)."""
    m = _CY.fullmatch(text.strip().upper())
    if m is None:
        return Date(raw=text)
    mon1, d1, mon2, d2, year = m.groups()
    m1 = MONTHS.get(mon1)
    m2 = MONTHS.get(mon2) if mon2 else m1
    if m1 is None or m2 is None:
        return Date(raw=text)
    first = (int(year), m1, int(d1))
    if d2 is None:
        return Date(parts=(first,))
    return Date(parts=(first, (int(year), m2, int(d2))))


def _build(entries: list[list[Any]], start: int, ctx: ReadContext) -> Record:
    first_values: dict[str, str] = {}  # tag -> its first non-empty value
    for tag, parts, _ in entries:
        text = _join(tag, parts).strip()
        if text:
            first_values.setdefault(tag, text)
    pt = first_values.get("PT", "")
    rec = Record(_csl_type(pt, first_values.get("DT", "")), source=ctx.where(start))
    if pt:
        rec.keys["type"] = "wos:" + pt
    extras: list[tuple[int, Extra]] = []
    seen: set[str] = set()
    pages: dict[str, tuple[str, int]] = {}
    person_tag = "AF" if "AF" in first_values else "AU"
    book_tag = "BF" if "BF" in first_values else "BA"
    book_names: list[tuple[int, str]] = []
    persons = _Persons()
    for tag, parts, line in entries:
        value = _join(tag, parts).strip()
        if tag == "PT" and tag not in seen:
            seen.add(tag)
        elif tag in ("AU", "AF"):
            persons.read(rec, tag, parts, line, extras, tag == person_tag)
        elif tag in ("BA", "BF"):
            if tag == book_tag:
                book_names.extend((line, p.strip()) for p in parts if p.strip())
            else:
                extras.extend((line, Extra(NAME, tag, p.strip())) for p in parts)
        elif tag in ("BE", "ED"):
            _names(rec, "editor", tag, parts, line, extras, True)
        elif tag in ("CA", "GP"):
            # GP, "Book Group Author": the body a book is by; for a paper in that book (there are AU), the book's
            var = "container-author" if tag == "GP" and any(e[0] == "AU" for e in entries) else "author"
            for p in parts:
                if p.strip():
                    rec.add(var, Name(literal=p.strip()))
                else:
                    extras.append((line, Extra(NAME, tag, p)))
        elif tag in MULTI_TAGS:
            extras.extend((line, Extra(NAME, tag, p.strip())) for p in parts)
        elif not value or tag in seen:
            extras.append((line, Extra(NAME, tag, value)))
        else:
            seen.add(tag)
            _single(rec, tag, value, line, extras, pages, first_values)
    persons.finish(extras)
    _book_authors(rec, book_tag, book_names, extras)
    _set_pages(rec, pages, extras, first_values)
    _set_date(rec, first_values, entries, extras)
    extras.sort(key=lambda x: x[0])
    rec.extra = [e for _, e in extras]
    return rec


#: One record from its entries (``[tag, [values], line]``): the tab-delimited export's rows are read with it too.
build_record = _build


def split_emails(text: str) -> tuple[str, list[str]]:
    """A WoS name and the e-mail addresses in its trailing parenthesis.

    ``Medvedeff, Cassandra A (medvedeff22@ufl.edu)`` -> ``("Medvedeff, Cassandra A", ["medvedeff22@ufl.edu"])``;
    several addresses are separated by ``;`` (or ``,``). A parenthesis that is not all addresses
    (``(Ed.)``), or a name that would be left empty, is returned whole with no address.
    """
    m = _TRAILING_PAREN.search(text)
    if m is None:
        return text, []
    name = text[: m.start()].strip()
    emails = [e for e in re.split(r"[;,\s]+", m.group(1)) if e]
    if not name or not emails or not all(_EMAIL.fullmatch(e) for e in emails):
        return text, []
    return name, emails


class _Persons:
    """``AU`` and ``AF``: the names of one fill ``author``, the other's are extras; e-mails are ``EM@n``.

    The abbreviated and the full names go line for line (the *i*-th ``AU`` is the *i*-th ``AF``), so
    an address on an ``AU`` name beside ``AF`` belongs to the author the *i*-th ``AF`` gave; an
    address on both is kept once. An ``AU`` line with no ``AF`` line to go with stays as written.
    The ``EM@n`` extras of author *n* are placed with the tag that gave the name, in file order.
    """

    def __init__(self) -> None:
        self.index = {"AU": 0, "AF": 0}  # lines read of each tag
        self.positions: dict[int, tuple[int, int]] = {}  # i-th line of the author tag -> (author n, its tag's line)
        self.found: list[tuple[int, int, list[str]]] = []  # (line, author n, addresses)
        self.others: list[tuple[str, int, int, str]] = []  # (tag, line, i, text) of the tag that gives extras

    def read(self, rec: Record, tag: str, parts: list[str], line: int,
             extras: list[tuple[int, Extra]], use: bool) -> None:  # fmt: skip
        for p in parts:
            p = p.strip()
            i = self.index[tag]
            self.index[tag] += 1
            if not use:
                self.others.append((tag, line, i, p))
            elif not p:
                extras.append((line, Extra(NAME, tag, p)))
            else:
                name, emails = split_emails(p)
                rec.add("author", parse_name(name))
                n = len(rec["author"])
                self.positions[i] = (n, line)
                self.found.append((line, n, emails))

    def finish(self, extras: list[tuple[int, Extra]]) -> None:
        for tag, line, i, text in self.others:
            name, emails = split_emails(text)
            if i not in self.positions:  # no author to give the address to: the name stays as written
                extras.append((line, Extra(NAME, tag, text)))
                continue
            extras.append((line, Extra(NAME, tag, name)))
            self.found.append((line, self.positions[i][0], emails))
        by_author: dict[int, list[str]] = {}
        for _, n, emails in sorted(self.found, key=lambda f: f[0]):  # stable: file order
            known = by_author.setdefault(n, [])
            known.extend(e for e in emails if e not in known)
        where = {n: line for n, line in self.positions.values()}
        for n, emails in sorted(by_author.items()):
            extras.extend((where[n], Extra(NAME, f"EM@{n}", e)) for e in emails)


def _names(rec: Record, var: str, tag: str, parts: list[str], line: int,
           extras: list[tuple[int, Extra]], use: bool) -> None:  # fmt: skip
    for p in parts:
        p = p.strip()
        if use and p:
            rec.add(var, parse_name(p))
        else:
            extras.append((line, Extra(NAME, tag, p)))


def _book_authors(rec: Record, tag: str, names: list[tuple[int, str]], extras: list[tuple[int, Extra]]) -> None:
    """``BF``/``BA``: the book's authors. For a book they are its authors (an extra when they repeat them)."""
    if not names:
        return
    parsed = [parse_name(n) for _, n in names]
    if rec.type == "book":
        if not rec.authors:
            rec["author"] = parsed
            return
        if rec.authors == parsed:
            extras.extend((line, Extra(NAME, tag, n)) for line, n in names)
            return
    rec["container-author"] = parsed


def _single(rec: Record, tag: str, value: str, line: int, extras: list[tuple[int, Extra]],
            pages: dict[str, tuple[str, int]], first: dict[str, str]) -> None:  # fmt: skip
    if tag in SINGLE_TAGS:
        rec[SINGLE_TAGS[tag]] = value
    elif tag in ("BP", "EP", "PS"):
        pages[tag] = (value, line)
    elif tag in ("SN", "EI"):
        if tag == "EI" and value == first.get("SN"):
            extras.append((line, Extra(NAME, tag, value)))  # the same ISSN twice: kept, not repeated
        else:
            rec.add("ISSN", value)
    elif tag == "BN":
        for v in value.split(";"):
            rec.add("ISBN", v.strip())
    elif tag == "DE":
        for kw in value.split(";"):
            rec.add("keyword", kw.strip())
    elif tag in ("JI", "J9"):
        if tag == "JI" or "JI" not in first:
            rec["container-title-short"] = value
        else:
            extras.append((line, Extra(NAME, tag, value)))
    elif tag == "DL":
        rec.add("URL", value)
    elif tag == "CY":
        rec["event-date"] = parse_conference_date(value)
    elif tag == "EA":
        rec["available-date"] = parse_pd(value, "")
    elif tag in ("PY", "PD"):
        pass  # read together in _set_date
    else:
        extras.append((line, Extra(NAME, tag, value)))


def _set_pages(rec: Record, pages: dict[str, tuple[str, int]], extras: list[tuple[int, Extra]],
               first: dict[str, str]) -> None:  # fmt: skip
    bp, ep = pages.get("BP"), pages.get("EP")
    if bp and ep:
        rec["page"] = f"{bp[0]}-{ep[0]}"
    elif bp:
        rec["page"] = bp[0]
    elif ep:
        extras.append((ep[1], Extra(NAME, "EP", ep[0])))
    elif "AR" in first and rec.get("number") == first["AR"]:  # no BP/EP: the article number is the locator
        rec["page"] = rec.fields.pop("number")  # as citation styles want it, and written once, not as two fields
        rec.keys["page"] = "wos:AR"
    elif "PS" in pages:  # the page span of older exports (Web of Knowledge), when there is nothing else
        rec["page"] = pages["PS"][0]
        rec.keys["page"] = "wos:PS"
    if "PS" in pages and rec.keys.get("page") != "wos:PS":
        extras.append((pages["PS"][1], Extra(NAME, "PS", pages["PS"][0])))


def _set_date(rec: Record, first: dict[str, str], entries: list[list[Any]], extras: list[tuple[int, Extra]]) -> None:
    py, pd = first.get("PY", "").strip(), first.get("PD", "").strip()
    if py:
        rec["issued"] = parse_pd(pd, py)
    elif pd:
        rec["issued"] = parse_pd(pd, "")
        if rec["issued"].year is None:  # "DEC 2" with no year anywhere: nothing to date
            del rec["issued"]
            line = next(e[2] for e in entries if e[0] == "PD")
            extras.append((line, Extra(NAME, "PD", pd)))
