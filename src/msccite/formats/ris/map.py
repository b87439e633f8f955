"""RIS tag and type maps, as data shared by the RIS reader and writer (``docs/formats/ris.md``).

Sources: the RIS specification (Research Information Systems, 2011 revision) and what real
exporters write (Scopus, Web of Science, Embase, Ovid, EBSCO, PubMed via EndNote, Zotero,
Mendeley, EndNote, Citavi, RefWorks, Covidence, Rayyan, EPPI-Reviewer), see ``tests/data/corpus``.
"""

from __future__ import annotations

#: RIS reference type -> CSL item type.
TYPE_TO_CSL: dict[str, str] = {
    "JOUR": "article-journal", "EJOUR": "article-journal", "ABST": "article-journal",
    "INPR": "article-journal", "JFULL": "periodical", "SER": "periodical", "MGZN": "article-magazine",
    "NEWS": "article-newspaper", "BOOK": "book", "EBOOK": "book", "EDBOOK": "book", "CHAP": "chapter",
    "ECHAP": "chapter", "CONF": "paper-conference", "CPAPER": "paper-conference", "THES": "thesis",
    "RPRT": "report", "GOVDOC": "report", "ELEC": "webpage", "WEB": "webpage", "BLOG": "post-weblog",
    "DATA": "dataset", "DBASE": "dataset", "AGGR": "dataset", "COMP": "software", "PAT": "patent",
    "CASE": "legal_case", "BILL": "bill", "UNBILL": "bill", "STAT": "legislation", "LEGAL": "regulation",
    "HEAR": "hearing", "MAP": "map", "ART": "graphic", "FIGURE": "figure", "CHART": "figure",
    "SLIDE": "speech", "SOUND": "song", "MUSIC": "musical_score", "VIDEO": "motion_picture",
    "MPCT": "motion_picture", "ADVS": "broadcast", "PCOMM": "personal_communication",
    "ICOMM": "personal_communication", "MANSCPT": "manuscript", "UNPB": "manuscript",
    "ANCIENT": "classic", "CLSWK": "classic", "PAMP": "pamphlet", "STAND": "standard",
    "DICT": "entry-dictionary", "ENCYC": "entry-encyclopedia", "GEN": "document", "CTLG": "document",
    "MULTI": "document", "GRANT": "document", "EQUA": "document",
}  # fmt: skip

#: CSL item type -> RIS type written. Every value maps back to the same CSL type; CSL types
#: missing here are written as GEN with the CSL type carried in ``N1  - [csl:type] ...``.
CSL_TO_TYPE: dict[str, str] = {
    "article-journal": "JOUR", "periodical": "JFULL", "article-magazine": "MGZN",
    "article-newspaper": "NEWS", "book": "BOOK", "chapter": "CHAP", "paper-conference": "CPAPER",
    "thesis": "THES", "report": "RPRT", "webpage": "ELEC", "post-weblog": "BLOG", "dataset": "DATA",
    "software": "COMP", "patent": "PAT", "legal_case": "CASE", "bill": "BILL", "legislation": "STAT",
    "regulation": "LEGAL", "hearing": "HEAR", "map": "MAP", "graphic": "ART", "figure": "FIGURE",
    "speech": "SLIDE", "song": "SOUND", "musical_score": "MUSIC", "motion_picture": "MPCT",
    "broadcast": "ADVS", "personal_communication": "PCOMM", "manuscript": "MANSCPT",
    "classic": "CLSWK", "pamphlet": "PAMP", "standard": "STAND", "entry-dictionary": "DICT",
    "entry-encyclopedia": "ENCYC", "document": "GEN",
}  # fmt: skip

BOOK_TYPES = frozenset({"BOOK", "EBOOK", "EDBOOK", "CHAP", "ECHAP"})

#: Name tags -> CSL name variable.
NAME_TAGS: dict[str, str] = {
    "AU": "author", "A1": "author", "A2": "editor", "ED": "editor", "A3": "collection-editor",
    "A4": "contributor", "TA": "translator",
}  # fmt: skip

#: Multi-valued tags -> CSL list variable. ``SN`` is decided per value (ISSN or ISBN).
LIST_TAGS: dict[str, str] = {"KW": "keyword", "UR": "URL", "N1": "note", "SN": "ISSN"}

#: Tags whose multi-line value (EndNote writes one value per line) holds several values.
SPLIT_LINES = frozenset({"KW", "SN", "UR"})

#: Single-valued CSL variables and the tags that may carry them, in order of preference. When
#: several are present, the first in this order fills the variable; the others join it if their
#: value is the same, else they stay extras under their own tag. (Dates: the most precise wins.)
SINGLE_TAGS: dict[str, tuple[str, ...]] = {
    "title": ("TI", "T1", "CT", "BT"),
    "container-title": ("T2", "JF", "JO", "BT"),
    "container-title-short": ("J2", "JA", "J1", "JO"),
    "collection-title": ("T3",),
    "title-short": ("ST",),
    "issued": ("PY", "DA", "Y1"),  # Y1 is deprecated: DA wins over it (as Zotero reads them)
    "volume": ("VL",),
    "issue": ("IS", "CP"),
    "edition": ("ET",),
    "publisher": ("PB",),
    "publisher-place": ("CY", "PP"),
    "DOI": ("DO",),
    "abstract": ("AB", "N2"),
    "language": ("LA",),
    "call-number": ("CN",),
    "archive_location": ("AN",),
    "source": ("DB",),
    "genre": ("M3",),
    "section": ("SE",),
    "number-of-volumes": ("NV",),
    "reviewed-title": ("RI",),
    "accessed": ("Y2",),
}

#: The specification's reference-type tables (RIS Format Specifications, Research Information Systems /
#: Thomson Reuters 2011, "RIS Reference Types"; as data in citation-js's plugin-ris ``spec/new.json``, as
#: Zotero's RIS translator reads and writes them, and as EndNote exports them: Zotero's RIS test case
#: ``03.ris``, an EndNote export of every type with each field's label as its value, decides where the others
#: differ, e.g. a journal article's start page in ``SE``) for the tags whose meaning depends on the type:
#: ``M1``, ``M2``, ``M3``, ``C1``-``C8``, ``VL``, ``IS``, ``SE``, ``NV``, ``SP``. Each row: RIS types (space
#: separated) -> {tag: the CSL variable it holds in those types, or None where the specification gives the
#: tag a meaning CSL has no variable for: the tag is then kept as an extra}. A tag a row does not name keeps
#: its usual meaning (``SINGLE_TAGS``: ``VL`` volume, ``IS`` issue, ``M3`` genre, ``SE`` section, ``NV``
#: number-of-volumes; ``SP`` with ``EP`` the page range) or, for the other tags, none (an extra).
#: ``SP`` None: a description (of an image, a map, a program), not pages. Where a type has several tags for
#: one variable, its row's first comes first: the writer writes it (when the value fits it, see ``CHECKED``),
#: the reader prefers it. Not mapped: names (``C4`` reviewer, ``C1`` cast ...), the tags that hold a part of
#: a date (``C2`` of CONF and PAT, ``C5`` of EBOOK, ``SE`` of EJOUR), ``C1`` of JOUR (legal note), ``C6``
#: (NIHMSID), ``C8``, and whatever the specification gives no CSL variable for (a patent's application
#: number, a manuscript's folio, a grant's amount).
TYPE_ROWS: dict[str, dict[str, str | None]] = {
    "JOUR ABST INPR JFULL": {"C2": "PMCID", "C7": "number", "SE": "page-first", "M2": "page-first"},
    "EJOUR": {"M1": "issue", "C3": "PMCID", "C5": "volume-title", "C7": "number", "NV": "number", "SE": None},
    "BOOK": {"M1": "collection-number", "SE": "page", "SP": "number-of-pages"},
    "EDBOOK CLSWK": {"M1": "collection-number", "SP": "number-of-pages"},
    "EBOOK": {"C7": "PMCID", "M3": "medium", "NV": "version", "SP": "number-of-pages"},
    "CHAP": {"C1": "section", "IS": "number-of-volumes", "M1": "number-of-volumes", "SE": "chapter-number"},
    "ECHAP": {"C1": "section", "C7": "PMCID", "M1": "collection-number", "SP": "number-of-pages"},
    "SER": {"C1": "section", "C2": "number", "M1": "collection-number", "SE": "chapter-number"},
    "CONF CPAPER": {"C3": "container-title", "C1": "publisher-place", "M1": "issue"},
    "THES": {"M1": "number", "SP": "number-of-pages", "VL": None},
    "RPRT": {"M1": "number", "C6": "issue", "NV": "collection-number"},
    "GOVDOC": {"M1": "number"},
    "MGZN": {"M1": "issue", "SE": "page-first", "NV": None},
    "NEWS": {"C2": "issue", "M1": "page-first", "NV": None},
    "CASE": {"SE": "submitted", "SP": "page-first", "M3": None, "NV": None},
    "PAT": {"C3": "jurisdiction", "C5": "references", "C6": "status", "VL": "version", "M1": None, "SE": None,
            "NV": None},
    "STAT": {"C6": "volume", "M1": "number", "NV": "number"},
    "BILL UNBILL HEAR GEN UNPB ANCIENT": {"M1": "number"},
    "AGGR": {"M1": "number", "SE": None},
    "ICOMM": {"NV": "number"},
    "PCOMM": {"NV": "number", "M1": None},
    "MANSCPT": {"NV": "number", "SE": "page-first", "M1": None},
    "LEGAL STAND": {"M1": "page-first", "VL": "number", "NV": None},
    "DICT": {"M1": "number", "SE": "version"},
    "CTLG": {"M1": "collection-number", "NV": "number", "SE": "number-of-pages"},
    "DATA": {"NV": "number", "SE": "original-date"},
    "GRANT": {"C5": "number", "M1": "status", "NV": None, "SE": None, "VL": None},
    "PAMP": {"M1": "collection-number", "M2": "number-of-pages", "VL": "number"},
    "ELEC WEB": {"M1": "accessed", "M3": "medium", "VL": None, "SP": None},
    "BLOG": {"M3": "medium", "SE": "number", "VL": None, "SP": None},
    "MPCT": {"M3": "medium", "C4": "genre", "SP": "dimensions"},
    "MUSIC": {"M3": "medium"},
    "MAP": {"C1": "scale", "C3": "dimensions", "SP": None},
    "ART": {"C3": "dimensions", "M1": "dimensions", "SP": None},
    "ADVS": {"C3": "dimensions", "M1": "number", "NV": None},
    "SLIDE SOUND VIDEO": {"C3": "dimensions", "M1": "number"},
    "CHART EQUA FIGURE": {"M1": "number", "VL": "dimensions", "SP": None},
    "COMP": {"VL": "edition", "SP": None},
    "MULTI": {"C5": "dimensions"},
}  # fmt: skip

#: ``TYPE_ROWS`` by RIS type.
TYPE_TABLE: dict[str, dict[str, str | None]] = {ty: row for types, row in TYPE_ROWS.items() for ty in types.split()}

#: Second names a type's table gives a variable: read, after the usual tags for it (never written while
#: one of those holds the value). A journal article's ``M1`` is its issue when it has no ``IS`` (EndNote's
#: export, Zotero's reading).
TYPE_ALSO_READ: dict[str, dict[str, str]] = {
    # EndNote writes a journal article's issue in M1 when it has no IS (as Zotero reads it); checked as a number
    "JOUR": {"M1": "issue"},
}

#: Tags a type reads as another variable when a second tag of the record holds a value: type -> {tag:
#: (variable, the second tag)}; without the second tag the tag keeps its usual meaning. The writer writes the
#: variable under the tag only when it writes the second tag too (else the value is carried in a note). A
#: conference paper's ``T2`` is the conference name (``event-title``) beside a ``C3`` proceedings title, as
#: the specification, EndNote and Zotero have them; alone it is the proceedings or journal title most
#: exporters put there (``container-title``, as for every type).
TYPE_READ_WITH: dict[str, dict[str, tuple[str, str]]] = {
    "CONF": {"T2": ("event-title", "C3")},
    "CPAPER": {"T2": ("event-title", "C3")},
}

#: What a value must look like to be read from (and written to) a tag of a type's row for these variables;
#: else the tag stays an extra (Scopus writes the PMID in ``C2``, PsycInfo via Ovid affiliations in ``M2``,
#: Embase affiliations in ``M1``). ``date`` = a date ``YYYY/MM/DD/`` can hold.
NUMBER_LIKE = r"(?=[^,;\n]{1,40}\Z)(?=\D*\d|[IVXLCDMivxlcdm]+\Z)\S+(?: \S+){0,3}"
CHECKED: dict[str, str] = {
    "PMCID": r"PMC\d+", "issue": NUMBER_LIKE, "number": NUMBER_LIKE, "volume": NUMBER_LIKE,
    "collection-number": NUMBER_LIKE, "number-of-volumes": NUMBER_LIKE, "page-first": NUMBER_LIKE,
    "chapter-number": NUMBER_LIKE, "submitted": "date", "original-date": "date", "accessed": "date",
}  # fmt: skip

#: ``AN`` (accession number) holds the record's archive location, but a bare number of up to eight
#: digits there is a PubMed id: EndNote stores a PubMed record's PMID in its Accession Number, Ovid
#: MEDLINE exports it there. Other databases' accession numbers have letters, dashes or more digits
#: (``WOS:000...``, ``CN-01234567``, ``rayyan-...``, Embase's ``L2004...``).
PMID_IN_AN = r"[1-9]\d{0,7}"

#: Name tags whose one line may hold a list of many people rather than one person's name: Ovid's PsycInfo
#: export writes the authors of the cited references, hundreds of ``Family, Initials`` joined by commas, in one
#: ``A2`` line. A value on one line with at least ``NAME_LIST_PARTS`` comma-separated parts of the shape
#: ``NAME_LIST_PART`` (one person's name has at most three: family, given, suffix) is no name: it stays an
#: extra under its tag (written back as it was), never an editor.
NAME_LIST_TAGS = frozenset({"A2", "ED", "A3"})
NAME_LIST_PARTS = 4
NAME_LIST_PART = r"(?:[^\W\d_]|[.'’-])+(?: (?:[^\W\d_]|[.'’-])+){0,5}"  # words of letters, dots, hyphens

#: Tag written for each variable when the record gives no hint of its own, for types whose table
#: (``TYPE_TABLE``) gives the variable no tag of its own; a tag the table gives to another variable, or to
#: none, is not written (the value is carried in a note, or left out).
CANONICAL_TAG: dict[str, str] = {
    "title": "TI", "container-title": "T2", "container-title-short": "J2", "collection-title": "T3",
    "title-short": "ST", "issued": "PY", "volume": "VL", "issue": "IS", "edition": "ET",
    "publisher": "PB", "publisher-place": "CY", "DOI": "DO", "abstract": "AB", "language": "LA",
    "call-number": "CN", "archive_location": "AN", "source": "DB", "genre": "M3", "section": "SE",
    "number-of-volumes": "NV", "reviewed-title": "RI", "accessed": "Y2", "PMID": "AN",
    "author": "AU", "editor": "A2", "collection-editor": "A3", "contributor": "A4", "translator": "TA",
    "keyword": "KW", "URL": "UR", "note": "N1", "ISSN": "SN", "ISBN": "SN",
}  # fmt: skip

#: Order in which the writer emits variables (TY and ID come first, extras and ER last).
WRITE_ORDER: tuple[str, ...] = (
    "title", "author", "editor", "collection-editor", "contributor", "translator", "container-title",
    "event-title", "collection-title", "container-title-short", "title-short", "issued", "volume", "issue", "page",
    "page-first", "number-of-pages", "edition", "publisher", "publisher-place", "ISSN", "ISBN", "DOI", "URL",
    "abstract", "keyword", "language", "genre", "medium", "section", "chapter-number", "number-of-volumes",
    "collection-number", "volume-title", "version", "status", "scale", "dimensions", "jurisdiction",
    "references", "reviewed-title", "call-number", "archive_location", "PMID", "PMCID", "number", "accessed",
    "submitted", "original-date", "source", "note",
)  # fmt: skip

DATE_TAGS = frozenset(SINGLE_TAGS["issued"])
