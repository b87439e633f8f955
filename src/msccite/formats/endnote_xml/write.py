"""The EndNote XML writer (the format's surface is the package, :mod:`msccite.formats.endnote_xml`)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any, TextIO

from lxml import etree

from ...context import WriteContext
from ...model import DATE_SET, LIST_VARIABLES, NAME_SET, Date, Extra, Record, small_int
from ..carriers import custom_what
from .map import (
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
from .read import (
    _MONTH_NAMES,
    _PMC,
    NAME,
    _date_of_text,
    _pubmed_marked,
    is_isbn,
    issued_from,
    name_text,
    parse_name,
    to_value,
)

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_XML_NAME = re.compile(r"[A-Za-z_][\w.-]*")
#: Record-level elements read into a single-valued variable.
_SINGLE_MAPPED = frozenset(TEXT_ELEMENTS) | {"issue", "accession-num", "access-date", "ref-type"}


def _value_text(value: Any) -> str:
    """The text of an extra's value: the string, or the ``#text`` of an element with attributes."""
    if isinstance(value, dict):
        value = value.get("#text", "")
    return value if isinstance(value, str) else ""


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
            if var in NAME_SET:
                for name in value:
                    self.carry(var, name_text(name) if parse_name(name_text(name)) == name else name.to_csl())
            elif var in DATE_SET:
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
