"""The PubMed XML reader and detection (the format's surface is the package, :mod:`msccite.formats.pubmed_xml`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from ...context import ReadContext
from ...model import Date, Extra, Name, Record, small_int
from ..medline.fields import is_translated_title
from ..medline.read import ARTICLE_NUMBER
from ..xmlsafe import children_json, iter_elements, leading_tags, text_of
from .map import FULL_MONTHS, MONTHS, RECORD_TAGS, ROOTS, SEASONS, TYPE_PRECEDENCE

NAME = "pubmed-xml"
EXTENSIONS: tuple[str, ...] = ()
ALIASES = ("pubmedxml", "medline-xml")
DESCRIPTION = "PubMed XML (NCBI efetch, PubMed 'Save > PubMed XML'), read only"
LINE_PIECES = True  # lines mean nothing in XML (EndNote writes its export on one line): a long one comes in pieces

_Handler = Callable[[Any, Any], None]
_Handlers = Mapping[str, _Handler]


# -- detection ------------------------------------------------------------------------------------
def detect(sample: str) -> float:
    """PubMed XML if the document opens with a PubmedArticleSet (its DOCTYPE or its root element)."""
    for tag in leading_tags(sample, 2):
        name = tag.removeprefix("!DOCTYPE ")
        return 0.95 if name in ROOTS else 0.0
    return 0.0


# -- reading --------------------------------------------------------------------------------------
def read(lines: Iterable[str], ctx: ReadContext) -> Iterator[Record]:
    for elem, line in iter_elements(lines, RECORD_TAGS, ctx):
        if (rec := ctx.build(line, _record, elem, line, ctx)) is not None:
            yield rec


def _record(elem: Any, line: int, ctx: ReadContext) -> Record:
    return _Builder(elem, line, ctx).build()


class _Builder:
    """Turns one ``<PubmedArticle>`` / ``<PubmedBookArticle>`` element into a record."""

    def __init__(self, elem: Any, line: int, ctx: ReadContext) -> None:
        self.elem = elem
        self.ctx = ctx
        self.rec = Record("article-journal", source=ctx.where(line))
        self.pubtypes: list[str] = []
        self.article_doi = _first_id(elem, "doi")
        self.iso_abbrev: str | None = None
        self.is_chapter = False
        self.vernacular: Any = None  # the <VernacularTitle> that gave the title
        self.epage: str | None = None  # a pii <ELocationID> that is an article number

    def extra(self, key: str, value: Any) -> None:
        self.rec.extra.append(Extra(NAME, key, value))

    def build(self) -> Record:
        if self.elem.tag == "PubmedBookArticle":
            doc = self.elem.find("BookDocument")
            self.is_chapter = doc is not None and (doc.find("ArticleTitle") is not None
                                                   or doc.find("LocationLabel") is not None)  # fmt: skip
            self.rec.type = "chapter" if self.is_chapter else "book"
            self.walk(self.elem, self.BOOK_ARTICLE)
        else:
            self.walk(self.elem, self.ARTICLE)
            self.rec.type = _csl_type(self.pubtypes)
        if self.epage is not None and "page" not in self.rec:
            self.rec["page"] = self.epage  # no page range: the article number is what styles print
        return self.rec

    # -- generic walking ----------------------------------------------------------------------
    def walk(self, elem: Any, handlers: _Handlers) -> None:
        """Dispatch each child element; an element without a handler becomes an extra."""
        for key, value in elem.attrib.items():
            self.extra(f"{elem.tag}@{key}", value)
        for child in elem:
            if not isinstance(child.tag, str):
                continue  # comment, processing instruction
            handler = handlers.get(child.tag)
            if handler is None:
                self.other(child)
            else:
                handler(self, child)

    def other(self, el: Any) -> None:
        """An element without a CSL variable: an extra under its tag; a ``...List`` as a list of its items."""
        if el.tag.endswith("List"):
            self.attributes(el)
            self.extra(el.tag, [to_json(c) for c in el if isinstance(c.tag, str)])
        else:
            self.extra(el.tag, to_json(el))

    def attributes(self, el: Any) -> None:
        """Attributes of an element read into a variable, as ``Tag@attr`` extras (defaults left out)."""
        for key, value in el.attrib.items():
            if not (key in ("CompleteYN", "ValidYN") and value == "Y"):
                self.extra(f"{el.tag}@{key}", value)

    # -- identifiers ----------------------------------------------------------------------------
    def pmid(self, el: Any) -> None:
        value = text_of(el).strip()
        if "PMID" not in self.rec:
            self.rec["PMID"] = value
        elif self.rec["PMID"] != value:
            self.extra("PMID", value)
        if el.get("Version", "1") != "1":
            self.extra("PMID@Version", el.get("Version"))

    def article_ids(self, el: Any) -> None:
        for aid in el:
            if not isinstance(aid.tag, str):
                continue
            kind = aid.get("IdType", "")
            value = text_of(aid).strip()
            if kind == "pubmed" and self.rec.get("PMID") in (None, value):
                self.rec["PMID"] = value
            elif kind == "doi" and self.rec.get("DOI") in (None, value):
                self.rec["DOI"] = value
            elif kind == "pmc" and self.rec.get("PMCID") in (None, value):
                self.rec["PMCID"] = value
            else:
                self.extra(f"ArticleId/{kind}", value)

    def elocation(self, el: Any) -> None:
        kind = el.get("EIdType", "")
        value = text_of(el).strip()
        if kind == "doi" and self.article_doi is None and "DOI" not in self.rec:
            self.rec["DOI"] = value
        elif not (kind == "doi" and value in (self.article_doi, self.rec.get("DOI"))):
            self.extra(f"ELocationID/{kind}", value)
        if el.get("ValidYN", "Y") != "Y":
            self.extra(f"ELocationID/{kind}@ValidYN", el.get("ValidYN"))
        elif kind == "pii" and self.epage is None and ARTICLE_NUMBER.fullmatch(value):
            self.epage = value

    # -- titles, abstract, pages -----------------------------------------------------------------
    def article_title(self, el: Any) -> None:
        text = text_of(el)
        vernacular = _vernacular_beside(el) if not text.strip() or is_translated_title(text) else None
        if vernacular is None or "title" in self.rec:
            self.set_or_extra("title", text, el.tag)
        else:  # the title in its own language; PubMed's English translation (or nothing) kept beside it
            self.vernacular = vernacular
            self.rec["title"] = text_of(vernacular)
            self.extra(el.tag, text)
        self.attributes(el)

    def vernacular_title(self, el: Any) -> None:
        if el is self.vernacular:
            self.attributes(el)
        else:
            self.other(el)

    def book_title(self, el: Any) -> None:
        self.set_or_extra("container-title" if self.is_chapter else "title", text_of(el), el.tag)
        self.attributes(el)

    def set_or_extra(self, var: str, value: str, tag: str) -> None:
        if not value:
            self.extra(tag, value)
        elif var not in self.rec:
            self.rec[var] = value
        elif self.rec[var] != value:
            self.extra(tag, value)

    def abstract(self, el: Any) -> None:
        paragraphs = []
        for child in el:
            if child.tag == "AbstractText":
                label = child.get("Label")
                body = text_of(child)
                paragraphs.append(f"{label}: {body}" if label else body)
            elif isinstance(child.tag, str):
                self.other(child)  # CopyrightInformation
        if paragraphs:
            self.set_or_extra("abstract", "\n".join(paragraphs), "Abstract")

    def pagination(self, el: Any) -> None:
        medline = el.findtext("MedlinePgn")
        start, end = el.findtext("StartPage"), el.findtext("EndPage")
        if medline:
            self.set_or_extra("page", medline, "MedlinePgn")
            for tag, value in (("StartPage", start), ("EndPage", end)):
                if value is not None:
                    self.extra(tag, value)
        elif start:
            self.set_or_extra("page", f"{start}-{end}" if end and end != start else start, "StartPage")
        elif end:
            self.extra("EndPage", end)

    def language(self, el: Any) -> None:
        self.set_or_extra("language", text_of(el).strip(), "Language")

    # -- journal -------------------------------------------------------------------------------
    def issn(self, el: Any) -> None:
        value = text_of(el).strip()
        kind = el.get("IssnType")
        self.rec.add("ISSN", f"{value} ({kind})" if kind else value)

    def journal_title(self, el: Any) -> None:
        self.set_or_extra("container-title", text_of(el), "Journal/Title")

    def iso_abbreviation(self, el: Any) -> None:
        self.iso_abbrev = text_of(el)
        self.set_or_extra("container-title-short", self.iso_abbrev, "ISOAbbreviation")

    def medline_ta(self, el: Any) -> None:
        value = text_of(el)
        if self.iso_abbrev is None and "container-title-short" not in self.rec:
            self.rec["container-title-short"] = value
        elif value != self.rec.get("container-title-short"):
            self.extra("MedlineTA", value)

    def volume(self, el: Any) -> None:
        self.set_or_extra("volume", text_of(el).strip(), "Volume")

    def issue(self, el: Any) -> None:
        self.set_or_extra("issue", text_of(el).strip(), "Issue")

    def pub_date(self, el: Any) -> None:
        if "issued" in self.rec:
            self.extra("PubDate", date_text(el))
        else:
            self.rec["issued"] = parse_pub_date(el)

    def article_date(self, el: Any) -> None:
        kind = el.get("DateType", "")
        if kind.lower() == "electronic" and "available-date" not in self.rec:
            self.rec["available-date"] = parse_pub_date(el)
        else:
            self.extra(f"ArticleDate/{kind}", date_text(el))

    def date_extra(self, el: Any) -> None:
        self.extra(el.tag, date_text(el))

    # -- people --------------------------------------------------------------------------------
    def author_list(self, el: Any) -> None:
        kind = el.get("Type", "authors")
        if kind == "editors":
            var, prefix = "editor", "editor-"
        elif self.elem.tag == "PubmedBookArticle" and self.is_chapter and el.getparent().tag == "Book":
            var, prefix = "container-author", "container-author-"
        else:
            var, prefix = "author", ""
        for key, value in el.attrib.items():
            if key not in ("Type",) and not (key == "CompleteYN" and value == "Y"):
                self.extra(f"{prefix}AuthorList@{key}", value)
        n = 0
        for author in el:
            if author.tag != "Author":
                if isinstance(author.tag, str):
                    self.other(author)
                continue
            n += 1
            self.rec.add(var, self.person(author, n, prefix))

    def person(self, el: Any, n: int, prefix: str) -> Name:
        parts: dict[str, str] = {}
        for child in el:
            if not isinstance(child.tag, str):
                continue
            tag = child.tag
            if tag in ("LastName", "ForeName", "Initials", "Suffix", "CollectiveName") and tag not in parts:
                parts[tag] = text_of(child).strip()
            elif tag == "AffiliationInfo":
                for part in child:
                    if part.tag == "Affiliation":
                        self.extra(f"{prefix}affiliation@{n}", text_of(part))
                    elif isinstance(part.tag, str):
                        self.extra(f"{prefix}{part.tag}@{n}", to_json(part))
            elif tag == "Identifier":
                self.extra(f"{prefix}{child.get('Source', 'Identifier')}@{n}", text_of(child).strip())
            else:
                self.extra(f"{prefix}{tag}@{n}", to_json(child))
        for key, value in el.attrib.items():
            if not (key == "ValidYN" and value == "Y"):
                self.extra(f"{prefix}{key}@{n}", value)
        if "CollectiveName" in parts:
            for tag in ("LastName", "ForeName", "Initials", "Suffix"):
                if tag in parts:
                    self.extra(f"{prefix}{tag}@{n}", parts[tag])
            return Name(literal=parts["CollectiveName"])
        fore, initials = parts.get("ForeName", ""), parts.get("Initials", "")
        if fore and initials and initials != _initials(fore):
            self.extra(f"{prefix}Initials@{n}", initials)
        family = parts.get("LastName", "")
        given = fore or initials
        if not family:
            return Name(literal=given)
        return Name(family=family, given=given, suffix=parts.get("Suffix", ""))

    # -- subjects and types --------------------------------------------------------------------
    def mesh_list(self, el: Any) -> None:
        for key, value in el.attrib.items():
            self.extra(f"MeshHeadingList@{key}", value)
        for heading in el:
            if heading.tag == "MeshHeading":
                self.rec.add("keyword", mesh_heading(heading))
            elif isinstance(heading.tag, str):
                self.other(heading)

    def keyword_list(self, el: Any) -> None:
        owner = el.get("Owner")
        if owner and owner != "NOTNLM":
            self.extra("KeywordList@Owner", owner)
        for kw in el:
            if kw.tag == "Keyword":
                self.rec.add("keyword", text_of(kw).strip())
            elif isinstance(kw.tag, str):
                self.other(kw)

    def publication_type(self, el: Any) -> None:
        value = text_of(el).strip()
        self.pubtypes.append(value)
        self.extra("PublicationType", value)

    def publication_types(self, el: Any) -> None:
        for child in el:
            if child.tag == "PublicationType":
                self.publication_type(child)
            elif isinstance(child.tag, str):
                self.other(child)

    def history(self, el: Any) -> None:
        dates: dict[str, Any] = {}
        for child in el:
            if not isinstance(child.tag, str):
                continue
            status = child.get("PubStatus", child.tag)
            value = date_text(child)
            if status in dates:
                old = dates[status]
                dates[status] = (old if isinstance(old, list) else [old]) + [value]
            else:
                dates[status] = value
        self.extra("History", dates)

    # -- books ---------------------------------------------------------------------------------
    def publisher(self, el: Any) -> None:
        for child in el:
            if child.tag == "PublisherName":
                self.set_or_extra("publisher", text_of(child), "PublisherName")
            elif child.tag == "PublisherLocation":
                self.set_or_extra("publisher-place", text_of(child), "PublisherLocation")
            elif isinstance(child.tag, str):
                self.other(child)

    def isbn(self, el: Any) -> None:
        self.rec.add("ISBN", text_of(el).strip())

    def location_label(self, el: Any) -> None:
        self.extra(f"LocationLabel/{el.get('Type', '')}", text_of(el))

    # handler tables, filled below (they refer to each other)
    ARTICLE: dict[str, _Handler] = {}
    BOOK_ARTICLE: dict[str, _Handler] = {}


def _simple(var: str) -> _Handler:
    def handler(self: _Builder, el: Any) -> None:
        self.set_or_extra(var, text_of(el).strip(), el.tag)

    return handler


def _descend(table: _Handlers) -> _Handler:
    def handler(self: _Builder, el: Any) -> None:
        self.walk(el, table)

    return handler


_JOURNAL_ISSUE = {"Volume": _Builder.volume, "Issue": _Builder.issue, "PubDate": _Builder.pub_date}
_JOURNAL = {
    "ISSN": _Builder.issn,
    "JournalIssue": _descend(_JOURNAL_ISSUE),
    "Title": _Builder.journal_title,
    "ISOAbbreviation": _Builder.iso_abbreviation,
}
_ARTICLE_BODY = {
    "Journal": _descend(_JOURNAL),
    "ArticleTitle": _Builder.article_title,
    "VernacularTitle": _Builder.vernacular_title,
    "Pagination": _Builder.pagination,
    "ELocationID": _Builder.elocation,
    "Abstract": _Builder.abstract,
    "AuthorList": _Builder.author_list,
    "Language": _Builder.language,
    "PublicationTypeList": _Builder.publication_types,
    "ArticleDate": _Builder.article_date,
}
_JOURNAL_INFO = {"MedlineTA": _Builder.medline_ta}
_MEDLINE_CITATION = {
    "PMID": _Builder.pmid,
    "DateCompleted": _Builder.date_extra,
    "DateRevised": _Builder.date_extra,
    "DateCreated": _Builder.date_extra,
    "Article": _descend(_ARTICLE_BODY),
    "MedlineJournalInfo": _descend(_JOURNAL_INFO),
    "MeshHeadingList": _Builder.mesh_list,
    "KeywordList": _Builder.keyword_list,
}
_PUBMED_DATA = {"History": _Builder.history, "ArticleIdList": _Builder.article_ids}
_Builder.ARTICLE.update({"MedlineCitation": _descend(_MEDLINE_CITATION), "PubmedData": _descend(_PUBMED_DATA)})

_BOOK = {
    "Publisher": _Builder.publisher,
    "BookTitle": _Builder.book_title,
    "PubDate": _Builder.pub_date,
    "BeginningDate": _Builder.date_extra,
    "EndingDate": _Builder.date_extra,
    "AuthorList": _Builder.author_list,
    "Volume": _Builder.volume,
    "VolumeTitle": _simple("volume-title"),
    "Edition": _simple("edition"),
    "CollectionTitle": _simple("collection-title"),
    "Isbn": _Builder.isbn,
    "ELocationID": _Builder.elocation,
    "Medium": _simple("medium"),
    "ReportNumber": _simple("number"),
}
_BOOK_DOCUMENT = {
    "PMID": _Builder.pmid,
    "ArticleIdList": _Builder.article_ids,
    "Book": _descend(_BOOK),
    "LocationLabel": _Builder.location_label,
    "ArticleTitle": _Builder.article_title,
    "VernacularTitle": _Builder.vernacular_title,
    "Pagination": _Builder.pagination,
    "ELocationID": _Builder.elocation,
    "Language": _Builder.language,
    "AuthorList": _Builder.author_list,
    "PublicationType": _Builder.publication_type,
    "Abstract": _Builder.abstract,
    "KeywordList": _Builder.keyword_list,
    "ContributionDate": _Builder.date_extra,
    "DateRevised": _Builder.date_extra,
}
_Builder.BOOK_ARTICLE.update({"BookDocument": _descend(_BOOK_DOCUMENT), "PubmedBookData": _descend(_PUBMED_DATA)})


# -- helpers --------------------------------------------------------------------------------------
def _first_id(elem: Any, kind: str) -> str | None:
    for path in ("PubmedData/ArticleIdList/ArticleId", "BookDocument/ArticleIdList/ArticleId",
                 "PubmedBookData/ArticleIdList/ArticleId"):  # fmt: skip
        for aid in elem.iterfind(path):
            if aid.get("IdType") == kind:
                return text_of(aid).strip()
    return None


def _vernacular_beside(el: Any) -> Any:
    """The first ``<VernacularTitle>`` with text next to an ``<ArticleTitle>``, or None."""
    parent = el.getparent()
    for sibling in parent.iterfind("VernacularTitle") if parent is not None else ():
        if text_of(sibling).strip():
            return sibling
    return None


def _csl_type(pubtypes: list[str]) -> str:
    for name, csl in TYPE_PRECEDENCE:
        if name in pubtypes:
            return csl
    return "article-journal"


def _initials(fore: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s.-]+", fore) if w)


def mesh_heading(el: Any) -> str:
    """A MeshHeading as MEDLINE's ``MH`` writes it: ``*Descriptor/qualifier/*major qualifier``."""
    desc = el.find("DescriptorName")
    star = "*" if desc is not None and desc.get("MajorTopicYN") == "Y" else ""
    out = star + (text_of(desc).strip() if desc is not None else "")
    for q in el.iterfind("QualifierName"):
        out += "/" + ("*" if q.get("MajorTopicYN") == "Y" else "") + text_of(q).strip()
    return out


def to_json(el: Any) -> Any:
    """An element as a JSON-able value: its text for a leaf, else a dict (``@attr``, child tags, ``#text``).

    Elements named ``...List`` become a list of their children. Text with inline markup (a
    ``<Citation>`` with ``<i>``) is kept as its plain text.
    """
    kids = [c for c in el if isinstance(c.tag, str)]
    mixed = bool((el.text or "").strip()) or any((c.tail or "").strip() for c in kids)
    attrs = {"@" + k: v for k, v in el.attrib.items()}
    if not kids or mixed:
        text = text_of(el)
        return {**attrs, "#text": text} if attrs else text
    if el.tag.endswith("List") and not attrs:
        return [to_json(c) for c in kids]
    return children_json(attrs, kids, to_json)


def date_text(el: Any) -> str:
    """A PubMed date element as text: ``2019-12-08``, ``2019-12-08 06:00``, ``2019 Dec``, a MedlineDate as is."""
    medline = el.findtext("MedlineDate")
    if medline is not None:
        return medline
    year, month, day = el.findtext("Year") or "", el.findtext("Month") or "", el.findtext("Day") or ""
    season = el.findtext("Season")
    if season:
        return f"{year} {season}".strip()
    parts = [year]
    for p in (month, day):
        if p:
            parts.append(p.zfill(2) if p.isdigit() else p)
    text = "-".join(parts)
    hour, minute = el.findtext("Hour"), el.findtext("Minute")
    if hour is not None:
        text += f" {hour.zfill(2)}:{(minute or '0').zfill(2)}"
    return text


def _month(text: str) -> int | None:
    """A month as PubMed writes it: ``12``, ``Dec``, ``December``; None if it is not one."""
    t = text.strip().rstrip(".")
    if t.isdigit():
        m = small_int(t)
        return m if m is not None and 1 <= m <= 12 else None
    return MONTHS.get(t.lower()) or FULL_MONTHS.get(t.lower())


def parse_pub_date(el: Any) -> Date:
    """``<PubDate>`` / ``<ArticleDate>``: Year/Month/Day, Year + Season, or a MedlineDate."""
    medline = el.findtext("MedlineDate")
    if medline is not None:
        return parse_medline_date(medline)
    year, month, day = el.findtext("Year"), el.findtext("Month"), el.findtext("Day")
    season = el.findtext("Season")
    y = small_int(year or "")  # None for thousands of digits: text, not a year
    if y is None:
        return Date(raw=date_text(el))
    if season:
        if month or day:
            return Date(raw=date_text(el))
        return Date(parts=((y,),), season=season.strip())
    if not month:
        return Date(raw=date_text(el)) if day else Date.of(y)
    m = _month(month.strip())
    if m is None:
        return Date(raw=f"{year} {month}" + (f" {day}" if day else ""))
    if not day:
        return Date.of(y, m)
    d = small_int(day)
    if d is None or not 1 <= d <= 31:
        return Date(raw=f"{year} {month} {day}")
    return Date.of(y, m, d)


_MD_SIDE = re.compile(r"(?:(\d{4})\s*)?(?:([A-Za-z]+)\.?\s*)?(\d{1,2})?")

_Side = tuple[int | None, int | None, int | None, str | None]  # year, month, day, season


def _side(text: str) -> _Side | None:
    """One side of a MedlineDate range: ``2019 Dec 2``, ``Jan``, ``15``, ``2000 Spring``."""
    m = _MD_SIDE.fullmatch(text.strip())
    if m is None or not any(m.groups()):
        return None
    year = int(m.group(1)) if m.group(1) else None
    month = season = None
    if m.group(2):
        if m.group(2).lower() in SEASONS:
            season = m.group(2)
        else:
            month = _month(m.group(2))
            if month is None:
                return None
    day = int(m.group(3)) if m.group(3) else None
    if day is not None and not 1 <= day <= 31 or season and day is not None:
        return None
    return year, month, day, season


def parse_medline_date(text: str) -> Date:
    """``2019 Dec-2020 Jan``, ``2003 Jul-Aug``, ``2012 Oct 1-15``, ``1975-1976``, ``2000 Spring``; else raw."""
    pieces = re.split(r"\s*-\s*", text.strip())
    first = _side(pieces[0]) if len(pieces) <= 2 else None
    if first is None:
        return Date(raw=text)
    y1, m1, d1, s1 = first
    if y1 is None or d1 is not None and m1 is None:
        return Date(raw=text)
    if len(pieces) == 1:
        return Date(parts=((y1,),), season=s1) if s1 else Date(parts=(_part(y1, m1, d1),))
    second = _side(pieces[1])
    if second is None or s1 or second[3]:
        return Date(raw=text)
    y2, m2, d2, _ = second
    if y2 is None:
        y2 = y1
        if m2 is None:
            m2 = m1  # "2012 Oct 1-15": a bare day of the same month
    if (m1 is None) != (m2 is None) or (d1 is None) != (d2 is None) or (y2, m2 or 0, d2 or 0) <= (y1, m1 or 0, d1 or 0):
        return Date(raw=text)
    return Date(parts=(_part(y1, m1, d1), _part(y2, m2, d2)))


def _part(y: int, m: int | None, d: int | None) -> tuple[int, ...]:
    return (y,) if m is None else (y, m) if d is None else (y, m, d)
