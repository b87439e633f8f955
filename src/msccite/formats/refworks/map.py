"""RefWorks tagged format: reference types and tags as data, shared by the reader and the writer
(``docs/formats/refworks.md``).

Sources: RefWorks' "RefWorks Tagged Format" help page (the tag legend its own export writes above the records,
kept in Zotero's import test case 4), Zotero's ``RefWorks Tagged.js`` (which types and tags it reads and writes)
and the RefWorks exports among Zotero's test cases (PsycINFO and CINAHL records sent to RefWorks).
"""

from __future__ import annotations

#: ``RT`` reference type -> CSL type. The names Zotero writes (``Dissertation``, ``Bills``, ``Statutes`` ...),
#: RefWorks' own slash names (``Dissertation/Thesis``, ``Bills/Resolutions`` ...) and their halves.
TYPE_TO_CSL: dict[str, str] = {
    "Abstract": "article-journal", "Artwork": "graphic", "Bills": "bill", "Resolutions": "bill",
    "Bills/Resolutions": "bill", "Book, Edited": "book", "Book, Section": "chapter", "Book, Whole": "book",
    "Monograph": "book", "Case": "legal_case", "Court Decisions": "legal_case", "Case/Court Decisions": "legal_case",
    "Computer Program": "software", "Conference Proceedings": "paper-conference", "Dissertation": "thesis",
    "Thesis": "thesis", "Dissertation/Thesis": "thesis", "Dissertation, Unpublished": "thesis",
    "Thesis, Unpublished": "thesis", "Dissertation/Thesis, Unpublished": "thesis", "Generic": "document",
    "Grant": "document", "Hearing": "hearing", "Journal Article": "article-journal",
    "Journal, Electronic": "article-journal", "Laws": "legislation", "Statutes": "legislation",
    "Laws/Statutes": "legislation", "Magazine Article": "article-magazine", "Map": "map",
    "Motion Picture": "motion_picture", "Video": "motion_picture", "DVD": "motion_picture",
    "Video/DVD": "motion_picture", "Music Score": "musical_score", "Newspaper Article": "article-newspaper",
    "Online Discussion Forum": "post", "Patent": "patent", "Personal Communication": "personal_communication",
    "Report": "report", "Sound Recording": "song", "Unpublished Material": "manuscript", "Web Page": "webpage",
}  # fmt: skip

#: CSL type -> ``RT`` written: the names Zotero's export writes, which Zotero and citation-js read back (RefWorks'
#: slash names are read by neither). Each maps back to the same CSL type; a CSL type missing here is written as
#: ``Generic`` with the type carried in ``NO [csl:type] ...``.
CSL_TO_TYPE: dict[str, str] = {
    "article-journal": "Journal Article", "article-magazine": "Magazine Article",
    "article-newspaper": "Newspaper Article", "bill": "Bills", "book": "Book, Whole", "chapter": "Book, Section",
    "legal_case": "Case", "software": "Computer Program", "paper-conference": "Conference Proceedings",
    "document": "Generic", "hearing": "Hearing", "legislation": "Statutes", "map": "Map",
    "motion_picture": "Motion Picture", "musical_score": "Music Score", "post": "Online Discussion Forum",
    "patent": "Patent", "personal_communication": "Personal Communication", "report": "Report",
    "song": "Sound Recording", "manuscript": "Unpublished Material", "thesis": "Dissertation",
    "webpage": "Web Page", "graphic": "Artwork",
}  # fmt: skip

#: Name tags -> CSL name variable, one person a tag (``Family, Given[, Suffix]``).
NAME_TAGS: dict[str, str] = {
    "A1": "author", "A2": "editor", "A3": "collection-editor", "A4": "translator", "A5": "compiler",
}  # fmt: skip

#: Multi-valued tags -> CSL list variable. ``SN`` is an ISSN or an ISBN by the shape of each value; ``K1`` holds one
#: keyword a line, or several separated by semicolons; ``LK`` (links) are URLs too; ``NO`` notes may be carriers
#: (``[csl:VAR] value``).
LIST_TAGS: dict[str, str] = {"K1": "keyword", "UL": "URL", "LK": "URL", "SN": "ISSN", "NO": "note"}

#: Single-valued tags -> CSL variable (the first one in a record fills it; a later one stays an extra). ``T2``
#: depends on the type (``SERIES_T2_TYPES``); ``YR``/``FD``, ``SP``/``OP`` and ``RD`` are dates and pages, below.
SINGLE_TAGS: dict[str, str] = {
    "T1": "title", "JF": "container-title", "WT": "container-title", "T2": "container-title",
    "JO": "container-title-short", "T3": "collection-title", "ST": "title-short", "OT": "original-title",
    "VO": "volume", "IS": "issue", "ED": "edition", "PB": "publisher", "PP": "publisher-place", "AB": "abstract",
    "LA": "language", "DO": "DOI", "CN": "call-number", "DB": "source", "AN": "archive_location", "SL": "archive",
    "WV": "version", "PMID": "PMID", "PMCID": "PMCID",
}  # fmt: skip

#: Types whose ``T2`` (secondary title) is their series, as Zotero reads it (books, reports, maps, programs):
#: their container is ``JF``.
SERIES_T2_TYPES = frozenset({"book", "report", "map", "software"})

#: Types whose ``JF`` (periodical, full) is their container when written.
PERIODICAL_TYPES = frozenset({"article-journal", "article-magazine", "article-newspaper", "periodical"})

#: Types whose lone ``SP`` (without ``OP``) is the number of pages (a book's, a dissertation's), as Zotero reads it.
PAGES_COUNT_TYPES = frozenset({"book", "thesis"})

#: The tags of RefWorks' own export, in the order of its tag legend: the order the writer follows. Tags outside it
#: come last.
TAG_ORDER: tuple[str, ...] = (
    "RT", "SR", "ID", "A1", "T1", "JF", "JO", "YR", "FD", "VO", "IS", "SP", "OP", "K1", "AB", "NO", "A2", "T2", "ED",
    "PB", "PP", "A3", "A4", "A5", "T3", "SN", "AV", "AD", "AN", "LA", "CL", "SF", "OT", "LK", "DO", "CN", "DB", "DS",
    "IP", "RD", "ST", "U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9", "U10", "U11", "U12", "U13", "U14", "U15",
    "UL", "SL", "LL", "CR", "WT", "A6", "WV", "WP", "OL", "PMID", "PMCID",
)  # fmt: skip

#: Every tag of the legend: a line that is one of these alone (its value empty) is still a tag line.
KNOWN_TAGS = frozenset(TAG_ORDER)

#: The font-attribute markers of RefWorks' export (``0RW1S34RfeSDcfkexd09rT2`` starts italics, ``1RW1...2`` ends
#: them), by number, and the CSL rich-text mark each stands for (None: underline, which CSL has no mark for).
FONT_MARKER = "RW1S34RfeSDcfkexd09rT"
FONT_MARKS: tuple[str | None, ...] = ("b", None, "i", "sup", "sub")
