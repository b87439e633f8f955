"""BibTeX and BibLaTeX entry types and fields, as data shared by the reader and the writers.

Sources: BibTeX's standard styles (``btxdoc``), the BibLaTeX manual (sections 2.1-2.2), and what
Zotero, JabRef, Mendeley and Better BibTeX write. See ``docs/formats/bibtex.md`` for the tables.
"""

from __future__ import annotations

#: Entry type (lower case) -> CSL type, for both flavours.
ENTRY_TO_CSL: dict[str, str] = {
    "article": "article-journal", "book": "book", "mvbook": "book", "booklet": "pamphlet",
    "collection": "book", "mvcollection": "book", "proceedings": "book", "mvproceedings": "book",
    "reference": "book", "mvreference": "book", "inbook": "chapter", "bookinbook": "chapter",
    "suppbook": "chapter", "incollection": "chapter", "suppcollection": "chapter",
    "inreference": "entry-encyclopedia", "inproceedings": "paper-conference", "conference": "paper-conference",
    "manual": "report", "mastersthesis": "thesis", "phdthesis": "thesis", "thesis": "thesis", "misc": "document",
    "online": "webpage", "electronic": "webpage", "www": "webpage", "webpage": "webpage", "patent": "patent",
    "periodical": "periodical", "suppperiodical": "periodical", "report": "report", "techreport": "report",
    "unpublished": "manuscript", "dataset": "dataset", "data": "dataset", "software": "software",
    "artwork": "graphic", "image": "graphic", "audio": "song", "music": "song", "video": "motion_picture",
    "movie": "motion_picture", "letter": "personal_communication", "jurisdiction": "legal_case",
    "legislation": "legislation", "legal": "legislation", "standard": "standard", "review": "review",
    "performance": "performance", "interview": "interview", "map": "map",
}  # fmt: skip

#: CSL type -> BibTeX entry type (only the standard styles' types). Others are written as ``misc``
#: with the CSL type in a ``csl-type`` field.
CSL_TO_BIBTEX: dict[str, str] = {
    "article-journal": "article", "article": "article", "article-magazine": "article",
    "article-newspaper": "article", "review": "article", "book": "book", "pamphlet": "booklet",
    "chapter": "incollection", "entry-encyclopedia": "incollection", "entry-dictionary": "incollection",
    "paper-conference": "inproceedings", "thesis": "phdthesis", "report": "techreport",
    "manuscript": "unpublished", "document": "misc",
}  # fmt: skip

#: CSL type -> BibLaTeX entry type.
CSL_TO_BIBLATEX: dict[str, str] = {
    **CSL_TO_BIBTEX, "thesis": "thesis", "report": "report", "webpage": "online", "post-weblog": "online",
    "post": "online", "dataset": "dataset", "software": "software", "patent": "patent", "periodical": "periodical",
    "graphic": "artwork", "song": "audio", "motion_picture": "video", "personal_communication": "letter",
    "legal_case": "jurisdiction", "legislation": "legislation", "standard": "standard", "review": "review",
    "performance": "performance", "interview": "interview", "map": "map",
    "entry-encyclopedia": "inreference", "entry-dictionary": "inreference",
}  # fmt: skip

ARTICLE_TYPES = frozenset({"article-journal", "article", "article-magazine", "article-newspaper", "review",
                           "periodical"})  # fmt: skip

#: How a field's text is read and written (see ``fields``).
NAME_FIELDS: dict[str, str] = {
    "author": "author",
    "editor": "editor",
    "translator": "translator",
    "bookauthor": "container-author",
}
#: Fields read into a single-valued CSL variable; when several carry the same variable, the first
#: here wins and the others stay extras.
SINGLE_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "title-short": ("shorttitle",),
    "container-title": ("journal", "journaltitle", "booktitle"),
    "container-title-short": ("shortjournal", "journalabbreviation", "journal-abbreviation", "journal_abbrev"),
    "collection-title": ("series",),
    "volume": ("volume",),
    "issue": ("issue", "number"),
    "number": ("eid", "number"),  # eid: an article's number (e42692), as biblatex and JabRef name it
    "page": ("pages",),
    "number-of-pages": ("pagetotal",),
    "number-of-volumes": ("volumes",),
    "edition": ("edition",),
    "publisher": ("publisher", "school", "institution", "organization"),
    "publisher-place": ("address", "location"),
    "DOI": ("doi",),
    "PMID": ("pmid",),
    "PMCID": ("pmcid",),
    "abstract": ("abstract",),
    "language": ("language", "langid"),
    "genre": ("type",),
    "chapter-number": ("chapter",),
    "annote": ("annote", "annotation"),
    "version": ("version",),
    "event-title": ("eventtitle",),
    "event-place": ("venue",),
    "call-number": ("callnumber",),
    "original-title": ("origtitle",),
}
#: Fields read into a list variable, and the separators that split them.
LIST_FIELDS: dict[str, str] = {"keywords": "keyword", "issn": "ISSN", "isbn": "ISBN", "url": "URL", "note": "note"}
#: Date fields (besides year/month/day) -> CSL date variable.
DATE_FIELDS: dict[str, str] = {"date": "issued", "urldate": "accessed", "eventdate": "event-date",
                               "origdate": "original-date"}  # fmt: skip

#: Fields whose value is not LaTeX (written and read as is).
VERBATIM = frozenset({"url", "doi", "eprint", "file", "pdf", "urlraw", "verba", "verbb", "verbc"})
#: Fields whose text keeps its line breaks (others read a line break as a space, as BibTeX does).
MULTILINE = frozenset({"abstract", "note", "annote", "annotation", "comment"})
#: Title-like fields whose capitals are protected with braces when written.
TITLE_FIELDS = frozenset({"title", "shorttitle", "booktitle", "series", "origtitle", "eventtitle"})

#: Order of fields in written entries (carriers ``csl-*`` and extras follow).
WRITE_ORDER: tuple[str, ...] = (
    "author", "editor", "translator", "bookauthor", "title", "shorttitle", "journal", "journaltitle",
    "booktitle", "series", "shortjournal", "edition", "volume", "number", "issue", "pages", "eid", "chapter",
    "pagetotal", "volumes", "year", "month", "day", "date", "publisher", "school", "institution",
    "organization", "address", "location", "type", "doi", "url", "urldate", "issn", "isbn", "pmid", "pmcid", "eprint",
    "eprinttype",
    "language", "keywords", "abstract", "note", "annote", "version", "eventtitle", "venue", "eventdate",
    "callnumber", "origtitle", "origdate",
)  # fmt: skip

#: BibLaTeX names for BibTeX fields (the writer of ``-t biblatex``).
BIBLATEX_NAMES: dict[str, str] = {"journal": "journaltitle", "address": "location", "school": "institution",
                                  "annote": "annotation"}  # fmt: skip
