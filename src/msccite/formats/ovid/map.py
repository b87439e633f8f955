"""Ovid's text export as data: field labels, tags -> CSL variables, publication types -> CSL types.

Ovid writes the same fields two ways, chosen in its export dialogue: two-letter tags (``TI  - Title``) or the
field's long name on a line of its own with the value indented below it (``Title`` / ``  Title``). The long
names are mapped to the tags here (:data:`LABELS`), so that one table says what each field is. A field that
is in none of the tables below is kept as an extra under the key the file gives it (the tag or the label).

Sources: Ovid's database field guides (MEDLINE, Embase, PsycINFO, Journals@Ovid, BIOSIS, Zoological Record,
IPSA) and the exports in ``tests/data/zotero/ovid`` and ``tests/data/ovid``.
"""

from __future__ import annotations

#: Long field names (lower case, without a final colon) -> the tag the tagged export writes for the same field.
LABELS: dict[str, str] = {
    "version id": "VN", "database": "DB", "database code": "DC",
    "unique identifier": "UI", "accession number": "AN", "pubmed identifier": "PM", "medline pmid": "PM",
    "pubmed id": "PM", "pmid": "PM", "pmc identifier": "PMC",
    "authors": "AU", "author": "AU", "authors full name": "FA", "author's full name": "FA", "editors": "ED",
    "editor": "ED", "institution": "IN",
    "title": "TI", "original title": "OT", "translated title": "TT", "book title": "BT",
    "source": "SO", "abbreviated source": "AS", "journal name": "JN", "journal title": "JN",
    "iso journal abbreviation": "JA", "volume": "VO", "issue": "IP", "issue/part": "IP", "page": "PG", "pages": "PG",
    "year of publication": "YR", "date of publication": "DP", "electronic date of publication": "EP",
    "publisher": "PB", "place of publication": "PL", "edition": "EN",
    "issn": "IS", "issn print": "IS", "issn electronic": "ES", "issn linking": "IL", "isbn": "IB",
    "abstract": "AB", "language": "LG",
    "digital object identifier": "DO", "doi": "DO", "doi number": "DO",
    "publication type": "PT", "document type": "DT",
    "mesh subject headings": "MH", "subject headings": "MH", "emtree heading": "MH", "keyword heading": "KW",
    "keywords": "KW", "author keywords": "KW", "key phrase identifiers": "ID",
    "link to the ovid full text or citation": "XL", "link to the external link resolver": "XL", "url": "UR",
    "general note": "NT", "notes": "NT",
}  # fmt: skip

#: Fields that open a record and never repeat in one: met again, they start the next record (an export without
#: the ``<1>`` record numbers). Besides these, the first field of a record opens the next one when it comes again.
OPENING: frozenset[str] = frozenset({"VN", "DB", "UI", "AN"})

#: Fields that hold several values (one a line, or one a repeated tag): never taken for the start of a record.
REPEATING: frozenset[str] = frozenset({"AU", "FA", "ED", "IN", "PT", "DT", "MH", "KW", "XL", "UR", "IS", "ES", "IL",
                                       "IB", "NT", "CC", "ID"})  # fmt: skip

#: One-value fields -> CSL variable (a second value of the field stays an extra).
SINGLE: dict[str, str] = {
    "TI": "title", "OT": "original-title", "AB": "abstract", "LG": "language",
    "JN": "container-title", "JT": "container-title", "JA": "container-title-short", "TA": "container-title-short",
    "VO": "volume", "VI": "volume", "IP": "issue", "PG": "page", "EN": "edition", "PB": "publisher",
    "PL": "publisher-place", "DB": "source", "PN": "number", "PMC": "PMCID",
}  # fmt: skip

#: Fields whose values go to a list variable; each value as it is (``None``: split on ``;``).
LISTS: dict[str, tuple[str, str | None]] = {
    "MH": ("keyword", None), "KW": ("keyword", ";"), "XL": ("URL", None), "UR": ("URL", None),
    "IS": ("ISSN", None), "IT": ("ISSN", None), "ES": ("ISSN", None), "IL": ("ISSN", None), "NT": ("note", None),
}  # fmt: skip

#: Name fields -> CSL variable. ``FA`` (full names) is preferred to ``AU`` when a record has both.
NAMES: dict[str, str] = {"AU": "author", "FA": "author", "ED": "editor", "FED": "editor"}

#: Fields that hold a DOI (``10.1249/...``, or a ``https://dx.doi.org/`` link), a PubMed id.
DOI_TAGS: frozenset[str] = frozenset({"DO", "DI"})
PMID_TAGS: frozenset[str] = frozenset({"PM"})
#: ``UI`` is MEDLINE's PubMed id; in the other databases an accession number (kept as an extra).
UI_TAG = "UI"

#: Fields of the packed source citation (journal, volume, issue, pages, date), and of a chapter's book.
SOURCE_TAG, SHORT_SOURCE_TAG, BOOK_TAG = "SO", "AS", "BT"

#: PsycINFO's publisher: ``Cambridge University Press; United Kingdom`` (publisher; country).
PSYC_PUBLISHER_TAG = "PU"
#: PsycINFO's keywords: one comma-separated list (``ID``); in other databases ``ID`` is kept as an extra.
PSYC_KEYWORDS_TAG = "ID"

#: Publication types (``PT``, and ``DT``: document type), lower case, any part of a value -> CSL type. The rules
#: are tried in this order over all the record's values: a PsycINFO chapter is ``PT Book`` + ``DT Chapter``.
TYPE_RULES: tuple[tuple[str, str], ...] = (
    ("chapter", "chapter"), ("contribution", "chapter"),
    ("dissertation", "thesis"), ("thesis", "thesis"),
    ("patent", "patent"),
    ("conference abstract", "paper-conference"), ("conference paper", "paper-conference"),
    ("conference proceeding", "paper-conference"), ("conference review", "paper-conference"),
    ("technical report", "report"),
    ("newspaper", "article-newspaper"), ("legal case", "legal_case"), ("legislation", "legislation"),
    ("video-audio media", "motion_picture"),
    ("journal", "article-journal"), ("article", "article-journal"),
    ("book", "book"),
)  # fmt: skip
DEFAULT_TYPE = "article-journal"

#: The labels Journals@Ovid and PsycINFO add to the end of a title (``Title.  [Article]``); taken off, the title as
#: read kept as the extra ``TI``.
TITLE_LABELS: frozenset[str] = frozenset(
    """article report miscellaneous references editorial letter review comment commentary correspondence abstract
    erratum news feature""".split()
)

#: Degrees and honours after a name (``Gazic, Barbara MD, PhD``): taken off the given names, the name as read
#: kept as an extra (``AU@2``).
DEGREES: frozenset[str] = frozenset(
    """MD PhD Ph.D Ph.D. MPH MSc BSc MA BA MB MBBS MBChB MS BS RN BSN MSN DNP PharmD DDS DMD DO DrPH ScD DSc DPhil
    MBA MPA MEd EdD PsyD FACS FACP FACC FACSM FAAN FAAP FRCP FRCS FRCPC FRACP FRCSC CNM CRNA LPN APRN NP PA-C OTR
    OT PT DPT MFA MHS MHSc MSW LCSW""".split()
)

MONTHS: tuple[str, ...] = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
SEASONS: tuple[str, ...] = ("spring", "summer", "fall", "autumn", "winter")
