"""Word's bibliography XML: the writer (``docs/formats/word-xml.md``).

What Word itself writes in its master list (``Sources.xml``), so that Word's Source Manager opens it: the
declaration, ``<b:Sources SelectedStyle="" xmlns:b=... xmlns=...>`` with both namespace declarations, and each
``b:Source`` with ``b:Tag`` (unique in the file: the record's id, else Word's own scheme, ``Smi18``),
``b:SourceType``, ``b:Guid`` (in braces) and the fields in the order of Word's dialog; one source per line. A record
read from Word keeps its own elements (``b:RefOrder``, ``b:StateProvince``, its ``b:Guid`` ...) and its choices
(``b:Institution`` for the publisher, ``Inventor`` for the authors). What Word has no element for travels in
``b:Comments`` as lines ``[csl:VAR] value``, ``[csl:VAR=json] <json>`` or ``[format:key] value``, which the reader
turns back into data, so ``read(write(r)) == r`` with ``lossless=True``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any, TextIO

from lxml import etree

from ...context import WriteContext
from ...model import NAME_VARIABLES, Date, Extra, Name, Record
from ...richtext import plain
from ..carriers import CARRIER, carrier_key, custom_what, jsonable
from ..tagged import MONTH_NAMES
from .map import (
    CSL_TO_SOURCE,
    DATE_ELEMENTS,
    GROUPS,
    LANGUAGE_LCID,
    LCID,
    NS,
    ORDER,
    ROLE_ORDER,
    ROLES,
    SOURCE_TYPES,
    TEXT_ELEMENTS,
)
from .read import (
    NAME,
    author_role,
    date_from,
    generated_guid,
    group_element,
    local,
    reads_type,
    role_names,
    standard_number,
    to_value,
)

_INVALID_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_XML_NAME = re.compile(r"[A-Za-z_][\w.-]*")
_RANK = {name: i for i, name in enumerate(ORDER)}
_ROLE_RANK = {name: i for i, name in enumerate(ROLE_ORDER)}
_GROUP_OF = {el: var for var, els in GROUPS.items() for el in els}
_DATE_PART = {el: (var, i) for var, els in DATE_ELEMENTS.items() for i, el in enumerate(els)}
_VAR_ROLE: dict[str, str] = {}
for _role, _var in ROLES.items():
    _VAR_ROLE.setdefault(_var, _role)
_VAR_ELEMENT = {var: el for el, var in TEXT_ELEMENTS.items()}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
_BOOKISH = frozenset({"book", "chapter", "thesis", "report", "paper-conference"})


def xml_ok(text: str) -> bool:
    """Whether XML 1.0 can hold every character of ``text``."""
    return not _INVALID_XML.search(text)


def esc(text: str) -> str:
    """Text as element content: ``&``, ``<``, ``>`` escaped, a carriage return as ``&#13;`` (a parser would turn a
    raw one into a line feed), a byte-order mark as ``&#xFEFF;``."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text.replace("\ufeff", "&#xFEFF;") if "\ufeff" in text else text  # a BOM starting a line would be dropped


def element(name: str, text: str) -> str:
    return f"<b:{name}>{esc(text)}</b:{name}>"


def build(name: str, value: Any) -> str | None:
    """The XML of an element from a :func:`~msccite.formats.word_xml.read.to_value` value, or None when it cannot be
    built to read back as the same value."""
    try:
        xml = _build(name, value)
    except (TypeError, ValueError, AttributeError):
        return None
    if xml is None:
        return None
    try:
        el = etree.fromstring(f'<b:X xmlns:b="{NS}">{xml}</b:X>'.encode(), _PARSER)[0]
    except (etree.XMLSyntaxError, IndexError):
        return None
    return xml if local(el) == name and to_value(el) == value else None


def _build(name: str, value: Any) -> str | None:
    if not _XML_NAME.fullmatch(name):
        return None
    if isinstance(value, str):
        return element(name, value) if xml_ok(value) else None
    if not isinstance(value, dict):
        return None
    attrs, inner = [], []
    for key, v in value.items():
        if key.startswith("@"):
            if not (isinstance(v, str) and _XML_NAME.fullmatch(key[1:]) and xml_ok(v)):
                return None
            attrs.append(f' {key[1:]}="{esc(v).replace(chr(34), "&quot;")}"')
        elif key == "#text":
            if not isinstance(v, str) or not xml_ok(v):
                return None
            inner.append(esc(v))
        else:
            for item in v if isinstance(v, list) else [v]:
                child = _build(key, item)
                if child is None:
                    return None
                inner.append(child)
    return f"<b:{name}{''.join(attrs)}>{''.join(inner)}</b:{name}>"


def word_tag(rec: Record) -> str:
    """The tag Word gives a new source: three letters of the first author's last name (else of the title) and the
    year's last two digits (``Smi18``)."""
    names = rec.get("author") or rec.get("editor") or []
    word = ""
    if names and isinstance(names[0], Name):
        word = names[0].family or names[0].literal or names[0].given
    if not word and isinstance(rec.get("title"), str):
        word = plain(rec["title"])
    letters = "".join(c for c in word if c.isalnum())[:3] or "Src"
    year = rec.year
    return letters + (f"{year % 100:02d}" if year is not None and year >= 0 else "")


def person(name: Name) -> str | None:
    """A ``b:Person`` for a name (``b:Last``, ``b:First``, ``b:Middle``), or None when it has no name parts."""
    if name.literal:
        return None
    first, _, middle = name.full_given.partition(" ")
    parts = [("Last", name.full_family), ("First", first), ("Middle", middle)]
    inner = "".join(element(k, v) for k, v in parts if v)
    if not inner or not all(xml_ok(v) for _, v in parts):
        return None
    return f"<b:Person>{inner}</b:Person>"


def role_xml(role: str, names: list[Name]) -> tuple[str | None, bool]:
    """A role element for the names, and whether the reader gets exactly these names back from it."""
    people = [p for p in (person(n) for n in names) if p is not None]
    literals = [n for n in names if n.literal]
    if len(names) == 1 and literals and xml_ok(literals[0].literal):
        xml = f"<b:{role}><b:Corporate>{esc(literals[0].literal)}</b:Corporate></b:{role}>"
    elif people:
        xml = f"<b:{role}><b:NameList>{''.join(people)}</b:NameList></b:{role}>"
    else:
        return None, False
    el = etree.fromstring(f'<b:X xmlns:b="{NS}">{xml}</b:X>'.encode(), _PARSER)[0]
    return xml, role_names(el) == names


def date_texts(d: Date) -> tuple[str, str | None, str | None] | None:
    """Year, month (Word's full English name) and day texts that read back as exactly this date, else None."""
    if d.season is not None or d.circa is not None or d.literal or len(d.parts) > 1:
        return None
    if not d.parts:
        texts: tuple[str, str | None, str | None] = (d.raw, None, None)
    elif d.raw or not d.parts[0] or not all(isinstance(p, int) for p in d.parts[0]):
        return None
    else:
        y, *md = [int(p) for p in d.parts[0]]
        if not 0 <= y <= 9999 or md and not 1 <= md[0] <= 12:
            return None
        texts = (str(y), MONTH_NAMES[md[0] - 1] if md else None, str(md[1]) if len(md) > 1 else None)
    if not texts[0] or not all(xml_ok(t) for t in texts if t is not None):
        return None
    return texts if date_from(*texts) == (d, set()) else None


def carrier_text(ns: str, key: str, value: Any) -> str:
    """``[ns:key] value``, or ``[ns:key=json] <json>`` for what is not one plain line."""
    if isinstance(value, str) and value and "\n" not in value and "\r" not in value and xml_ok(value):
        return f"[{ns}:{key}] {value}"
    text = json.dumps(jsonable(value), ensure_ascii=False)
    return f"[{ns}:{key}=json] " + (text if xml_ok(text) else json.dumps(jsonable(value)))


def extra_text(e: Extra) -> str:
    return carrier_text(*carrier_key(e))


def _note_ok(note: Any) -> bool:
    """A note the comments give back as is: no blank line, no line a carrier, characters XML holds."""
    if not isinstance(note, str) or not note or not xml_ok(note):
        return False
    return all(line.strip() and not CARRIER.fullmatch(line) for line in note.split("\n"))


class _Writer:
    """One record to one ``b:Source``."""

    def __init__(self, rec: Record, ctx: WriteContext) -> None:
        self.rec, self.ctx = rec, ctx
        self.parts: dict[str, str] = {}  # element -> its XML, for the elements in ORDER
        self.roles: dict[str, str] = {}  # role -> its XML, inside b:Author
        self.role_extras: list[str] = []  # the record's own roles Word's dialog has not (Conductor ...)
        self.late: list[str] = []  # the record's own other elements, after the rest, in order
        self.written: set[str] = set()  # variables written in an element
        self.dates: dict[str, tuple[str | None, str | None, str | None]] = {}
        self.notes: list[str] = []
        self.carriers: list[str] = []
        self.tag = ""
        self.source_type = "Misc"

    # -- helpers ---------------------------------------------------------------------------------
    def carry(self, what: str, text: str, own: bool = False) -> None:
        if self.ctx.carry(what, "b:Comments", own=own):
            self.carriers.append(text)

    def carry_var(self, var: str, value: Any) -> None:
        self.carry(f"CSL {var}", carrier_text("csl", var, value))

    def put(self, name: str, var: str, value: Any) -> None:
        """Write a text variable in an element; carried when it is not text Word holds as is."""
        text = str(value) if type(value) in (int, float) else value
        if name and isinstance(text, str) and xml_ok(text) and name not in self.parts:
            self.parts[name] = element(name, text)
            self.written.add(var)
            if text == value:
                return
        self.carry_var(var, value)  # replaces what the element says, if it was written

    # -- the record ------------------------------------------------------------------------------
    def source(self) -> str:
        rec = self.rec
        self.tag_and_type()
        done = {"genre", "note", "issued", "accessed", "ISSN", "ISBN", "URL", "language"}
        self.genre()
        for var in NAME_VARIABLES:
            if var in rec:
                done.add(var)
                self.names(var, rec[var])
        for var, name in _VAR_ELEMENT.items():
            if var in rec:
                done.add(var)
                self.put(name, var, rec[var])
        for var in ("container-title", "publisher", "number"):
            if var in rec:
                done.add(var)
                self.put(self.element_for(var), var, rec[var])
        for var in DATE_ELEMENTS:
            if var in rec:
                self.date(var, rec[var])
        self.standard_number()
        self.first_of_list("URL", "URL", lambda v: True)
        if "language" in rec:
            code = LANGUAGE_LCID.get(rec["language"]) if isinstance(rec["language"], str) else None
            if code is not None:
                self.parts["LCID"] = element("LCID", code)
                self.written.add("language")
            else:
                self.carry_var("language", rec["language"])
        if "note" in rec:
            if all(_note_ok(n) for n in rec["note"]):
                self.notes = list(rec["note"])
            else:
                self.carry_var("note", rec["note"])
        for var, value in rec.items():
            if var not in done:
                self.carry_var(var, value)
        if rec.custom:
            note = "[csl:custom] " + json.dumps(rec.custom, ensure_ascii=False, sort_keys=True)
            self.carry(custom_what(rec.custom), note if xml_ok(note) else "[csl:custom] " + json.dumps(
                rec.custom, sort_keys=True))  # fmt: skip
        self.extras()
        comments = "\n\n".join(self.notes)
        if self.carriers:
            comments += ("\n\n" if comments else "") + "\n".join(self.carriers)
        if comments:
            self.parts["Comments"] = element("Comments", comments)
        if self.roles or self.role_extras:
            inner = [self.roles[r] for r in sorted(self.roles, key=lambda r: _ROLE_RANK.get(r, len(_ROLE_RANK)))]
            self.parts["Author"] = "<b:Author>" + "".join(inner + self.role_extras) + "</b:Author>"
        ordered = [self.parts[name] for name in sorted(self.parts, key=_RANK.__getitem__)]
        return "<b:Source>" + "".join(ordered + self.late) + "</b:Source>"

    def tag_and_type(self) -> None:
        rec, keys = self.rec, self.ctx.keys
        own = rec.id if isinstance(rec.id, str) and rec.id and xml_ok(rec.id) else None
        if rec.id is not None and own is None:
            self.carry_var("id", rec.id)
        self.tag = keys.own(own) if own is not None else keys.generate(word_tag(rec))
        self.parts["Tag"] = element("Tag", self.tag)
        st = CSL_TO_SOURCE.get(rec.type, "Misc")
        hint = rec.keys.get("type", "")
        if hint.startswith(NAME + ":"):
            name = hint[len(NAME) + 1 :]
            csl = SOURCE_TYPES.get(name, "document")
            if name and xml_ok(name) and (csl == rec.type or csl == "report" and rec.type == "thesis"):
                st = name
        self.source_type = st
        self.parts["SourceType"] = element("SourceType", st)
        self.parts["Guid"] = element("Guid", generated_guid(self.tag))

    def element_for(self, var: str) -> str:
        """The element of a group variable: the file's own (``rec.keys``), else Word's for the source type."""
        hint = self.rec.keys.get(var, "")
        if hint.startswith(NAME + ":") and hint[len(NAME) + 1 :] in GROUPS[var]:
            return hint[len(NAME) + 1 :]
        return group_element(var, self.source_type)

    def genre(self) -> None:
        rec = self.rec
        if "genre" in rec:
            self.put(self.element_for("genre"), "genre", rec["genre"])
        written = rec["genre"] if "genre" in self.written else None
        if reads_type(self.source_type, written) != rec.type:
            self.carry_var("type", rec.type)

    def names(self, var: str, names: list[Name]) -> None:
        rec = self.rec
        hint = rec.keys.get(var, "")
        role = hint[len(NAME) + 1 :] if hint.startswith(NAME + ":") else ""
        if ROLES.get(role) != var:
            role = author_role(self.source_type) if var == "author" else _VAR_ROLE.get(var, "")
        if not role or role in self.roles:
            self.carry_var(var, names)
            return
        xml, exact = role_xml(role, names)
        if xml is not None:
            self.roles[role] = xml
            self.written.add(var)
        if not exact:  # what Word can show; the exact names come back from the comments
            self.carry_var(var, names)

    def date(self, var: str, d: Any) -> None:
        names = DATE_ELEMENTS[var]
        texts = date_texts(d) if isinstance(d, Date) else None
        if texts is None:
            year = d.parts[0][0] if isinstance(d, Date) and d.parts and d.parts[0] else None
            if isinstance(year, int) and 0 <= year <= 9999:  # Word still shows the year; the date is in the comments
                texts = (str(year), None, None)
                self.parts[names[0]] = element(names[0], texts[0])
                self.dates[var] = texts
            self.carry_var(var, d)
            return
        for name, text in zip(names, texts, strict=True):
            if text is not None:
                self.parts[name] = element(name, text)
        self.dates[var] = texts
        self.written.add(var)

    def standard_number(self) -> None:
        rec = self.rec
        order = ("ISBN", "ISSN") if rec.type in _BOOKISH else ("ISSN", "ISBN")
        chosen = None
        for var in order:
            if var in rec and chosen is None:
                chosen = var
                self.first_of_list(var, "StandardNumber", lambda v, var=var: standard_number(v) == var)
            elif var in rec:
                self.carry_var(var, rec[var])

    def first_of_list(self, var: str, name: str, fits: Any) -> None:
        """The first value of a list variable in its element (Word has one), the others carried one by one."""
        values = self.rec.get(var)
        if not values:
            return
        first, rest = values[0], values[1:]
        if isinstance(first, str) and first and xml_ok(first) and fits(first) and all(
                isinstance(v, str) and v and "\n" not in v and "\r" not in v and xml_ok(v) for v in rest):  # fmt: skip
            self.parts[name] = element(name, first)
            self.written.add(var)
            for v in rest:
                self.carry(f"CSL {var}", f"[csl:{var}] {v}")
        else:
            self.carry_var(var, values)

    # -- extras ----------------------------------------------------------------------------------
    def extras(self) -> None:
        """The record's own elements: a first ``b:Guid`` in its place, leading roles inside ``b:Author``, the others
        after the rest, in order; once one has to be carried in the comments, the later ones are too (their order
        is kept). Extras of other formats are carried."""
        extras = self.rec.extra
        k = next((i for i, e in enumerate(extras) if e.format != NAME), len(extras))
        i = 0
        if k and extras[0].key == "Guid" and isinstance(extras[0].value, str) and extras[0].value and \
                xml_ok(extras[0].value) and extras[0].value != generated_guid(self.tag):  # fmt: skip
            self.parts["Guid"] = element("Guid", extras[0].value)
            i = 1
        while i < k and extras[i].key.startswith("Author/") and (xml := self.role_extra(extras[i])) is not None:
            self.role_extras.append(xml)
            i += 1
        carrying = False
        group: list[str] = []  # roles after other elements: a b:Author of their own
        for e in extras[i:]:
            xml = None if carrying or e.format != NAME else self.fits(e)
            if xml is None:
                carrying = True
                self.carry(f"{e.format} {e.key}", extra_text(e), own=e.format == NAME)
            elif e.key.startswith("Author/"):
                group.append(xml)
            else:
                self.flush(group)
                self.late.append(xml)
        self.flush(group)

    def flush(self, group: list[str]) -> None:
        if group:
            self.late.append("<b:Author>" + "".join(group) + "</b:Author>")
            group.clear()

    def role_extra(self, e: Extra) -> str | None:
        """The XML of a role kept whole (one the reader maps to no variable, or holding more than names)."""
        role = e.key[len("Author/") :]
        xml = build(role, e.value)
        if xml is None:
            return None
        el = etree.fromstring(f'<b:X xmlns:b="{NS}">{xml}</b:X>'.encode(), _PARSER)[0]
        return xml if not ROLES.get(role) or role_names(el) is None else None

    def fits(self, e: Extra) -> str | None:
        """The XML of an own extra that the reader, after the rest of the source, gives back as this extra."""
        key, value = e.key, e.value
        if key.startswith("Author/"):
            return self.role_extra(e)
        if key == "Author":
            return build(key, value) if value == "" or isinstance(value, dict) and any(
                k.startswith("@") for k in value) else None  # fmt: skip
        if key in ("Source", "Sources"):
            return None  # a record inside a record
        xml = build(key, value)
        if xml is None or not isinstance(value, str) or value == "":
            return xml  # an element with attributes or children, or an empty one: an extra whatever its name
        if key in _DATE_PART:
            var, part = _DATE_PART[key]
            texts = list(self.dates.get(var, (None, None, None)))
            if texts[part] is not None:
                return xml
            before = date_from(*texts)[0]
            texts[part] = value
            after, unused = date_from(*texts)
            return xml if after == before and part in unused else None
        if key in TEXT_ELEMENTS:
            return xml if TEXT_ELEMENTS[key] in self.written else None
        if key in _GROUP_OF:
            return xml if _GROUP_OF[key] in self.written else None
        if key == "StandardNumber":
            return xml if "StandardNumber" in self.parts or standard_number(value) is None else None
        if key == "URL":
            return xml if "URL" in self.parts else None
        if key == "LCID":
            return xml if "LCID" in self.parts or value not in LCID else None
        if key == "Comments":
            return xml if self.notes or self.carriers or not value.strip() else None
        return xml


def write(records: Iterable[Record], out: TextIO, ctx: WriteContext) -> None:
    """Word's ``Sources.xml``: the declaration and ``b:Sources`` as Word writes them, one ``b:Source`` a line."""
    out.write(f'<?xml version="1.0"?>\n<b:Sources SelectedStyle="" xmlns:b="{NS}" xmlns="{NS}">\n')
    for rec in records:
        ctx.records += 1
        out.write(_Writer(rec, ctx).source() + "\n")
    out.write("</b:Sources>\n")
