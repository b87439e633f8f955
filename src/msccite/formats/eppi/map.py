"""The EPPI-Reviewer JSON tables: reference keys -> CSL variables and item types, as data."""

from __future__ import annotations

#: Keys of a reference whose text is one CSL variable.
TEXT_FIELDS: dict[str, str] = {
    "Title": "title",
    "ParentTitle": "container-title",  # the journal, the book of a chapter, the proceedings
    "Abstract": "abstract",
    "Volume": "volume",
    "Issue": "issue",
    "Pages": "page",
    "Edition": "edition",
    "Publisher": "publisher",
    "City": "publisher-place",  # often a country (MEDLINE's place of publication, imported)
    "DOI": "DOI",
}

#: Keys whose text goes to a list variable: split into lines (``Keywords``: one keyword a line, CR LF, LF or CR)
#: or kept whole.
LINE_LIST_FIELDS: dict[str, str] = {"Keywords": "keyword"}
LIST_FIELDS: dict[str, str] = {"URL": "URL", "Comments": "note"}

#: Keys of people (``"Family Given Middle; Family2 Given2; "``, family name first, no comma).
NAME_FIELDS: dict[str, str] = {"Authors": "author", "ParentAuthors": "editor"}

#: Keys read together into ``issued``.
YEAR, MONTH = "Year", "Month"
#: ``StandardNumber``: an ISSN or an ISBN by its shape (``1353-3452 (Linking)``, ``01389130 (ISSN)``), the PMID of
#: ``MEDLINE:32240014``; anything else (``WOS:000511663100014 ER``, left by an import) an extra.
STANDARD_NUMBER = "StandardNumber"
TYPE_NAME = "TypeName"
CODES = "Codes"
#: The awarding body of a thesis (``publisher`` in CSL) or the issuer of a report; for other types an affiliation
#: (an extra).
INSTITUTION = "Institution"
INSTITUTION_TYPES = frozenset({"thesis", "report"})
COUNTRY = "Country"  # publisher-place when there is no City; else an extra

#: EPPI-Reviewer's item types (``TypeName``) -> CSL type; another name is a document, kept as the extra ``TypeName``.
#: The name is kept as the hint ``rec.keys["type"] = "eppi:Journal, Article"`` either way.
TYPES: dict[str, str] = {
    "Journal, Article": "article-journal",
    "Article In A Periodical": "article-magazine",
    "Book, Whole": "book",
    "Book, Chapter": "chapter",
    "Conference Proceedings": "paper-conference",
    "Dissertation": "thesis",
    "Report": "report",
    "Document From Internet Site": "webpage",
    "Web Site": "webpage",
    "DVD, Video, Media": "motion_picture",
    "Interview": "interview",
    "Research project": "document",
    "Generic": "document",
}
DEFAULT_TYPE = "document"

#: Keys of a code (``Codes[]``) and what each becomes: ``AttributeId`` names the code (an extra ``Code``, its name
#: and path in the code sets: ``Data Extraction > Database source > CINAHL (5888829)``); the others are extras of
#: that code, ``Code<Key>@<AttributeId>``. Values at their default (``""``, ``0``) are left out.
CODE_ID = "AttributeId"
CODE_NAME = "AttributeName"  # in the code sets, and in a code itself in some exports
CODE_TEXT = {"AdditionalText": "CodeText", "ArmTitle": "CodeArm", "ArmId": "CodeArmId"}
#: A code's quotes from the full text (``ItemAttributeFullTextDetails``): one extra ``CodeQuote@<AttributeId>``
#: each, ``<DocTitle>: <Text>``; where in the document (``TextFrom``, ``TextTo``, ``ItemDocumentId``, ``IsFromPDF``)
#: is EPPI-Reviewer's own bookkeeping and left out.
CODE_QUOTES = "ItemAttributeFullTextDetails"

MONTHS: dict[str, int] = {
    name: i
    for i, names in enumerate(
        (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
         ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
         ("november", "nov"), ("december", "dec")),
        1,
    )
    for name in names
}  # fmt: skip
SEASONS: dict[str, int] = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}
