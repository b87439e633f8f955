"""EndNote XML: EndNote's "File > Export > XML" and Mendeley's "EndNote XML" export (``<xml><records><record>``).

Reader: one ``<record>`` at a time, streamed with ``xmlsafe.iter_elements`` (no entity expansion, no
DTD, no network). Quirks handled (``docs/formats/endnote-xml.md``):

- text wrapped in ``<style face=... font=... size=...>`` elements (EndNote), several per field when
  part of it is italic or superscript (their texts are joined), or bare (Mendeley, hand-made files);
- EndNote's line breaks, ``&#xD;`` (a carriage return), become ``\\n``; the writer turns them back;
- several ISSN/ISBN in one ``<isbn>`` separated by line breaks, told apart by their shape;
- corporate authors written with a trailing comma (``World Health Organization,``), EndNote's rule;
- ``<pub-dates><date>`` as ``Dec 2``, ``2019/12/02``, ``12/25/2019`` (only where day and month cannot be
  confused) together with ``<year>``; anything else stays an extra, an odd year a raw date;
- ``<accession-num>`` is a PMID when it is a number and the record says it came from PubMed
  (``<remote-database-provider>NLM``, or a database name with PubMed/MEDLINE); else ``archive_location``;
- ``<custom2>`` holding ``PMC...`` is the PMCID, where EndNote's PubMed import puts it;
- ``<periodical>``/``<alt-periodical>`` titles that repeat ``<secondary-title>``/``<alt-title>`` are
  merged; different ones are kept;
- an unknown ``<ref-type>`` number or name is kept as a hint (``rec.keys["type"]``) and written back.

Everything else (database, source-app, rec-number, foreign-keys, custom fields, labels, PDF links,
author addresses ...) is kept in file order as extras (text, or a JSON-able dict for elements with
attributes or children) and written back in EndNote's element order.

Writer: what EndNote imports: EndNote's element order and ``<style face="normal" font="default"
size="100%">`` wrappers, one record per line. Values EndNote XML has no element for travel in
``<notes>`` as lines ``[csl:VARIABLE] value``, ``[format:key] value`` or ``[format:key=json] <json>``,
and are read back from there.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from lxml import etree

from ..context import ReadContext, WriteContext
from ..model import DATE_VARIABLES, LIST_VARIABLES, NAME_VARIABLES, Date, Extra, Name, Record, small_int
from .carriers import custom_what, load_json, read_notes
from .carriers import parse_name as _carrier_name
from .endnote_xml_map import (
    CHILD_ORDER,
    CSL_TO_REF_TYPE,
    ITEM_TAG,
    MAPPED_GROUPS,
    NAME_GROUPS,
    PERIODICAL_TYPES,
    RECORD_ORDER,
    REF_TYPE_NAMES,
    REF_TYPE_TO_CSL,
    STYLE_ATTRIBUTES,
    TEXT_ELEMENTS,
    TITLE_ELEMENTS,
    UNSTYLED,
)
from .xmlsafe import children_json, leading_tags, read_records, text_of

NAME = "endnote-xml"
EXTENSIONS = (".xml",)
ALIASES = ("enxml",)
DESCRIPTION = "EndNote XML (EndNote 'Export > XML', Mendeley's EndNote XML export)"
LINE_PIECES = True  # lines mean nothing in XML (EndNote writes its export on one line): a long one comes in pieces

_PMC = re.compile(r"PMC\d+")
_PUBMED_NAME = re.compile(r"pubmed|medline", re.I)
_PUBMED_PROVIDER = re.compile(r"\bNLM\b|pubmed|medline|national library of medicine", re.I)
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
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
_XML_NAME = re.compile(r"[A-Za-z_][\w.-]*")
#: Record-level elements read into a single-valued variable.
_SINGLE_MAPPED = frozenset(TEXT_ELEMENTS) | {"issue", "accession-num", "access-date", "ref-type"}


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


def _value_text(value: Any) -> str:
    """The text of an extra's value: the string, or the ``#text`` of an element with attributes."""
    if isinstance(value, dict):
        value = value.get("#text", "")
    return value if isinstance(value, str) else ""


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
        elif key in NAME_VARIABLES:
            if not isinstance(value, (str, dict)):
                return False
            rec.add(key, parse_name(value) if isinstance(value, str) else Name.from_csl(value))
        elif key in DATE_VARIABLES:
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


# -- writing --------------------------------------------------------------------------------------
def write(records: Iterable[Record], out: TextIO, ctx: WriteContext) -> None:
    """EndNote XML as EndNote writes it; one ``<record>`` per line between ``<xml><records>`` and the end."""
    out.write('<?xml version="1.0" encoding="UTF-8" ?>\n<xml><records>\n')
    for rec in records:
        ctx.records += 1
        el = _Writer(rec, ctx).build()
        out.write(etree.tostring(el, encoding="unicode") + "\n")
    out.write("</records></xml>\n")


def _date_texts(d: Date) -> tuple[str, str | None] | None:
    """``<year>`` and ``<pub-dates><date>`` for a date they can hold exactly, else None."""
    if d.season is not None or d.circa is not None or d.literal:
        return None
    if not d.parts:
        texts: tuple[str, str | None] = (d.raw, None)
    elif len(d.parts) == 1 and not d.raw and all(isinstance(p, int) for p in d.parts[0]):
        y, *md = d.parts[0]
        if not md:
            texts = (str(y), None)
        elif not 1 <= int(md[0]) <= 12:
            return None
        else:
            month = _MONTH_NAMES[int(md[0]) - 1]
            texts = (str(y), f"{month} {md[1]}" if len(md) > 1 else month)
    else:
        return None
    back, unused = issued_from(texts[0], [texts[1]] if texts[1] else [])
    return texts if back == d and not unused else None


class _Writer:
    """One record to one ``<record>`` element."""

    def __init__(self, rec: Record, ctx: WriteContext) -> None:
        self.rec = rec
        self.ctx = ctx
        self.parts: dict[str, list[Any]] = {}
        self.carriers: list[str] = []
        self.written_vars: set[str] = set()
        self.filled: set[str] = set()  # element paths filled from a variable (an extra there reads back as extra)
        self.year_text: str | None = None
        self.date_text: str | None = None
        self.empty_groups: set[str] = set()

    # -- element building ------------------------------------------------------------------------
    def clean(self, text: str) -> str:
        if _INVALID_XML.search(text):
            self.ctx.dropped("characters XML cannot hold")
            text = _INVALID_XML.sub("", text)
        return text.replace("\r\n", "\n").replace("\n", "\r")

    def leaf(self, tag: str, text: str, styled: bool = True) -> Any:
        el = etree.Element(tag)
        self.set_text(el, text, styled and tag not in UNSTYLED)
        return el

    def set_text(self, el: Any, text: str, styled: bool) -> None:
        if not text:
            return
        if styled:
            etree.SubElement(el, "style", STYLE_ATTRIBUTES).text = self.clean(text)
        else:
            el.text = self.clean(text)

    def top(self, tag: str, el: Any | None = None) -> Any:
        """Add a record-level element (a new one, or ``el``)."""
        el = etree.Element(tag) if el is None else el
        self.parts.setdefault(tag, []).append(el)
        return el

    def container(self, tag: str) -> Any:
        """The one record-level container ``tag`` (``titles``, ``urls`` ...), made on first use."""
        if tag in self.parts:
            return self.parts[tag][0]
        return self.top(tag)

    def group(self, parent: Any, tag: str) -> Any:
        found = parent.find(tag)
        return found if found is not None else etree.SubElement(parent, tag)

    def build_value(self, tag: str, value: Any) -> Any | None:
        """An element from a :func:`to_value` value; None if it cannot be built to read back the same."""
        try:
            el = self._build(tag, value)
        except (ValueError, TypeError):
            return None
        if el is None or to_value(el) != value:
            return None
        return el

    def _build(self, tag: str, value: Any) -> Any | None:
        if not _XML_NAME.fullmatch(tag):
            return None
        el = etree.Element(tag)
        if isinstance(value, str):
            self.set_text(el, value, tag not in UNSTYLED)
            return el
        if not isinstance(value, dict):
            return None
        for key, v in value.items():
            if key.startswith("@"):
                el.set(key[1:], v)
            elif key == "#text":
                if not isinstance(v, str):
                    return None
                self.set_text(el, v, tag not in UNSTYLED)
            else:
                for item in v if isinstance(v, list) else [v]:
                    child = self._build(key, item)
                    if child is None:
                        return None
                    el.append(child)
        return el

    # -- the record ------------------------------------------------------------------------------
    def build(self) -> Any:
        self.ref_type()
        self.names()
        self.titles()
        self.text_elements()
        self.keywords()
        self.dates()
        self.isbn()
        self.accession()
        self.urls()
        self.accessed()
        self.pmcid()
        self.extras()
        self.carry_rest()
        self.notes()
        record = etree.Element("record")
        order = {t: i for i, t in enumerate(RECORD_ORDER)}
        for tag in sorted(self.parts, key=lambda t: order.get(t, len(order))):
            for el in self.parts[tag]:
                if tag in CHILD_ORDER:
                    child_order = {t: i for i, t in enumerate(CHILD_ORDER[tag])}
                    el[:] = sorted(el, key=lambda c: child_order.get(c.tag, len(child_order)))
                record.append(el)
        return record

    def ref_type(self) -> None:
        rec = self.rec
        number = CSL_TO_REF_TYPE.get(rec.type, 13)
        name = REF_TYPE_NAMES[number]
        hint = rec.keys.get("type", "")
        if hint.startswith(NAME + ":"):
            text, _, hint_name = hint[len(NAME) + 1 :].partition(":")
            own = small_int(text)
            if own is not None and REF_TYPE_TO_CSL.get(own, "document") == rec.type:
                number = own
                name = hint_name or REF_TYPE_NAMES.get(number, "")
        if rec.type not in CSL_TO_REF_TYPE:
            self.carry("type", rec.type)
        el = etree.Element("ref-type", {"name": name} if name else {})
        el.text = str(number)
        self.top("ref-type", el)
        self.filled.add("ref-type")

    def names(self) -> None:
        contributors = None
        for group, var in NAME_GROUPS.items():
            names = self.rec.get(var)
            if not names:
                continue
            contributors = contributors if contributors is not None else self.container("contributors")
            g = self.group(contributors, group)
            for name in names:
                g.append(self.leaf("author", name_text(name)))
            self.written_vars.add(var)

    def text_var(self, var: str, path: str, styled: bool = True) -> bool:
        """Write a text variable at ``path`` (``pages``, ``titles/title``); False if it must be carried."""
        value = self.rec.get(var)
        if value is None:
            return False
        if not isinstance(value, str):
            return False
        parent_tag, _, tag = path.rpartition("/")
        el = self.leaf(tag, value, styled)
        if parent_tag:
            self.container(parent_tag).append(el)
        else:
            self.top(tag, el)
        self.written_vars.add(var)
        self.filled.add(path)
        return True

    def titles(self) -> None:
        for tag, var in TITLE_ELEMENTS.items():
            self.text_var(var, f"titles/{tag}")
        if self.rec.type in PERIODICAL_TYPES:
            for tag, var in (("full-title", "container-title"), ("abbr-1", "container-title-short")):
                value = self.rec.get(var)
                if isinstance(value, str):
                    self.container("periodical").append(self.leaf(tag, value))

    def text_elements(self) -> None:
        for tag, var in TEXT_ELEMENTS.items():
            if var == "issue" and self.rec.keys.get("issue") == f"{NAME}:issue":
                tag = "issue"
            if self.text_var(var, tag) and var == "issue":
                self.filled.update(("number", "issue"))

    def keywords(self) -> None:
        values = self.rec.get("keyword")
        if values and all(isinstance(v, str) and v for v in values):
            kw = self.container("keywords")
            for v in values:
                kw.append(self.leaf("keyword", v))
            self.written_vars.add("keyword")

    def dates(self) -> None:
        issued = self.rec.get("issued")
        if not isinstance(issued, Date):
            return
        texts = _date_texts(issued)
        if texts is None:
            # a range, a season ...: EndNote still gets the year; the exact date travels in <notes>
            year = issued.parts[0][0] if issued.parts and issued.parts[0] else None
            if isinstance(year, int):
                self.container("dates").append(self.leaf("year", str(year)))
                self.filled.add("dates/year")
            return
        dates = self.container("dates")
        dates.append(self.leaf("year", texts[0]))
        self.filled.add("dates/year")
        self.year_text, self.date_text = texts
        if texts[1]:
            etree.SubElement(dates, "pub-dates").append(self.leaf("date", texts[1]))
            self.filled.add("dates/pub-dates")
        self.written_vars.add("issued")

    def isbn(self) -> None:
        values: list[str] = []
        for var, want in (("ISSN", False), ("ISBN", True)):
            items = self.rec.get(var) or []
            if items and all(isinstance(v, str) and v.strip() == v and "\n" not in v and v and is_isbn(v) == want
                             for v in items):  # fmt: skip
                values.extend(items)
                self.written_vars.add(var)
        if values:
            self.top("isbn", self.leaf("isbn", "\n".join(values)))

    def provider(self) -> str:
        return next((_value_text(e.value) for e in self.rec.extra
                     if e.format == NAME and e.key == "remote-database-provider"), "")  # fmt: skip

    def accession(self) -> None:
        rec = self.rec
        marked = _pubmed_marked(rec.get("source"), self.provider())
        archive = rec.get("archive_location")
        if isinstance(archive, str) and archive and not (archive.isdigit() and marked):
            self.text_var("archive_location", "accession-num")
            return
        pmid = rec.get("PMID")
        if archive is None and isinstance(pmid, str) and pmid.isdigit() and (marked or not self.provider()):
            # EndNote's own PubMed import: the PMID in the accession number, NLM as the database provider
            # (the reader takes that provider as said by the PMID, and keeps no extra for it)
            self.text_var("PMID", "accession-num")
            if not self.provider():
                self.top("remote-database-provider", self.leaf("remote-database-provider", "NLM"))

    def urls(self) -> None:
        values = self.rec.get("URL")
        if not values or not all(isinstance(v, str) and v and "\n" not in v for v in values):
            return
        group = "web-urls" if self.rec.keys.get("URL") == f"{NAME}:web-urls" else "related-urls"
        g = self.group(self.container("urls"), group)
        for v in values:
            g.append(self.leaf("url", v))
        self.written_vars.add("URL")

    def accessed(self) -> None:
        d = self.rec.get("accessed")
        if not isinstance(d, Date) or d.season is not None or d.circa is not None or d.literal:
            return
        if d.parts and len(d.parts) == 1 and not d.raw and all(isinstance(p, int) for p in d.parts[0]):
            text = "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(d.parts[0]))
        elif not d.parts:
            text = d.raw
        else:
            return
        if _date_of_text(text) == d:
            self.top("access-date", self.leaf("access-date", text))
            self.written_vars.add("accessed")
            self.filled.add("access-date")

    def pmcid(self) -> None:
        value = self.rec.get("PMCID")
        own_custom2 = any(e.format == NAME and e.key == "custom2" for e in self.rec.extra)
        if isinstance(value, str) and _PMC.fullmatch(value) and not own_custom2:
            self.top("custom2", self.leaf("custom2", value))
            self.written_vars.add("PMCID")
            self.filled.add("custom2")

    # -- extras of this format -------------------------------------------------------------------
    def extras(self) -> None:
        for e in self.rec.extra:
            if e.format != NAME:
                continue
            if not self.place_extra(e.key, e.value):
                self.carry_extra(e)

    def place_extra(self, key: str, value: Any) -> bool:
        """Put an extra of this format back in its element; False when it would not read back as itself."""
        parent, _, tag = key.rpartition("/")
        if "/" in parent or parent and parent not in CHILD_ORDER or not parent and tag in CHILD_ORDER:
            return False
        if not self.reads_back_as_extra(key, value):
            return False
        if tag in ITEM_TAG and (tag in CHILD_ORDER.get(parent, ()) or key == "keywords"):
            item = None
            if value is not None:  # None: the group was empty (<pdf-urls/>)
                item_tag, v = ITEM_TAG[tag], value
                if isinstance(value, dict) and len(value) == 1 and not next(iter(value)).startswith(("@", "#")):
                    item_tag, v = next(iter(value.items()))
                item = self.build_value(item_tag, v)
                if item is None:
                    return False
            if key in self.empty_groups:
                return False  # the file had this group empty: an item there would not read back
            if value is None:
                exists = (self.container(parent).find(tag) if parent else self.parts.get(tag)) is not None
                if parent and tag in CHILD_ORDER.get(parent, ()) and not exists:
                    self.group(self.container(parent), tag)
                    self.empty_groups.add(key)
                    return True
                return False
            holder = self.group(self.container(parent), tag) if parent else self.container(tag)
            holder.append(item)
            return True
        el = self.build_value(tag, value) if value is not None else None
        if el is None:
            return False
        if parent:
            self.container(parent).append(el)
        else:
            self.top(tag, el)
        return True

    def reads_back_as_extra(self, key: str, value: Any) -> bool:
        """Would the reader give this element back as an extra (rather than read it into a variable)?"""
        if value is None or value == "":
            return True  # empty elements come back as extras
        foreign_item = isinstance(value, dict) and len(value) == 1 and not next(iter(value)).startswith(("@", "#"))
        if key in MAPPED_GROUPS:
            return foreign_item
        if key in ("isbn", "notes"):
            return False
        if key in _SINGLE_MAPPED or key.startswith("titles/") and key[7:] in TITLE_ELEMENTS:
            return key in self.filled
        if key == "custom2":
            return key in self.filled or not _PMC.fullmatch(_value_text(value))
        if key == "dates/year":
            return key in self.filled
        if key == "dates/pub-dates":
            if isinstance(value, dict):
                return foreign_item
            issued = self.rec.get("issued") if "issued" in self.written_vars else None
            pubs = ([self.date_text] if self.date_text else []) + [value]
            back, unused = issued_from(self.year_text, pubs) if self.year_text is not None else (None, pubs)
            return back == issued and unused[-1:] == [value] and self.year_text is not None
        if key.startswith(("periodical/", "alt-periodical/")):
            var = {"full-title": "container-title", "abbr-1": "container-title-short"}.get(key.split("/")[1])
            if var is None:
                return True
            return isinstance(value, str) and var in self.written_vars and self.rec.get(var) != value
        return True

    # -- carriers --------------------------------------------------------------------------------
    def carry(self, var: str, value: Any) -> None:
        if not self.ctx.carry(f"CSL {var}", "<notes>"):
            return
        if isinstance(value, str) and "\n" not in value:
            self.carriers.append(f"[csl:{var}] {value}")
        else:
            self.carriers.append(f"[csl:{var}=json] " + json.dumps(value, ensure_ascii=False))

    def carry_extra(self, e: Extra) -> None:
        if not self.ctx.carry(f"{e.format} {e.key}", "<notes>", own=e.format == NAME):
            return
        if isinstance(e.value, str) and "\n" not in e.value:
            self.carriers.append(f"[{e.format}:{e.key}] {e.value}")
        else:
            self.carriers.append(f"[{e.format}:{e.key}=json] " + json.dumps(e.value, ensure_ascii=False))

    def carry_rest(self) -> None:
        rec = self.rec
        if rec.id is not None:
            self.carry("id", rec.id)
        for var, value in rec.items():
            if var in self.written_vars or var == "note":
                continue
            if var in NAME_VARIABLES:
                for name in value:
                    self.carry(var, name_text(name) if parse_name(name_text(name)) == name else name.to_csl())
            elif var in DATE_VARIABLES:
                self.carry(var, value.to_csl())
            elif var in LIST_VARIABLES:
                for v in value:
                    self.carry(var, v)
            else:
                self.carry(var, value)
        if rec.custom and self.ctx.carry(custom_what(rec.custom), "<notes>"):
            self.carriers.append("[csl:custom] " + json.dumps(rec.custom, ensure_ascii=False, sort_keys=True))
        for e in rec.extra:
            if e.format != NAME:
                self.carry_extra(e)

    def notes(self) -> None:
        notes = [n for n in self.rec.get("note") or [] if isinstance(n, str)]
        for n in self.rec.get("note") or []:
            if not isinstance(n, str):
                self.carry("note", n)
        paragraphs = ["\n".join(line for line in n.split("\n") if line.strip()) for n in notes]
        text = "\n\n".join(p for p in paragraphs if p)
        if self.carriers:
            text += ("\n\n" if text else "") + "\n".join(self.carriers)
        if text:
            self.parts.setdefault("notes", []).insert(0, self.leaf("notes", text))
