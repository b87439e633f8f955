"""Word's bibliography XML: detection and the reader (``docs/formats/word-xml.md``).

One ``b:Source`` at a time, streamed with ``xmlsafe.iter_elements`` (no entity expansion, no DTD, no network),
whatever the namespace prefix (``b:``, none, Word 2007's 2004 namespace) and layout (Word for Windows writes the
file on one line, Word for Mac indents it with tabs). Element order inside a source means nothing (Word writes them
in the order they were filled in).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Iterator
from typing import Any

from ...context import ReadContext
from ...model import Date, Extra, Name, Record, small_int
from ..carriers import apply_carrier, read_notes
from ..tagged import ISBN_SHAPE, ISSN_SHAPE, MONTHS
from ..xmlsafe import children_json, leading_tags, read_records
from .map import (
    AUTHOR_ROLE,
    CSL_TO_SOURCE,
    DATE_ELEMENTS,
    GROUP_ELEMENT,
    GROUPS,
    LCID,
    LEGACY_NS,
    NS,
    ROLES,
    SOURCE_TYPES,
    TEXT_ELEMENTS,
    THESIS_GENRE,
)

NAME = "word-xml"
ALIASES = ("word", "msbib", "wordbib", "sources-xml")
#: Word's master source list is ``Sources.xml``; any other ``.xml`` is EndNote XML's by name (detection reads the
#: content).
EXTENSIONS = ("sources.xml",)
DESCRIPTION = "Word 2007+ bibliography sources (Sources.xml: b:Sources/b:Source; Word, JabRef, bibutils)"
LINE_PIECES = True  # Word writes the whole file on one line: a long one comes in pieces

_SOURCE_TAGS = (f"{{{NS}}}Source", f"{{{LEGACY_NS}}}Source", "Source")
_YEAR = re.compile(r"\d{1,4}")
_THESIS = re.compile(THESIS_GENRE, re.I)
_GUID_SPACE = uuid.UUID("6f1b2c3e-8d4a-5b6c-9e7f-0a1b2c3d4e5f")
#: Element -> the group variable it may fill.
_GROUP_OF = {el: var for var, els in GROUPS.items() for el in els}
_DATE_PART = {el: (var, i) for var, els in DATE_ELEMENTS.items() for i, el in enumerate(els)}


# -- detection ------------------------------------------------------------------------------------
def detect(sample: str) -> float:
    """A document whose root is ``Sources`` (any prefix) in Word's bibliography namespace: 0.95."""
    tags = leading_tags(sample, 2)
    if not tags or tags[0].rpartition(":")[2] != "Sources":
        return 0.0
    head = sample[:8192]
    if NS in head or LEGACY_NS in head:
        return 0.95
    return 0.5 if len(tags) > 1 and tags[1].rpartition(":")[2] == "Source" else 0.0


# -- small pieces shared by reader and writer -----------------------------------------------------
def local(el: Any) -> str:
    """An element's name without its namespace."""
    tag = el.tag
    return tag.rpartition("}")[2] if tag[0] == "{" else tag.rpartition(":")[2]


def generated_guid(tag: str) -> str:
    """The ``b:Guid`` the writer gives a record that has none: derived from its ``b:Tag``, so that the reader knows it
    for one it need not keep."""
    return "{" + str(uuid.uuid5(_GUID_SPACE, tag)).upper() + "}"


def to_value(el: Any) -> Any:
    """An element as a JSON-able value: its text for a leaf, else a dict (``@attribute``, ``#text``, children by
    name, a list when repeated)."""
    kids = [c for c in el if isinstance(c.tag, str)]
    attrs = {"@" + k.rpartition("}")[2]: v for k, v in el.attrib.items()}
    if not kids:
        text = el.text or ""
        return {**attrs, "#text": text} if attrs else text
    mixed = bool((el.text or "").strip()) or any((c.tail or "").strip() for c in kids)
    out = children_json(attrs, kids, to_value)
    if mixed:
        out["#text"] = "".join(el.itertext())
    return {_local_key(k): v for k, v in out.items()}


def _local_key(key: str) -> str:
    return key if key.startswith(("@", "#")) else key.rpartition("}")[2]


def leaf_text(el: Any) -> str | None:
    """The text of a plain leaf (no attributes, no child elements), else None."""
    if el.attrib or any(isinstance(c.tag, str) for c in el):
        return None
    return "".join(el.itertext()) if len(el) else (el.text or "")


def standard_number(value: str) -> str | None:
    """``ISSN`` or ``ISBN`` for a ``b:StandardNumber`` of one of their shapes, else None."""
    if ISSN_SHAPE.fullmatch(value):
        return "ISSN"
    return "ISBN" if ISBN_SHAPE.fullmatch(value) else None


def month_of(text: str) -> int | None:
    t = text.strip().lower().rstrip(".")
    n = small_int(t, 2)
    if n is not None:
        return n if 1 <= n <= 12 else None
    return MONTHS.get(t)


def date_from(y: str | None, m: str | None, d: str | None) -> tuple[Date | None, set[int]]:
    """Year, month and day texts to a date, and the parts (0, 1, 2) it does not use."""
    present = {i for i, t in enumerate((y, m, d)) if t is not None}
    if y is None:
        return None, present
    ys = y.strip()
    if not _YEAR.fullmatch(ys):
        return Date(raw=y), present - {0}
    year = int(ys)
    if m is None:
        return Date.of(year), present - {0}
    month = month_of(m)
    if month is None:
        return Date.of(year), present - {0}
    if d is None:
        return Date.of(year, month), set()
    day = small_int(d, 2)
    if day is None or not 1 <= day <= 31:
        return Date.of(year, month), {2}
    return Date.of(year, month, day), set()


def reads_type(source_type: str | None, genre: Any) -> str:
    """The CSL type of a source: by its ``b:SourceType``, a report whose genre says thesis being a thesis."""
    csl = SOURCE_TYPES.get(source_type or "", "document")
    if csl == "report" and isinstance(genre, str) and _THESIS.search(genre):
        return "thesis"
    return csl


def group_element(var: str, source_type: str) -> str:
    """The element the writer puts a group variable in for ``source_type`` (``""``: none)."""
    table = GROUP_ELEMENT[var]
    return table.get(source_type, table[None])


def author_role(source_type: str) -> str:
    return AUTHOR_ROLE.get(source_type, "Author")


def role_names(role: Any) -> list[Name] | None:
    """The names of a role element (``b:NameList/b:Person`` with ``b:Last``/``b:First``/``b:Middle``, or
    ``b:Corporate``), or None when it holds anything else (kept whole as an extra then)."""
    if role.attrib or (role.text or "").strip():
        return None
    names: list[Name] = []
    kids = [c for c in role if isinstance(c.tag, str)]
    if not kids:
        return None
    for part in kids:
        kind = local(part)
        if kind == "Corporate":
            text = leaf_text(part)
            if not text:
                return None
            names.append(Name(literal=text))
        elif kind == "NameList" and not part.attrib and not (part.text or "").strip():
            people = [p for p in part if isinstance(p.tag, str)]
            if not people:
                return None
            for person in people:
                name = _person(person)
                if name is None:
                    return None
                names.append(name)
        else:
            return None
    return names


def _person(el: Any) -> Name | None:
    if local(el) != "Person" or el.attrib or (el.text or "").strip():
        return None
    parts: dict[str, str] = {}
    for c in el:
        if not isinstance(c.tag, str):
            continue
        key, text = local(c), leaf_text(c)
        if key not in ("Last", "First", "Middle") or key in parts or text is None:
            return None
        if text:  # an empty part (<b:Middle/>) says nothing
            parts[key] = text
    given = " ".join(p for p in (parts.get("First"), parts.get("Middle")) if p)
    if not parts.get("Last") and not given:
        return None
    return Name(family=parts.get("Last", ""), given=given)


# -- reading --------------------------------------------------------------------------------------
def read(lines: Iterable[str], ctx: ReadContext) -> Iterator[Record]:
    yield from read_records(lines, _SOURCE_TAGS, ctx, _record)


def _record(elem: Any, line: int, ctx: ReadContext) -> Record:
    return _Reader(elem, line, ctx).build()


class _Reader:
    """One ``b:Source`` element to one record."""

    def __init__(self, elem: Any, line: int, ctx: ReadContext) -> None:
        self.elem, self.line, self.ctx = elem, line, ctx
        self.rec = Record("document", source=ctx.where(line))
        self.extras: list[tuple[float, Extra]] = []  # (position, extra): file order
        self.source_type: str | None = None
        self.guid: tuple[float, str] | None = None
        self.from_element: dict[str, str] = {}  # group variable -> the element that filled it
        self.roles: dict[str, str] = {}  # name variable -> the first role that gave it names
        self.dates: dict[str, list[tuple[str, float] | None]] = {var: [None, None, None] for var in DATE_ELEMENTS}
        self.seen: set[str] = set()  # elements read once already (a second one is an extra)
        self.tag: str | None = None
        self.pending: list[re.Match[str]] = []  # carrier lines, applied once the elements are read

    def extra(self, pos: float, key: str, value: Any) -> None:
        self.extras.append((pos, Extra(NAME, key, value)))

    def build(self) -> Record:
        rec = self.rec
        for i, child in enumerate(self.elem):
            if not isinstance(child.tag, str):
                continue
            name = local(child)
            if name == "Author" and not child.attrib:
                self.authors(child, i)
                continue
            text = leaf_text(child)
            first = name not in self.seen
            self.seen.add(name)
            if not text:  # an element with attributes or children, or an empty one
                self.extra(i, name, to_value(child))
            elif name == "Tag" and rec.id is None:
                rec.id = self.tag = text
            elif name == "SourceType" and first:
                self.source_type = text
            elif name == "Guid" and self.guid is None:
                self.guid = (i, text)
            elif name in _DATE_PART and first:
                var, part = _DATE_PART[name]
                self.dates[var][part] = (text, i)
            elif name in TEXT_ELEMENTS and TEXT_ELEMENTS[name] not in rec:
                rec[TEXT_ELEMENTS[name]] = text
            elif name in _GROUP_OF and _GROUP_OF[name] not in rec:
                rec[_GROUP_OF[name]] = text
                self.from_element[_GROUP_OF[name]] = name
            elif name == "StandardNumber" and first and standard_number(text):
                rec.add(standard_number(text), text)  # type: ignore[arg-type]
            elif name == "URL" and first:
                rec.add("URL", text)
            elif name == "LCID" and "language" not in rec and text in LCID:
                rec["language"] = LCID[text]
            elif name == "Comments" and first and self.comments(text):
                pass
            else:
                self.extra(i, name, text)
        self.finish()
        return rec

    def authors(self, container: Any, i: int) -> None:
        if not any(isinstance(role.tag, str) for role in container):
            self.extra(i, "Author", to_value(container))
        for j, role in enumerate(container):
            if not isinstance(role.tag, str):
                continue
            name = local(role)
            pos = i + (j + 1) / (len(container) + 1)
            var = ROLES.get(name)
            names = role_names(role) if var else None
            if names is None:
                self.extra(pos, f"Author/{name}", to_value(role))
                continue
            for n in names:
                self.rec.add(var, n)  # type: ignore[arg-type]
            self.roles.setdefault(var, name)  # type: ignore[arg-type]

    def comments(self, text: str) -> bool:
        """``b:Comments``: notes (paragraphs, separated by blank lines) and carrier lines; False when it holds neither
        (white space: kept as an extra)."""
        if not text.strip():
            return False
        read_notes(self.rec, text, self.pending.append)
        return True

    def finish(self) -> None:
        rec = self.rec
        st = self.source_type
        for var, parts in self.dates.items():
            date, unused = date_from(*(p[0] if p else None for p in parts))
            if date is not None:
                rec[var] = date
            for k in sorted(unused):
                text, pos = parts[k]  # type: ignore[misc]
                self.extra(pos, DATE_ELEMENTS[var][k], text)
        rec.type = reads_type(st, rec.get("genre"))
        if st is not None and CSL_TO_SOURCE.get(rec.type) != st:
            rec.keys["type"] = f"{NAME}:{st}"
        kind = st or ""
        for var, element in self.from_element.items():
            if element != group_element(var, kind):
                rec.keys[var] = f"{NAME}:{element}"
        for var, role in self.roles.items():
            canonical = author_role(kind) if var == "author" else _CANONICAL_ROLE[var]
            if role != canonical:
                rec.keys[var] = f"{NAME}:{role}"
        if self.guid is not None and not (self.tag is not None and self.guid[1] == generated_guid(self.tag)):
            self.extra(self.guid[0], "Guid", self.guid[1])
        carried: list[tuple[int, Extra]] = []
        for m in self.pending:  # JSON replaces what the elements said
            apply_carrier(rec, m, self.line, self.ctx, "b:Comments", carried)
        self.extras.sort(key=lambda x: x[0])
        rec.extra = [e for _, e in self.extras] + [e for _, e in carried]


_CANONICAL_ROLE: dict[str, str] = {}
for _role, _var in ROLES.items():
    _CANONICAL_ROLE.setdefault(_var, _role)
