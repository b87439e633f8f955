"""Web of Science tags, document types and date words, as data for the reader (``docs/formats/wos.md``)."""

from __future__ import annotations

#: Tags whose continuation lines are further values (one person, address or reference a line).
MULTI_TAGS = frozenset({"AU", "AF", "BA", "BF", "BE", "ED", "CA", "GP", "CR", "C1", "C3", "RP"})
#: Tags whose continuation lines are wrapped text, joined with a space. Others join with a line break.
SPACE_TAGS = frozenset({"TI", "SO", "SE", "BS", "DE", "ID", "CT", "CY", "CL", "SP", "HO", "PU", "PI", "PA",
                        "FU", "FP", "WC", "SC", "EM", "RI", "OI", "JI", "J9", "DT", "LA"})  # fmt: skip

#: Single-valued tags -> CSL variable.
SINGLE_TAGS: dict[str, str] = {
    "TI": "title", "SO": "container-title", "SE": "collection-title", "VL": "volume", "IS": "issue",
    "AR": "number", "DI": "DOI", "PM": "PMID", "PU": "publisher", "PI": "publisher-place", "AB": "abstract",
    "LA": "language", "DT": "genre", "CT": "event-title", "CL": "event-place", "PG": "number-of-pages",
    "SU": "supplement", "PN": "part",
}  # fmt: skip

#: Publication type (PT) -> CSL type, before DT refines it.
PT_TO_CSL: dict[str, str] = {"J": "article-journal", "B": "book", "S": "chapter", "P": "patent",
                             "C": "paper-conference"}  # fmt: skip

#: Document type (DT, lower case) -> CSL type, whatever PT says.
DT_TO_CSL: dict[str, str] = {
    "proceedings paper": "paper-conference", "book chapter": "chapter", "book": "book",
    "book review": "review-book", "review of book": "review-book", "patent": "patent",
    "data set": "dataset", "data study": "dataset", "software": "software", "thesis": "thesis",
    "dissertation": "thesis", "dissertation/thesis": "thesis",
}  # fmt: skip

#: Month names and abbreviations (upper case, as PD and CY write them) -> month number.
MONTHS = {m: i for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), 1)}
MONTHS.update({m: i for i, m in enumerate("JANUARY FEBRUARY MARCH APRIL MAY JUNE JULY AUGUST SEPTEMBER OCTOBER "
                                          "NOVEMBER DECEMBER".split(), 1)})  # fmt: skip
MONTHS.update({"SEPT": 9})
#: Seasons (PD ``SPR``, ``SUMMER`` ...) -> CSL season number.
SEASONS = {"SPR": 1, "SPRING": 1, "SUM": 2, "SUMMER": 2, "FAL": 3, "FALL": 3, "AUT": 3, "AUTUMN": 3,
           "WIN": 4, "WINTER": 4}  # fmt: skip
