"""The Citavi XML reader (see ``docs/formats/citavi.md``).

The export is read in one pass (lxml's pull parser with :mod:`..xmlsafe`'s rules: no entity expanded, no DTD,
no network), each item of a list (``<Reference>``, ``<Person>``, ``<OnetoN>`` ...) taken apart into its child
elements' texts as soon as it ends and then freed. The relation lists come after the references, so the records
are made at the end: each reference with its authors and editors in the order of its ``<OnetoN>`` line, its
periodical (the journal: ``container-title``, abbreviations, ISSN), series, publishers, keywords, categories,
and, for a contribution, its parent (``<ReferenceReferences>``: the book it is in, whose title is the
contribution's ``container-title``, whose editors, publisher, place, ISBN, volume and year it takes when it has
none of its own). What no variable holds stays an extra, under the element's name; Citavi's bookkeeping
(``CreatedOn``, ``SortFullName``, ``DateForSorting`` ...) too, marked as index fields (:func:`is_index_field`).
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from lxml import etree

from ...context import ReadContext
from ...model import Date, Extra, Name, Record
from ...textio import LinePiece
from ..xmlsafe import _first_line, leading_tags, make_parser, text_of
from .map import (
    ACCESS_DATE,
    ATTACHED,
    CATEGORY_LIST,
    DATE,
    DEFAULT_TYPE,
    ENTITIES,
    FIELDS,
    GROUP_LIST,
    INDEX_FIELDS,
    KEY_FIELDS,
    KEYWORD_LIST,
    LANGUAGE,
    LANGUAGE_CODE,
    PAGE_COUNT,
    PAGE_RANGE,
    PARENT,
    PARENT_LIST,
    PERIODICAL,
    PERSON_LISTS,
    PROCEEDINGS,
    PUBLISHER_LIST,
    SERIES,
    SORT_DATE,
    SUBTITLE,
    TYPES,
    YEAR,
)

NAME = "citavi"
EXTENSIONS = (".ctv6", ".ctv5", ".ctv7")  # Citavi's project files saved as XML keep the project's extension
DESCRIPTION = "Citavi project as XML (<CitaviExchangeData>: references, persons, periodicals, their links)"

ROOT = "CitaviExchangeData"
_BATCH_CHARS = 64 * 1024


def detect(sample: str) -> float:
    """0.95 when the document's root element is ``<CitaviExchangeData>``."""
    return 0.95 if ROOT in leading_tags(sample, 2) else 0.0


def is_index_field(key: str) -> bool:
    """Citavi's bookkeeping: who created or changed an item and when, sort keys, display settings."""
    return key in INDEX_FIELDS


# -- reading the document -------------------------------------------------------------------------
class _Item:
    """One element of a list, taken apart: its id, its children's (tag, text), its line."""

    __slots__ = ("tag", "id", "fields", "line")

    def __init__(self, elem: Any, line: int) -> None:
        self.tag = str(elem.tag)
        self.id = elem.get("id") or ""
        self.fields: list[tuple[str, str]] = []
        for child in elem:
            if isinstance(child.tag, str):
                self.fields.append((child.tag, text_of(child).strip()))
        if not len(elem) and (elem.text or "").strip():  # <OnetoN>a;b</OnetoN>
            self.fields.append(("", elem.text.strip()))
        self.line = line

    def get(self, tag: str) -> str:
        return next((v for t, v in self.fields if t == tag and v), "")


class _Project:
    """What the export holds: its lists, by id, and its relation lists."""

    def __init__(self) -> None:
        self.references: list[_Item] = []
        self.entities: dict[str, dict[str, _Item]] = {kind: {} for kind in ENTITIES}
        self.relations: dict[str, list[tuple[str, list[str]]]] = {}  # list name -> (head id, linked ids)
        self.attached: dict[str, list[_Item]] = {}  # reference id -> Locations, KnowledgeItems, TaskItems
        self.skipped: list[int] = []  # lines of lists that hold no reference data (project settings ...)
        self.version = ""


def read(lines: Iterable[str], ctx: ReadContext) -> Iterator[Record]:
    project = _parse(lines, ctx)
    if project is None:
        return
    ctx.skipped(project.skipped, "project settings and lists that hold no reference data skipped")
    builder = _Builder(project, ctx)
    for item in project.references:
        if (rec := ctx.build(item.line, builder.record, item)) is not None:
            yield rec


def _parse(lines: Iterable[str], ctx: ReadContext) -> _Project | None:
    """The export's lists, fed to the parser in batches of about 64 KB (a long line comes in pieces)."""
    project = _Project()
    parser = make_parser(("start", "end"))
    it = iter(lines)
    first, n = _first_line(it)  # the XML declaration's encoding dropped: the text is decoded already
    if first is None:
        ctx.problem(None, f"empty input: expected a Citavi export (<{ROOT}>)")
        return None
    batch: list[str] = []
    size = 0
    depth = 0
    try:
        for line in _chain(first, it):
            batch.append(line)
            size += len(line) + 1
            if type(line) is not LinePiece:
                n += 1
            if size >= _BATCH_CHARS:
                parser.feed(_joined(batch))
                batch, size = [], 0
                depth = _events(parser, project, depth)
        if batch:
            parser.feed(_joined(batch))
            depth = _events(parser, project, depth)
        parser.close()
        _events(parser, project, depth)
    except etree.XMLSyntaxError as err:
        line = min(err.lineno, n) if err.lineno else n or None
        ctx.problem(line, f"well-formed XML expected: {str(err.msg or err).split(', line ')[0]}; "
                          "the rest of the input is not read")  # fmt: skip
    except _NotCitavi as exc:
        ctx.problem(exc.line, f"expected a Citavi export (<{ROOT}>), found <{exc.tag}>")
        return None
    return project


class _NotCitavi(Exception):
    def __init__(self, tag: str, line: int | None) -> None:
        super().__init__(tag)
        self.tag, self.line = tag, line


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest


def _joined(batch: list[str]) -> str:
    """The text of a batch of lines, each with its line end, but for the pieces of a long line."""
    return "".join(x if type(x) is LinePiece else x + "\n" for x in batch)


def _events(parser: Any, project: _Project, depth: int) -> int:
    for event, elem in parser.read_events():
        if event == "start":
            depth += 1
            if depth == 1:
                if elem.tag != ROOT:
                    raise _NotCitavi(str(elem.tag), elem.sourceline)
                project.version = elem.get("Version") or ""
            continue
        depth -= 1
        if depth == 2:  # an item of a list: <References><Reference>, <ReferenceAuthors><OnetoN> ...
            _item(elem, elem.getparent(), project)
            elem.clear(keep_tail=True)
            parent = elem.getparent()
            while elem.getprevious() is not None:
                del parent[0]
        elif depth == 1 and len(elem) == 0 and (elem.text or "").strip():
            project.skipped.append(elem.sourceline or 0)  # a list that is no list
    return depth


def _item(elem: Any, section: Any, project: _Project) -> None:
    if not isinstance(elem.tag, str):
        return
    tag, where = elem.tag, section.tag
    line = elem.sourceline or 0
    if tag == "Reference" and where == "References":
        project.references.append(_Item(elem, line))
    elif tag in project.entities:
        item = _Item(elem, line)
        if item.id:
            project.entities[tag][item.id] = item
    elif tag == "OnetoN":
        text = (elem.text or "").strip()
        ids = [p.strip() for p in text.split(";")]
        if ids and ids[0]:
            project.relations.setdefault(where, []).append((ids[0], [i for i in ids[1:] if i]))
    elif tag in ATTACHED:
        item = _Item(elem, line)
        ref = item.get("ReferenceID")
        if ref:
            project.attached.setdefault(ref, []).append(item)
        else:
            project.skipped.append(line)
    else:
        project.skipped.extend(range(line, line + max(1, _lines_of(elem))))


def _lines_of(elem: Any) -> int:
    last = max((c.sourceline or 0 for c in elem.iter()), default=0)
    return max(1, last - (elem.sourceline or 0) + 1)


# -- building records -----------------------------------------------------------------------------
_OS = re.compile(r"<os>(.*?)</os>", re.S)
_SP_EP = re.compile(r"<(sp|ep)>(.*?)</\1>", re.S)
_TAGS = re.compile(r"<[^>]+>")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:T[\d:.]+)?")
_DOTTED_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_YEAR = re.compile(r"\d{4}")


def page_text(value: str) -> str:
    """Citavi's page range as text: ``<sp>..</sp><ep>..</ep><os>1-10</os>`` -> ``1-10`` (the display form after the
    start and end pages; without it, the start's and end's ``<os>``); plain text as it is."""
    if "<" not in value:
        return " ".join(value.split())
    rest = _SP_EP.sub("", value)
    outer = _OS.findall(rest)
    if outer:
        return " ".join(outer[-1].split())
    sides = []
    for _tag, inner in _SP_EP.findall(value):
        found = _OS.findall(inner)
        sides.append(found[-1] if found else _TAGS.sub("", inner).strip())
    if sides:
        return "-".join(s for s in sides if s)
    return " ".join(_TAGS.sub(" ", value).split())


def parse_date(text: str) -> Date | None:
    """A Citavi date: ``2023-06-10`` (``T00:00:00`` after it), ``01.03.2025`` (day.month.year), a year (``2010``,
    ``2010a``, ``[2010]``); None when there is no year in it."""
    t = text.strip()
    if (m := _ISO_DATE.fullmatch(t)) is not None:
        y, mo, d = (int(g) for g in m.groups())
    elif (m := _DOTTED_DATE.fullmatch(t)) is not None:
        d, mo, y = (int(g) for g in m.groups())
    else:
        years = _YEAR.findall(t)
        if len(years) == 1 and len(t) <= 12:
            return Date.of(int(years[0])) if years[0] == t else Date(parts=((int(years[0]),),), raw=t)
        return None
    try:
        datetime.date(y, mo, d)
    except ValueError:
        return None  # 31.02.2020: no day of the calendar
    return Date.of(y, mo, d)


class _Builder:
    def __init__(self, project: _Project, ctx: ReadContext) -> None:
        self.p = project
        self.ctx = ctx
        self.by_id = {item.id: item for item in project.references if item.id}
        self.lists: dict[str, dict[str, list[str]]] = {}  # list name -> head id -> linked ids, in order
        for name, rows in project.relations.items():
            table: dict[str, list[str]] = {}
            for head, linked in rows:
                table.setdefault(head, []).extend(linked)
            self.lists[name] = table
        self.parent_of: dict[str, str] = {}
        for parent, children in self.lists.get(PARENT_LIST, {}).items():
            for child in children:
                self.parent_of.setdefault(child, parent)

    # -- looking things up ------------------------------------------------------------------------
    def entity(self, kind: str, ident: str) -> _Item | None:
        table = self.p.entities[kind]
        return table.get(ident) or table.get(ident.split(":")[0])

    def linked(self, name: str, ref_id: str) -> list[str]:
        return self.lists.get(name, {}).get(ref_id, [])

    def person(self, ident: str) -> Name | None:
        item = self.entity("Person", ident)
        if item is None:
            return None
        last, first, middle = item.get("LastName"), item.get("FirstName"), item.get("MiddleName")
        given = " ".join(p for p in (first, middle) if p)
        if not last and not given:
            name = item.get("Name") or item.get("Abbreviation")
            return Name(literal=name) if name else None
        if not given and not item.get("Prefix"):  # an organisation, or a name in one piece
            return Name(literal=last)
        return Name(family=last, given=given, non_dropping_particle=item.get("Prefix"), suffix=item.get("Suffix"))

    # -- one record -------------------------------------------------------------------------------
    def record(self, item: _Item) -> Record:
        ctx = self.ctx
        rtype = item.get("ReferenceType")
        rec = Record(TYPES.get(rtype, DEFAULT_TYPE), source=ctx.where(item.line))
        extras: list[Extra] = []
        if item.id:
            extras.append(Extra(NAME, "id", item.id))
        dates: dict[str, str] = {}
        for tag, value in item.fields:
            if not value:
                continue
            var = FIELDS.get(tag)
            if tag == "ReferenceType":
                extras.append(Extra(NAME, tag, value))  # Citavi's own type: the CSL type says less
            elif tag in KEY_FIELDS and rec.id is None:
                rec.id = value
            elif tag in (YEAR, DATE, SORT_DATE, ACCESS_DATE):
                dates[tag] = value
                if tag == SORT_DATE:
                    extras.append(Extra(NAME, tag, value))
            elif tag == PAGE_RANGE and "page" not in rec:
                rec["page"] = page_text(value)
                if rec["page"] != value:
                    extras.append(Extra(NAME, tag, value))
            elif tag == PAGE_COUNT and "number-of-pages" not in rec:
                rec["number-of-pages"] = page_text(value)
                if rec["number-of-pages"] != value:
                    extras.append(Extra(NAME, tag, value))
            elif tag in (LANGUAGE, LANGUAGE_CODE):
                if "language" not in rec:
                    rec["language"] = value
                else:
                    extras.append(Extra(NAME, tag, value))
            elif var in ("ISBN", "URL", "note"):
                rec.add(var, value)
            elif var is not None and var not in rec:
                rec[var] = value
            elif tag in PERIODICAL + SERIES + PARENT and self._linked_field(rec, item.id, tag, value, extras):
                continue
            else:
                extras.append(Extra(NAME, tag, value))
        if (subtitle := item.get(SUBTITLE)) and "title" in rec:
            rec["title"] = f"{rec['title']}: {subtitle}"  # the Subtitle stays an extra, the title is their sum
        self._people(rec, item.id)
        self._lists(rec, item.id, extras)
        self._dates(rec, dates, extras)
        self._parent(rec, item, rtype, extras)
        self._attached(rec, item.id, extras)
        rec.extra = extras
        return rec

    def _linked_field(self, rec: Record, ref_id: str, tag: str, value: str, extras: list[Extra]) -> bool:
        """A periodical, series or parent named in the reference itself (by id)."""
        if tag in PERIODICAL:
            return self._periodical(rec, value, extras)
        if tag in SERIES:
            series = self.entity("SeriesTitle", value)
            if series is None or not series.get("Name"):
                return False
            rec["collection-title"] = series.get("Name")
            return True
        if value in self.by_id:
            self.parent_of.setdefault(ref_id, value)
            extras.append(Extra(NAME, tag, value))
            return True
        return False

    def _periodical(self, rec: Record, ident: str, extras: list[Extra]) -> bool:
        periodical = self.entity("Periodical", ident)
        if periodical is None or not periodical.get("Name"):
            return False
        rec["container-title"] = periodical.get("Name")
        short = periodical.get("StandardAbbreviation") or periodical.get("UserAbbreviation1") \
            or periodical.get("UserAbbreviation2")  # fmt: skip
        if short:
            rec["container-title-short"] = short
        for tag in ("ISSN", "Issn", "Eissn", "EIssn"):
            if (issn := periodical.get(tag)) and issn not in rec.get("ISSN", []):
                rec.add("ISSN", issn)
        return True

    def _people(self, rec: Record, ref_id: str) -> None:
        for name, var in PERSON_LISTS.items():
            for ident in self.linked(name, ref_id):
                person = self.person(ident)
                if person is not None:
                    rec.add(var, person)
                else:
                    self.ctx.warn(None, f"reference {ref_id}: {name} names {ident!r}, which is no person of the "
                                        "export; left out")  # fmt: skip

    def _lists(self, rec: Record, ref_id: str, extras: list[Extra]) -> None:
        publishers = [p for p in (self.entity("Publisher", i) for i in self.linked(PUBLISHER_LIST, ref_id)) if p]
        if publishers and "publisher" not in rec:
            rec["publisher"] = "; ".join(p.get("Name") for p in publishers if p.get("Name"))
            place = next((p.get("Place") for p in publishers if p.get("Place")), "")
            if place and "publisher-place" not in rec:
                rec["publisher-place"] = place
        for ident in self.linked(KEYWORD_LIST, ref_id):
            if (kw := self.entity("Keyword", ident)) is not None and kw.get("Name"):
                rec.add("keyword", kw.get("Name"))
        for ident in self.linked(CATEGORY_LIST, ref_id):
            if (cat := self.entity("Category", ident)) is not None and cat.get("Name"):
                rec.add("categories", cat.get("Name"))
        for ident in self.linked(GROUP_LIST, ref_id):
            if (group := self.entity("Group", ident)) is not None and group.get("Name"):
                extras.append(Extra(NAME, "Group", group.get("Name")))

    def _dates(self, rec: Record, dates: dict[str, str], extras: list[Extra]) -> None:
        year = parse_date(dates.get(YEAR, "")) if YEAR in dates else None
        date = parse_date(dates.get(DATE, "")) if DATE in dates else None
        if date is not None and (year is None or year.year == date.year):
            rec["issued"] = date
            if YEAR in dates and year is not None and year.raw:
                extras.append(Extra(NAME, YEAR, dates[YEAR]))
        elif year is not None:
            rec["issued"] = year
            if DATE in dates:
                extras.append(Extra(NAME, DATE, dates[DATE]))
        else:
            for tag in (YEAR, DATE):
                if tag in dates:
                    extras.append(Extra(NAME, tag, dates[tag]))
        if date is not None and DATE in dates and rec.get("issued") is date and not _ISO_DATE.fullmatch(dates[DATE]) \
                and not _DOTTED_DATE.fullmatch(dates[DATE]):  # fmt: skip
            extras.append(Extra(NAME, DATE, dates[DATE]))
        if ACCESS_DATE in dates:
            accessed = parse_date(dates[ACCESS_DATE])
            if accessed is not None and not accessed.raw:
                rec["accessed"] = accessed
            else:
                extras.append(Extra(NAME, ACCESS_DATE, dates[ACCESS_DATE]))

    def _parent(self, rec: Record, item: _Item, rtype: str, extras: list[Extra]) -> None:
        """A contribution: the book it is in, from ``<ReferenceReferences>`` (or its own ``ParentReference``)."""
        parent_id = self.parent_of.get(item.id)
        parent = self.by_id.get(parent_id or "")
        if parent is None:
            return
        if parent.get("ReferenceType") == PROCEEDINGS and rec.type == "chapter":
            rec.type = "paper-conference"
        title = parent.get("Title")
        if title:
            subtitle = parent.get(SUBTITLE)
            rec["container-title"] = f"{title}: {subtitle}" if subtitle else title
        if parent_id and not any(e.key in PARENT for e in extras):
            extras.append(Extra(NAME, "ParentReference", parent_id))
        for name, var in (("ReferenceEditors", "editor"), ("ReferenceAuthors", "container-author")):
            if var not in rec:
                for ident in self.linked(name, parent.id):
                    if (person := self.person(ident)) is not None:
                        rec.add(var, person)
        publishers = [p for p in (self.entity("Publisher", i) for i in self.linked(PUBLISHER_LIST, parent.id)) if p]
        if publishers and "publisher" not in rec:
            rec["publisher"] = "; ".join(p.get("Name") for p in publishers if p.get("Name"))
        for tag, var in (("PlaceOfPublication", "publisher-place"), ("Volume", "volume"), ("Edition", "edition")):
            if parent.get(tag) and var not in rec:
                rec[var] = parent.get(tag)
        if parent.get("ISBN") and "ISBN" not in rec:
            rec.add("ISBN", parent.get("ISBN"))
        for tag in SERIES:
            if (ident := parent.get(tag)) and "collection-title" not in rec:
                series = self.entity("SeriesTitle", ident)
                if series is not None and series.get("Name"):
                    rec["collection-title"] = series.get("Name")
        if "issued" not in rec:
            for tag in (DATE, YEAR):
                if (d := parse_date(parent.get(tag))) is not None:
                    rec["issued"] = d
                    break

    def _attached(self, rec: Record, ref_id: str, extras: list[Extra]) -> None:
        """Locations (links, files, call numbers), knowledge items (quotations), tasks of the reference."""
        for item in self.p.attached.get(ref_id, []):
            data = {tag: value for tag, value in item.fields if value and tag != "ReferenceID"}
            if item.id:
                data = {"id": item.id, **data}
            if item.tag == "Location" and self._location(rec, data):
                continue
            extras.append(Extra(NAME, item.tag, data))

    def _location(self, rec: Record, data: dict[str, str]) -> bool:
        address = data.get("Address", "")
        if address.startswith("{"):
            try:
                parsed = json.loads(address)
            except ValueError:
                parsed = None
            if isinstance(parsed, dict) and isinstance(parsed.get("UriString"), str):
                address = parsed["UriString"]
        mirrors = data.get("MirrorsReferencePropertyId", "")
        keys = set(data) - {"Address", "MirrorsReferencePropertyId", "AddressInfo", "id"} - INDEX_FIELDS
        if keys or not address:
            return False  # a call number, a library, notes: kept whole
        if mirrors in ("Doi", "DOI"):
            return rec.get("DOI") == address.removeprefix("https://doi.org/")
        if mirrors in ("PubMedId", "PubMedID"):
            return rec.get("PMID") == address
        if address.startswith(("http://", "https://")):
            if address not in rec.get("URL", []):
                rec.add("URL", address)
            return True
        return False
