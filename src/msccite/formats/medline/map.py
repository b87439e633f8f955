"""The MEDLINE (PubMed format, ``.nbib``) tables: tag order, tag <-> CSL variable, publication types."""

from __future__ import annotations

#: The order PubMed writes its tags in (NLM's MEDLINE/PubMed field descriptions, checked against
#: PubMed's own files). The writer follows it; a tag not listed goes just before ``EDAT``.
TAG_ORDER: tuple[str, ...] = tuple(
    """PMID OWN STAT DCOM LR IS VI IP DP TI BTI CTI VTI TT PG LID AB CI FED ED FAU AU AUID AD CN
    FIR IR IRAD LA SI GR PT DEP PL TA JT JID RN NM SB CON CIN CRI CRF DDIN DRIN EIN ECI ECF EFR ORI PRIN
    PROF RIN ROF RPI RPF SPIN UIN UOF MH PMC OAB OABL OTO OT COIS PS FPS PB EN ISBN GN GS MID OID EDAT MHDA PMCR
    CRDT DRDT CTDT PHST AID PST SO""".split()
)
ORDER_INDEX: dict[str, int] = {tag: i for i, tag in enumerate(TAG_ORDER)}
UNKNOWN_RANK = ORDER_INDEX["EDAT"] - 0.5

#: One-value tags mapped to a CSL variable (a second value of the same tag stays an extra).
SINGLE_TAGS: dict[str, str] = {
    "PMID": "PMID",
    "PMC": "PMCID",
    "TI": "title",
    "CTI": "collection-title",
    "VTI": "volume-title",
    "TT": "original-title",
    "AB": "abstract",
    "VI": "volume",
    "IP": "issue",
    "PG": "page",
    "TA": "container-title-short",
    "JT": "container-title",
    "LA": "language",
    "PL": "publisher-place",
    "PB": "publisher",
    "EN": "edition",
}
VARIABLE_TAG: dict[str, str] = {var: tag for tag, var in SINGLE_TAGS.items()}

#: Multi-valued tags mapped to a list variable.
LIST_TAGS: dict[str, str] = {"IS": "ISSN", "ISBN": "ISBN", "MH": "keyword", "OT": "keyword", "GN": "note"}

#: Name tags: full form, abbreviated form, the CSL variable. ``CN`` is a collective author.
NAME_TAGS: dict[str, tuple[str, str]] = {"FAU": ("AU", "author"), "FED": ("ED", "editor")}
SHORT_NAME_TAGS: dict[str, str] = {"AU": "author", "ED": "editor"}
#: Tags that belong to the person named just before them: kept as extras ``TAG@n`` (n counts from 1).
PERSON_TAGS = frozenset({"AD", "AUID"})

#: Publication types (PT) that decide the CSL type, first match wins; anything else is a journal article.
PT_TO_TYPE: dict[str, str] = {
    "Preprint": "article",
    "Dataset": "dataset",
    "Book Chapter": "chapter",
    "Book": "book",
    "Congress": "paper-conference",
    "Technical Report": "report",
    "Patent": "patent",
    "Legal Case": "legal_case",
    "Legislation": "legislation",
    "Newspaper Article": "article-newspaper",
    "Webcast": "broadcast",
    "Video-Audio Media": "motion_picture",
}
#: The publication type the writer gives a record of a CSL type when the record carries none.
TYPE_TO_PT: dict[str, str] = {
    "article-journal": "Journal Article",
    "article": "Preprint",
    "dataset": "Dataset",
    "chapter": "Book Chapter",
    "book": "Book",
    "paper-conference": "Congress",
    "report": "Technical Report",
    "patent": "Patent",
    "legal_case": "Legal Case",
    "legislation": "Legislation",
    "article-newspaper": "Newspaper Article",
    "broadcast": "Webcast",
    "motion_picture": "Video-Audio Media",
}

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
SEASONS = ("Spring", "Summer", "Fall", "Autumn", "Winter")
