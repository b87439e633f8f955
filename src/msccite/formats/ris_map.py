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
    "issued": ("PY", "Y1", "DA"),
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

#: Journal-like RIS types: the specification's JOUR table gives C2 the PMCID and C7 the article number.
JOURNAL_TYPES = frozenset({"JOUR", "ABST", "INPR", "JFULL"})

#: Tags whose variable depends on the record's type (the RIS specification's tables, as EndNote and
#: citation-js read them): tag -> (the types it has this meaning for, CSL variable). Elsewhere the tag
#: is kept as it is (an extra).
TYPED_TAGS: dict[str, tuple[frozenset[str], str]] = {
    "C2": (JOURNAL_TYPES, "PMCID"),
    "C7": (JOURNAL_TYPES, "number"),
}

#: ``AN`` (accession number) holds the record's archive location, but a bare number of up to eight
#: digits there is a PubMed id: EndNote stores a PubMed record's PMID in its Accession Number, Ovid
#: MEDLINE exports it there. Other databases' accession numbers have letters, dashes or more digits
#: (``WOS:000...``, ``CN-01234567``, ``rayyan-...``, Embase's ``L2004...``).
PMID_IN_AN = r"[1-9]\d{0,7}"

#: Tag written for each single-valued variable when the record gives no hint of its own.
CANONICAL_TAG: dict[str, str] = {
    "title": "TI", "container-title": "T2", "container-title-short": "J2", "collection-title": "T3",
    "title-short": "ST", "issued": "PY", "volume": "VL", "issue": "IS", "edition": "ET",
    "publisher": "PB", "publisher-place": "CY", "DOI": "DO", "abstract": "AB", "language": "LA",
    "call-number": "CN", "archive_location": "AN", "source": "DB", "genre": "M3", "section": "SE",
    "number-of-volumes": "NV", "reviewed-title": "RI", "accessed": "Y2", "PMID": "AN", "PMCID": "C2", "number": "C7",
    "author": "AU", "editor": "A2", "collection-editor": "A3", "contributor": "A4", "translator": "TA",
    "keyword": "KW", "URL": "UR", "note": "N1", "ISSN": "SN", "ISBN": "SN",
}  # fmt: skip

#: Order in which the writer emits variables (TY and ID come first, extras and ER last).
WRITE_ORDER: tuple[str, ...] = (
    "title", "author", "editor", "collection-editor", "contributor", "translator", "container-title",
    "collection-title", "container-title-short", "title-short", "issued", "volume", "issue", "page",
    "edition", "publisher", "publisher-place", "ISSN", "ISBN", "DOI", "URL", "abstract", "keyword",
    "language", "genre", "section", "number-of-volumes", "reviewed-title", "call-number",
    "archive_location", "PMID", "PMCID", "number", "accessed", "source", "note",
)  # fmt: skip

DATE_TAGS = frozenset(SINGLE_TAGS["issued"])
