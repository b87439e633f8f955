"""The EndNote XML reader and detection, and the small pieces the writer shares (the format's surface is
the package, :mod:`msccite.formats.endnote_xml`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from lxml import etree

from ...context import ReadContext
from ...model import DATE_SET, LIST_VARIABLES, NAME_SET, Date, Extra, Name, Record, small_int
from ..carriers import load_json, read_notes
from ..carriers import parse_name as _carrier_name
from ..xmlsafe import children_json, leading_tags, read_records, text_of
from .map import (
    CSL_TO_REF_TYPE,
    ITEM_TAG,
    NAME_GROUPS,
    REF_TYPE_NAMES,
    REF_TYPE_TO_CSL,
    TEXT_ELEMENTS,
    TITLE_ELEMENTS,
)

NAME = "endnote-xml"
EXTENSIONS = (".xml",)
ALIASES = ("enxml",)
DESCRIPTION = "EndNote XML (EndNote 'Export > XML', Mendeley's EndNote XML export)"
LINE_PIECES = True  # lines mean nothing in XML (EndNote writes its export on one line): a long one comes in pieces

_PMC = re.compile(r"PMC\d+")
_PUBMED_NAME = re.compile(r"pubmed|medline", re.I)
_PUBMED_PROVIDER = re.compile(r"\bNLM\b|pubmed|medline|national library of medicine", re.I)
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTHS = {m.lower(): i for i, m in enumerate(_MONTH_NAMES, 1)} | {
    m.lower(): i for i, m in enumerate(("January February March April May June July August September October "
                                        "November December").split(), 1)}  # fmt: skip
_SEASONS = ("spring", "summer", "autumn", "fall", "winter")
_DATE_WORDS = re.compile(r"([A-Za-z]+)\.?(?:\s+(\d{1,2}))?(?:,?\s+(\d{4}))?")
_DATE_DAY_FIRST = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\.?(?:,?\s+(\d{4}))?")
_DATE_YMD = re.compile(r"(\d{4})(?:[/.-](\d{1,2})(?:[/.-](\d{1,2}))?)?")
_DATE_MDY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_ISBN_DIGITS = re.compile(r"[\dXx]")


# -- detection ------------------------------------------------------------------------------------
def detect(sample: str) -> float:
    """EndNote XML if the document opens with ``<xml>`` and then ``<records>`` (or ``<record>``)."""
    tags = [t for t in leading_tags(sample, 4) if t != "!DOCTYPE xml"]
    if len(tags) >= 2 and tags[0] == "xml" and tags[1] in ("records", "record"):
        return 0.95
    return 0.0


# -- small pieces shared by reader and writer -----------------------------------------------------
def _text(el: Any) -> str:
    """An element's text, ``<style>`` wrappers joined, EndNote's carriage returns as line breaks.

    Indentation between child elements (a pretty-printed file) is not part of the text.
    """
    if len(el) == 0:
        text = el.text or ""
    else:
        parts = [el.text] if el.text and not _indent(el.text) else []
        for c in el:
            if isinstance(c.tag, str):
                parts.append(text_of(c))
            elif c.tag is etree.Entity:
                parts.append(c.text or "")
            if c.tail and not _indent(c.tail):
                parts.append(c.tail)
        text = "".join(parts)
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _indent(text: str) -> bool:
    return "\n" in text and not text.strip()


def parse_name(text: str) -> Name:
    """``Family, Given[, Suffix]``; a trailing comma (EndNote's corporate author) or no comma: a literal."""
    text = text.strip()
    if text.endswith(","):
        return Name(literal=text[:-1].strip())
    return _carrier_name(text)


def name_text(name: Name) -> str:
    """The inverse of :func:`parse_name`: ``Family, Given[, Suffix]``, a literal with a trailing comma."""
    if name.literal:
        return name.literal + ","
    given = name.full_given
    if name.suffix:
        return f"{name.full_family}, {given}, {name.suffix}"
    return f"{name.full_family}, {given}" if given else name.full_family


def is_isbn(value: str) -> bool:
    """An ISBN (10 or 13 digits) rather than an ISSN (8), judged on the first word of the value."""
    first = value.split()[0] if value.split() else ""
    return len(_ISBN_DIGITS.findall(first)) in (10, 13) and first.replace("-", "").isalnum()


def _month(word: str) -> int | None:
    return _MONTHS.get(word.lower().rstrip("."))


def decode_date(text: str) -> tuple[int | None, int | None, int | None] | None:
    """``Dec 2``, ``December 2, 2019``, ``2 Dec``, ``2019/12/02``, ``2019-12``, ``12/25/2019``; None if unsure."""
    t = text.strip()
    m = _DATE_YMD.fullmatch(t)
    if m:
        y, mo, d = int(m.group(1)), m.group(2), m.group(3)
        return _checked(y, int(mo) if mo else None, int(d) if d else None)
    m = _DATE_MDY.fullmatch(t)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if a > 12 >= b:
            return _checked(y, b, a)
        if b > 12 >= a or a == b:
            return _checked(y, a, b)
        return None  # 03/04/2019: March 4 or 3 April
    m = _DATE_WORDS.fullmatch(t)
    if m and _month(m.group(1)):
        return _checked(int(m.group(3)) if m.group(3) else None, _month(m.group(1)),
                        int(m.group(2)) if m.group(2) else None)  # fmt: skip
    m = _DATE_DAY_FIRST.fullmatch(t)
    if m and _month(m.group(2)):
        return _checked(int(m.group(3)) if m.group(3) else None, _month(m.group(2)), int(m.group(1)))
    return None


def _checked(y: int | None, m: int | None, d: int | None) -> tuple[int | None, int | None, int | None] | None:
    if m is not None and not 1 <= m <= 12 or d is not None and (m is None or not 1 <= d <= 31):
        return None
    return y, m, d


def issued_from(year: str | None, dates: list[str]) -> tuple[Date | None, list[str]]:
    """``<year>`` and the ``<pub-dates>`` texts -> the issued date and the date texts it does not use."""
    y: int | None = None
    if year is not None:
        ys = year.strip()
        if re.fullmatch(r"\d{4}", ys):
            y = int(ys)
        elif ys:
            return Date(raw=year), list(dates)
    if not dates:
        return (Date.of(y) if y is not None else None), []
    first, rest = dates[0], list(dates[1:])
    parsed = decode_date(first)
    if parsed is None:
        if y is None and year is None:
            return Date(raw=first), rest
        return (Date.of(y) if y is not None else None), [first] + rest
    py, pm, pd = parsed
    if py is None and y is None:
        return (Date(raw=first), rest) if year is None else (None, [first] + rest)
    if py is not None and y is not None and py != y:
        return Date.of(y), [first] + rest
    full = y if y is not None else py
    assert full is not None
    return Date.of(full, pm, pd) if pm is not None else Date.of(full), rest


def _pubmed_marked(database: Any, provider: Any) -> bool:
    return (isinstance(database, str) and bool(_PUBMED_NAME.search(database))) or (
        isinstance(provider, str) and bool(_PUBMED_PROVIDER.search(provider)))  # fmt: skip


def to_value(el: Any) -> Any:
    """An element as a JSON-able value: its text (styles unwrapped) for a leaf, else a dict.

    Attributes are ``@name`` keys, children their tags (a list when repeated), text ``#text``.
    """
    kids = [c for c in el if isinstance(c.tag, str) and c.tag != "style"]
    attrs = {"@" + k: v for k, v in el.attrib.items()}
    mixed = bool((el.text or "").strip()) or any((c.tail or "").strip() for c in el)
    if not kids or mixed:
        text = _text(el)
        return {**attrs, "#text": text} if attrs else text
    return children_json(attrs, kids, to_value)


# -- reading --------------------------------------------------------------------------------------
def read(lines: Iterable[str], ctx: ReadContext) -> Iterator[Record]:
    yield from read_records(lines, ("record",), ctx, _record)


def _record(elem: Any, line: int, ctx: ReadContext) -> Record:
    return _Reader(elem, line, ctx).build()


class _Reader:
    """One ``<record>`` element to one record."""

    def __init__(self, elem: Any, line: int, ctx: ReadContext) -> None:
        self.elem = elem
        self.line = line
        self.ctx = ctx
        self.rec = Record("document", source=ctx.where(line))
        self.own: list[Extra] = []
        self.carried: list[Extra] = []
        self.accession: str | None = None
        self.database: str | None = None
        self.provider: str | None = None
        self.url_from: list[str] = []
        self.seen_type = False

    def extra(self, key: str, value: Any) -> None:
        self.own.append(Extra(NAME, key, value))

    def build(self) -> Record:
        handlers = {
            "ref-type": self.ref_type, "contributors": self.contributors, "titles": self.titles,
            "periodical": self.periodical, "alt-periodical": self.periodical, "keywords": self.keywords,
            "dates": self.dates, "isbn": self.isbn, "accession-num": self.accession_num, "notes": self.notes,
            "urls": self.urls, "access-date": self.access_date, "custom2": self.custom2, "issue": self.issue,
        }  # fmt: skip
        for child in self.elem:
            if not isinstance(child.tag, str):
                continue
            tag = child.tag
            if tag in TEXT_ELEMENTS:
                self.set_var(TEXT_ELEMENTS[tag], child, tag)
                if tag == "remote-database-name" and self.database is None:
                    self.database = _text(child)
            elif tag in handlers:
                handlers[tag](child)
            else:
                if tag == "remote-database-provider" and self.provider is None:
                    self.provider = _text(child)
                self.extra(tag, to_value(child))
        self.finish()
        return self.rec

    def set_var(self, var: str, el: Any, key: str) -> None:
        """The first non-empty value fills the variable; an empty element or a later one is an extra."""
        value = _text(el)
        if value and var not in self.rec:
            self.rec[var] = value
        else:
            self.extra(key, to_value(el))

    def issue(self, el: Any) -> None:
        value = _text(el)
        if value and "issue" not in self.rec:
            self.rec["issue"] = value
            self.rec.keys["issue"] = f"{NAME}:issue"
        else:
            self.extra("issue", to_value(el))

    def ref_type(self, el: Any) -> None:
        if self.seen_type:
            self.extra("ref-type", to_value(el))
            return
        self.seen_type = True
        text = _text(el).strip()
        name = el.get("name")
        number = small_int(text)  # None for thousands of digits too: no type number
        if number is None and name:
            number = next((n for n, nm in REF_TYPE_NAMES.items() if nm.lower() == name.lower()), None)
        self.rec.type = REF_TYPE_TO_CSL.get(number, "document") if number is not None else "document"
        canonical = CSL_TO_REF_TYPE.get(self.rec.type, 13)
        if (text or name) and (text != str(canonical) or name not in (None, REF_TYPE_NAMES[canonical])):
            self.rec.keys["type"] = f"{NAME}:{text}:{name or ''}"

    def contributors(self, el: Any) -> None:
        for group in el:
            if not isinstance(group.tag, str):
                continue
            key = f"contributors/{group.tag}"
            if group.tag not in ITEM_TAG:
                self.extra(key, to_value(group))
                continue
            var = NAME_GROUPS.get(group.tag)
            items = [item for item in group if isinstance(item.tag, str)]
            for item in items:
                text = _text(item)
                if var and item.tag == "author" and text.strip():
                    self.rec.add(var, parse_name(text))
                else:
                    self.extra(key, to_value(item) if item.tag == "author" else {item.tag: to_value(item)})
            if not items:
                self.extra(key, None)

    def titles(self, el: Any) -> None:
        for child in el:
            if not isinstance(child.tag, str):
                continue
            var = TITLE_ELEMENTS.get(child.tag)
            key = f"titles/{child.tag}"
            if var:
                self.set_var(var, child, key)
            else:
                self.extra(key, to_value(child))

    def periodical(self, el: Any) -> None:
        for child in el:
            if not isinstance(child.tag, str):
                continue
            key = f"{el.tag}/{child.tag}"
            var = {"full-title": "container-title", "abbr-1": "container-title-short"}.get(child.tag)
            value = _text(child)
            if var and value and var not in self.rec:
                self.rec[var] = value
            elif not (var and value and self.rec.get(var) == value):
                self.extra(key, to_value(child))

    def keywords(self, el: Any) -> None:
        for item in el:
            if item.tag == "keyword" and _text(item):
                self.rec.add("keyword", _text(item))
            elif isinstance(item.tag, str):
                self.extra("keywords", to_value(item) if item.tag == "keyword" else {item.tag: to_value(item)})

    def dates(self, el: Any) -> None:
        year: str | None = None
        pub: list[str] = []
        for child in el:
            if not isinstance(child.tag, str):
                continue
            if child.tag == "year" and year is None and "issued" not in self.rec and not child.attrib:
                year = _text(child)
            elif child.tag == "pub-dates" and "issued" not in self.rec:
                items = [d for d in child if isinstance(d.tag, str)]
                for d in items:
                    if d.tag == "date" and not d.attrib and _text(d):
                        pub.append(_text(d))
                    else:
                        self.extra("dates/pub-dates", to_value(d) if d.tag == "date" else {d.tag: to_value(d)})
                if not items:
                    self.extra("dates/pub-dates", None)
            elif child.tag == "copyright-dates":
                items = [item for item in child if isinstance(item.tag, str)]
                for item in items:
                    value = to_value(item)
                    self.extra("dates/copyright-dates", value if item.tag == "date" else {item.tag: value})
                if not items:
                    self.extra("dates/copyright-dates", None)
            else:
                self.extra(f"dates/{child.tag}", to_value(child))
        if year is None and not pub:
            return
        issued, unused = issued_from(year, pub)
        if issued is not None:
            self.rec["issued"] = issued
        elif year is not None:
            self.extra("dates/year", year)
        for text in unused:
            self.extra("dates/pub-dates", text)

    def isbn(self, el: Any) -> None:
        values = [v.strip() for v in _text(el).split("\n") if v.strip()]
        if not values:
            self.extra("isbn", to_value(el))
        for v in values:
            self.rec.add("ISBN" if is_isbn(v) else "ISSN", v)

    def accession_num(self, el: Any) -> None:
        value = _text(el)
        if self.accession is None and value:
            self.accession = value
        else:
            self.extra("accession-num", value)

    def access_date(self, el: Any) -> None:
        text = _text(el)
        if not text or "accessed" in self.rec:
            self.extra("access-date", to_value(el))
            return
        self.rec["accessed"] = _date_of_text(text)

    def custom2(self, el: Any) -> None:
        value = _text(el)
        if _PMC.fullmatch(value) and "PMCID" not in self.rec:
            self.rec["PMCID"] = value
        else:
            self.extra("custom2", to_value(el))

    def urls(self, el: Any) -> None:
        for group in el:
            if not isinstance(group.tag, str):
                continue
            key = f"urls/{group.tag}"
            if group.tag not in ITEM_TAG:
                self.extra(key, to_value(group))
                continue
            items = [item for item in group if isinstance(item.tag, str)]
            for item in items:
                text = _text(item)
                if group.tag in ("related-urls", "web-urls") and item.tag == "url" and text:
                    self.rec.add("URL", text)
                    self.url_from.append(group.tag)
                else:
                    self.extra(key, to_value(item) if item.tag == "url" else {item.tag: to_value(item)})
            if not items:
                self.extra(key, None)

    def notes(self, el: Any) -> None:
        text = _text(el)
        if not text:
            self.extra("notes", to_value(el))
            return
        read_notes(self.rec, text, self.carrier)

    def carrier(self, m: re.Match[str]) -> None:
        """A ``[ns:key] value`` line of the notes: back to the variable or extra it carries."""
        ns, key, is_json, text = m.group(1), m.group(2), bool(m.group(3)), m.group(4)
        line = f"[{ns}:{key}{'=json' if is_json else ''}] {text}"
        try:
            value: Any = load_json(text) if is_json or (ns == "csl" and key == "custom") else text
        except ValueError:
            self.ctx.warn(self.line, f"<notes> {line[:40]!r} should hold JSON; kept as a note")
            self.rec.add("note", line)
            return
        if ns != "csl":
            self.carried.append(Extra(ns, key, value))
        elif not self.csl_carrier(key, text, value, is_json):
            self.ctx.warn(self.line, f"<notes> {line[:40]!r} does not hold a value for {key}; kept as a note")
            self.rec.add("note", line)

    def csl_carrier(self, key: str, text: str, value: Any, is_json: bool) -> bool:
        rec = self.rec
        if key == "type":
            rec.type = text
            rec.keys.pop("type", None)
        elif key == "id":
            rec.id = text
        elif key == "custom":
            if not isinstance(value, dict):
                return False
            rec.custom.update(value)
        elif key in NAME_SET:
            if not isinstance(value, (str, dict)):
                return False
            rec.add(key, parse_name(value) if isinstance(value, str) else Name.from_csl(value))
        elif key in DATE_SET:
            if is_json and not isinstance(value, (str, dict)):
                return False
            rec[key] = Date.from_csl(value) if is_json else _date_of_text(text)
        elif key in LIST_VARIABLES:
            if not isinstance(value, str) or not value:
                return False
            rec.add(key, value)
        elif value in (None, "", [], {}):
            return False
        else:
            rec[key] = value
        return True

    def finish(self) -> None:
        if self.accession is not None:
            if self.accession.isdigit() and _pubmed_marked(self.database, self.provider) and "PMID" not in self.rec:
                self.rec["PMID"] = self.accession
                if self.provider == "NLM":  # said by the PMID itself: the writer puts it back beside a PMID
                    self.own = [e for e in self.own if not (e.key == "remote-database-provider" and e.value == "NLM")]
            elif "archive_location" not in self.rec:
                self.rec["archive_location"] = self.accession
            else:
                self.extra("accession-num", self.accession)
        if self.url_from and all(u == "web-urls" for u in self.url_from):
            self.rec.keys["URL"] = f"{NAME}:web-urls"
        self.rec.extra = self.own + self.carried


def _date_of_text(text: str) -> Date:
    """``accessed`` and hand-written date carriers: any shape :func:`decode_date` knows (``2019/12/02/`` too)."""
    parsed = decode_date(text.rstrip("/") if re.fullmatch(r"\d{4}(/\d{0,2}){0,2}/", text) else text)
    if parsed is None or parsed[0] is None:
        return Date(raw=text)
    _, m, d = parsed
    return Date.of(parsed[0], m, d) if m is not None else Date.of(parsed[0])
