"""MODS writer: one ``<modsCollection>`` of MODS 3.8 records (``version="3.8"``, the MODS namespace), each
record on its own indented lines, in the structure Zotero's ``MODS.js`` writes:

- the title in ``titleInfo``, the short title in ``titleInfo type="abbreviated"``;
- names with ``namePart type="family"/"given"`` (``termsOfAddress`` for a suffix), a literal as
  ``name type="corporate"``, each with its MARC relator (code and term);
- the type three ways: ``typeOfResource``, ``genre authority="local"`` (Zotero's item type, or the CSL type
  where Zotero has none) and ``genre authority="marcgt"``, with ``issuance``;
- for the types that are part of a larger work (journal articles, chapters ...): ``relatedItem type="host"``
  holding the container's titles, its editors and authors, its ISSN/ISBN and ``part`` (volume, issue, pages
  as ``<extent unit="pages"><start>..</start><end>..</end></extent>``: a lone page is a start alone, never an
  empty end);
- ``originInfo`` (publisher, place, date issued, date captured, edition), identifiers, ``location``, ...

Extras read from MODS go back at their path (``originInfo/issuance`` -> an ``<originInfo>`` holding that
``<issuance>``). Each record is read back before it is written: whatever would not come back as it is (a
value MODS has no element for, a name particle, a date range MODS cannot say ...) is carried, when the
conversion is lossless, in ``<note type="msccite">[csl:VARIABLE=json] ...</note>`` notes that the reader
applies last; extras of other formats travel as ``[format:key] value`` notes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any, TextIO

from lxml import etree

from ...context import ReadContext, WriteContext
from ...model import DATE_SET, LIST_VARIABLES, NAME_SET, Date, Extra, Name, Record
from ..carriers import custom_what
from .map import (
    CARRIER_NOTE,
    CSL_DETAILS,
    CSL_IDENTIFIERS,
    CSL_TO_LOCAL,
    CSL_TO_MARCGT,
    CSL_TO_RELATOR,
    CSL_TO_TYPE_OF_RESOURCE,
    DEFAULT_ISSUANCE,
    DEFAULT_TYPE_OF_RESOURCE,
    ISSUANCE,
    MARC_RELATORS,
    NS,
    PARTIAL_TYPES,
    SCHEMA_LOCATION,
    TOP_ORDER,
    VERSION,
    XLINK,
    XML_NS,
    XSI,
)
from .read import NAME, _Reader

HEAD = (f'<?xml version="1.0" encoding="UTF-8"?>\n<modsCollection xmlns="{NS}" xmlns:xsi="{XSI}" '
        f'xsi:schemaLocation="{SCHEMA_LOCATION}">\n')  # fmt: skip
TAIL = "</modsCollection>\n"
WHERE = f'<note type="{CARRIER_NOTE}">'

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_XML_NAME = re.compile(r"[A-Za-z_][\w.-]*")
_SEGMENT = re.compile(r"([A-Za-z_][\w.-]*)(?:\[([\w-]+)\])?")
_RANGE = re.compile(r"([^\s\-\u2013\u2014,;]+)-([^\s\-\u2013\u2014,;]+)")
_ONE_PAGE = re.compile(r"[^\s\-\u2013\u2014,;]+")
_ISO639_2 = re.compile(r"[a-z]{3}")
_BCP47 = re.compile(r"[a-z]{2}(?:-[A-Za-z0-9]{1,8})*")
_WS = " \t\r\n"
_CONTAINER_VARS = ("container-title", "container-title-short", "container-author")


def write(records: Iterable[Record], out: TextIO, ctx: WriteContext) -> None:
    """One ``<modsCollection>``; each ``<mods>`` indented, records one after the other."""
    out.write(HEAD)
    for rec in records:
        ctx.records += 1
        el = _Writer(rec, ctx).build()
        etree.indent(el, space="  ", level=1)
        out.write("  " + etree.tostring(el, encoding="unicode") + "\n")
    out.write(TAIL)


def _w3cdtf(part: tuple[Any, ...]) -> str | None:
    """``(2019, 12, 2)`` -> ``2019-12-02``; None for what W3CDTF cannot say."""
    if not part or not all(type(x) is int for x in part) or not 0 <= part[0] <= 9999 or len(part) > 3:
        return None
    if len(part) > 1 and not 1 <= part[1] <= 12 or len(part) > 2 and not 1 <= part[2] <= 31:
        return None
    return "-".join(f"{x:04d}" if i == 0 else f"{x:02d}" for i, x in enumerate(part))


def date_elements(d: Date) -> list[tuple[dict[str, str], str]]:
    """The attributes and text of the date elements that say ``d`` (two for a range)."""
    if d.parts and len(d.parts) <= 2 and not d.raw:
        texts = [_w3cdtf(tuple(p)) for p in d.parts]
        if all(texts):
            if len(texts) == 1:
                return [({"encoding": "w3cdtf"}, str(texts[0]))]
            return [({"encoding": "w3cdtf", "point": "start"}, str(texts[0])),
                    ({"encoding": "w3cdtf", "point": "end"}, str(texts[1]))]  # fmt: skip
    text = d.raw or d.literal or str(d)
    return [({}, text)] if text else []


def page_extent(page: str) -> Any:
    """``<extent unit="pages">``: ``12-19`` as start and end, ``12`` (or ``e0245432``) as a start alone, anything
    else (``12-12``, ``1-5, 7-9``, ``12–19``) as a list, so that it reads back as written."""
    el = etree.Element("extent", unit="pages")
    m = _RANGE.fullmatch(page)
    if m and m.group(1) != m.group(2):
        etree.SubElement(el, "start").text = m.group(1)
        etree.SubElement(el, "end").text = m.group(2)
    elif _ONE_PAGE.fullmatch(page):
        etree.SubElement(el, "start").text = page
    else:
        etree.SubElement(el, "list").text = page
    return el


def _same_names(a: Any, b: Any) -> bool:
    """The same names as MODS can say them: a particle is part of the family name there."""
    if not isinstance(a, list) or not isinstance(b, list) or len(a) != len(b):
        return False

    def key(n: Name) -> tuple[str, str, str, str]:
        return (n.full_family, n.full_given, n.suffix, n.literal)

    return all(isinstance(x, Name) and isinstance(y, Name) and key(x) == key(y) for x, y in zip(a, b, strict=True))


class _Writer:
    """One record to one ``<mods>`` element."""

    def __init__(self, rec: Record, ctx: WriteContext) -> None:
        self.rec = rec
        self.ctx = ctx
        self.parts: dict[str, list[Any]] = {}
        self.host_el: Any = None
        self.series_el: Any = None
        self.origin_el: Any = None
        self.partial = rec.type in PARTIAL_TYPES

    # -- elements --------------------------------------------------------------------------------
    @staticmethod
    def text(value: Any) -> str:
        text = value if isinstance(value, str) else str(value)
        return _INVALID_XML.sub("", text) if _INVALID_XML.search(text) else text

    def leaf(self, parent: Any, tag: str, value: Any, **attrs: str) -> Any:
        el = etree.SubElement(parent, tag, attrs)
        el.text = self.text(value)
        return el

    def top(self, tag: str, **attrs: str) -> Any:
        el = etree.Element(tag, attrs)
        self.parts.setdefault(tag, []).append(el)
        return el

    def host(self) -> Any:
        if self.host_el is None:
            self.host_el = etree.Element("relatedItem", type="host")
        return self.host_el

    def series(self) -> Any:
        if self.series_el is None:
            self.series_el = etree.Element("relatedItem", type="series")
        return self.series_el

    def origin(self) -> Any:
        if self.origin_el is None:
            self.origin_el = self.top("originInfo")
        return self.origin_el

    def value(self, var: str) -> str | None:
        v = self.rec.get(var)
        if v is None or isinstance(v, (list, Date)) or v == "":
            return None
        return self.text(v) or None

    # -- the record ------------------------------------------------------------------------------
    def build(self) -> Any:
        self.titles()
        self.container()
        self.names()
        self.kind()
        self.origin_info()
        self.language()
        self.physical()
        self.texts()
        self.subjects()
        self.series_number()
        self.identifiers()
        self.location()
        self.part()
        self.record_info()
        if self.host_el is not None:
            self.parts.setdefault("relatedItem", []).insert(0, self.host_el)
        if self.series_el is not None:
            self.parts.setdefault("relatedItem", []).append(self.series_el)
        own = [e for e in self.rec.extra if e.format == NAME]
        wrappers = self.wrappers(own)
        mods = self.assemble(wrappers)
        back = self.read_back(mods)
        if wrappers and back.extra != own:  # an extra that would not come back as itself: all travel in notes
            wrappers = []
            mods = self.assemble(wrappers)
            back = self.read_back(mods)
        for text in self.carriers(back, bool(wrappers)):
            self.leaf(mods, "note", text, type=CARRIER_NOTE)
        return mods

    def assemble(self, wrappers: list[Any]) -> Any:
        """The ``<mods>`` element: the mapped elements in :data:`TOP_ORDER`, then the extras' elements."""
        xlink = any(k.startswith(f"{{{XLINK}}}") for w in wrappers for el in w.iter() for k in el.attrib)
        mods = etree.Element("mods", {"version": VERSION}, nsmap={"xlink": XLINK} if xlink else None)
        for tag in TOP_ORDER:
            mods.extend(self.parts.get(tag, ()))
        mods.extend(wrappers)
        return mods

    def titles(self) -> None:
        for var, attrs in (("title", {}), ("title-short", {"type": "abbreviated"})):
            value = self.value(var)
            if value:
                self.leaf(self.top("titleInfo", **attrs), "title", value)

    def name_element(self, name: Name, var: str) -> Any:
        el = etree.Element("name")
        if name.literal:
            el.set("type", "corporate")
            self.leaf(el, "namePart", name.literal)
        else:
            el.set("type", "personal")
            for kind, value in (("family", name.full_family), ("given", name.full_given),
                                ("termsOfAddress", name.suffix)):  # fmt: skip
                if value:
                    self.leaf(el, "namePart", value, type=kind)
        role = etree.SubElement(el, "role")
        code = CSL_TO_RELATOR.get(var)
        if code:
            self.leaf(role, "roleTerm", code, type="code", authority="marcrelator")
            self.leaf(role, "roleTerm", MARC_RELATORS[code][0], type="text", authority="marcrelator")
        else:
            self.leaf(role, "roleTerm", var, type="text")
        return el

    def names(self) -> None:
        for var, names in self.rec.items():
            if var not in NAME_SET or not isinstance(names, list):
                continue
            for name in names:
                if not isinstance(name, Name):
                    continue
                el = self.name_element(name, var)
                if var == "container-author" or (var == "editor" and self.partial):
                    self.host().append(el)
                elif var == "collection-editor":
                    self.series().append(el)
                else:
                    self.parts.setdefault("name", []).append(el)

    def kind(self) -> None:
        t = self.rec.type
        self.top("typeOfResource").text = CSL_TO_TYPE_OF_RESOURCE.get(t, DEFAULT_TYPE_OF_RESOURCE)
        self.top("genre", authority="local").text = self.text(CSL_TO_LOCAL.get(t, t))
        if t in CSL_TO_MARCGT:
            if self.partial:
                self.leaf(self.host(), "genre", CSL_TO_MARCGT[t], authority="marcgt")
            else:
                self.top("genre", authority="marcgt").text = CSL_TO_MARCGT[t]

    def origin_info(self) -> None:
        rec = self.rec
        place, publisher, edition = self.value("publisher-place"), self.value("publisher"), self.value("edition")
        if place:
            self.leaf(etree.SubElement(self.origin(), "place"), "placeTerm", place, type="text")
        if publisher:
            self.leaf(self.origin(), "publisher", publisher)
        for var, tag in (("issued", "dateIssued"), ("accessed", "dateCaptured")):
            d = rec.get(var)
            if isinstance(d, Date):
                for attrs, text in date_elements(d):
                    self.leaf(self.origin(), tag, text, **attrs)
        if edition:
            self.leaf(self.origin(), "edition", edition)
        issuance = ISSUANCE.get(rec.type, None if self.partial else DEFAULT_ISSUANCE)
        if issuance:
            if self.partial:
                self.leaf(etree.SubElement(self.host(), "originInfo"), "issuance", issuance)
            else:
                self.leaf(self.origin(), "issuance", issuance)

    def language(self) -> None:
        value = self.value("language")
        if not value:
            return
        el = self.top("language")
        if _ISO639_2.fullmatch(value):
            self.leaf(el, "languageTerm", value, type="code", authority="iso639-2b")
        elif _BCP47.fullmatch(value):
            self.leaf(el, "languageTerm", value, type="code", authority="rfc5646")
        else:
            self.leaf(el, "languageTerm", value, type="text")

    def physical(self) -> None:
        el = None
        for var, unit in (("number-of-pages", "pages"), ("number-of-volumes", "volumes")):
            value = self.value(var)
            if value:
                el = self.top("physicalDescription") if el is None else el
                self.leaf(el, "extent", value, unit=unit)

    def texts(self) -> None:
        abstract = self.value("abstract")
        if abstract:
            self.top("abstract").text = abstract
        for note in self.rec.get("note") or []:
            if isinstance(note, str) and note:
                self.top("note").text = self.text(note)
        call = self.value("call-number")
        if call:
            self.top("classification").text = call

    def subjects(self) -> None:
        for word in self.rec.get("keyword") or []:
            if isinstance(word, str) and word:
                self.leaf(self.top("subject"), "topic", word)
        scale = self.value("scale")
        if scale:
            self.leaf(etree.SubElement(self.top("subject"), "cartographics"), "scale", scale)

    def container(self) -> None:
        """The container's titles first in the host, the series title first in the series."""
        for var, attrs in (("container-title", {}), ("container-title-short", {"type": "abbreviated"})):
            value = self.value(var)
            if value:
                self.host().append(self.titled(value, attrs))
        title = self.value("collection-title")
        if title:
            self.series().append(self.titled(title, {}))

    def series_number(self) -> None:
        number = self.value("collection-number")
        if number:
            detail = etree.SubElement(etree.SubElement(self.series(), "part"), "detail", type="volume")
            self.leaf(detail, "number", number)

    def titled(self, value: str, attrs: dict[str, str]) -> Any:
        el = etree.Element("titleInfo", attrs)
        self.leaf(el, "title", value)
        return el

    def identifiers(self) -> None:
        rec = self.rec
        for var, kind in CSL_IDENTIFIERS:
            value = self.value(var)
            if value:
                self.top("identifier", type=kind).text = value
        if rec.id is not None:
            self.top("identifier", type="citekey").text = self.text(rec.id)
        for var, kind in (("ISBN", "isbn"), ("ISSN", "issn")):
            for value in rec.get(var) or []:
                if isinstance(value, str) and value:
                    if self.partial:
                        self.leaf(self.host(), "identifier", value, type=kind)
                    else:
                        self.top("identifier", type=kind).text = self.text(value)

    def location(self) -> None:
        where, urls = self.value("archive_location"), [u for u in self.rec.get("URL") or [] if isinstance(u, str) and u]
        if not where and not urls:
            return
        el = self.top("location")
        if where:
            self.leaf(el, "physicalLocation", where)
        for url in urls:
            self.leaf(el, "url", url)

    def part(self) -> None:
        details = [(kind, self.value(var)) for var, kind in CSL_DETAILS]
        page = self.value("page")
        if not page and not any(v for _, v in details):
            return
        el = etree.SubElement(self.host(), "part") if self.partial else self.top("part")
        for kind, value in details:
            if value:
                self.leaf(etree.SubElement(el, "detail", type=kind), "number", value)
        if page:
            el.append(page_extent(page))

    def record_info(self) -> None:
        source = self.value("source")
        if source:
            self.leaf(self.top("recordInfo"), "recordContentSource", source)

    # -- extras of MODS itself -------------------------------------------------------------------
    def wrapper(self, key: str, value: Any) -> Any | None:
        """The element an extra was read from, inside the path of (bare) elements it was read at."""
        segments = key.split("/")
        root = parent = None
        for seg in segments[:-1]:
            m = _SEGMENT.fullmatch(seg)
            if m is None:
                return None
            el = etree.Element(m.group(1), {"type": m.group(2)} if m.group(2) else {})
            if parent is None:
                root = el
            else:
                parent.append(el)
            parent = el
        leaf = self.build_value(segments[-1], value)
        if leaf is None:
            return None
        if parent is None:
            return leaf
        parent.append(leaf)
        return root

    def build_value(self, tag: str, value: Any) -> Any | None:
        try:
            if not tag.startswith("{") and not _XML_NAME.fullmatch(tag):
                return None
            el = etree.Element(tag)
            if isinstance(value, str):
                if _INVALID_XML.search(value):
                    return None
                el.text = value
                return el
            if not isinstance(value, dict):
                return None
            for key, v in value.items():
                if key.startswith("@"):
                    name = key[1:]
                    prefix, sep, rest = name.partition(":")
                    if sep and prefix in ("xlink", "xml"):
                        name = f"{{{XLINK if prefix == 'xlink' else XML_NS}}}{rest}"
                    if not isinstance(v, str) or _INVALID_XML.search(v):
                        return None
                    el.set(name, v)
                elif key == "#text":
                    if not isinstance(v, str) or _INVALID_XML.search(v):
                        return None
                    el.text = v
                else:
                    for item in v if isinstance(v, list) else [v]:
                        child = self.build_value(key, item)
                        if child is None:
                            return None
                        el.append(child)
            return el
        except (ValueError, TypeError):
            return None

    # -- reading back: what would not come back is carried ---------------------------------------
    def read_back(self, mods: Any) -> Record:
        return _Reader(mods, None, ReadContext(NAME, errors="collect")).build()

    def wrappers(self, own: list[Extra]) -> list[Any]:
        """The elements of the record's MODS extras, when they all come before the extras of other formats (else
        their order could not be kept: then all extras travel in notes)."""
        extra = self.rec.extra
        first_foreign = next((i for i, e in enumerate(extra) if e.format != NAME), len(extra))
        if not own or any(e.format == NAME for e in extra[first_foreign:]):
            return []
        built = [self.wrapper(e.key, e.value) for e in own]
        return [] if any(w is None for w in built) else built

    def carriers(self, back: Record, wrapped: bool) -> list[str]:
        """The notes for what ``back`` (the record read back from the elements) does not have as the record has it."""
        rec, ctx = self.rec, self.ctx
        notes: list[str] = []
        if back.type != rec.type and ctx.carry("CSL type", WHERE):
            notes.append(f"[csl:type] {rec.type}")
        if back.id != rec.id and ctx.carry("CSL id", WHERE):
            notes.append(_override("id", rec.id))
        for var in sorted(set(rec.fields) | set(back.fields), key=_order):
            mine, theirs = rec.get(var), back.get(var)
            if mine == theirs:
                continue
            if mine is None:  # a value the elements would add (an extra read as a variable ...): removed again
                ctx.carried(f"CSL {var}", WHERE)
                notes.append(_override(var, None))
                continue
            if not ctx.lossless and var in NAME_SET and _same_names(mine, theirs):
                continue  # a particle in the family name: the same name as MODS says it
            if ctx.carry(f"CSL {var}", WHERE):
                notes.append(_override(var, mine))
        if rec.custom and ctx.carry(custom_what(rec.custom), WHERE):
            notes.append("[csl:custom] " + _json(rec.custom, sort_keys=True))
        for e in rec.extra:
            if wrapped and e.format == NAME:
                continue
            if ctx.carry(f"{e.format} {e.key}", WHERE, own=e.format == NAME):
                notes.append(_extra_note(e))
        return [self.safe(n) for n in notes]

    def safe(self, note: str) -> str:
        if _INVALID_XML.search(note):
            self.ctx.dropped("characters XML cannot hold")
            return _INVALID_XML.sub("\ufffd", note)
        return note


def _order(var: str) -> tuple[int, str]:
    from ...model import CSL_ORDER

    return (CSL_ORDER.index(var) if var in CSL_ORDER else len(CSL_ORDER), var)


def _json(value: Any, sort_keys: bool = False) -> str:
    """JSON for a note: escaped to ASCII when the plain form would hold characters XML cannot."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=sort_keys)
    return json.dumps(value, ensure_ascii=True, sort_keys=sort_keys) if _INVALID_XML.search(text) else text


def _override(var: str, value: Any) -> str:
    """The note that gives a variable its exact value: ``[csl:title] text`` or ``[csl:VAR=json] ...``."""
    simple = (isinstance(value, str) and value and value.strip(_WS) == value and "\n" not in value
              and "\r" not in value and not _INVALID_XML.search(value))  # fmt: skip
    if simple and var not in NAME_SET and var not in DATE_SET and var not in LIST_VARIABLES:
        return f"[csl:{var}] {value}"
    if var in NAME_SET and isinstance(value, list):
        value = [n.to_csl() if isinstance(n, Name) else n for n in value]
    elif isinstance(value, Date):
        value = value.to_csl()
    return f"[csl:{var}=json] " + _json(value)


def _extra_note(e: Extra) -> str:
    if isinstance(e.value, str) and not _INVALID_XML.search(e.value):
        return f"[{e.format}:{e.key}] {e.value}"
    return f"[{e.format}:{e.key}=json] " + _json(e.value)
