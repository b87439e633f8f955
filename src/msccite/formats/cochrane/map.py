"""The Cochrane Library plain-text tables: tag -> CSL variable, as data.

Tags are those of the cochranelibrary.com export (*Export selected citation(s)* -> *Plain text*):
Cochrane Database of Systematic Reviews records (``ID: CD009275``) and CENTRAL trial records
(``ID: CN-01234567``) share them. A tag not listed here is kept as an extra under its own name.
"""

from __future__ import annotations

#: One-value tags -> CSL variable (a second value of the same tag stays an extra, in its place).
SINGLE_TAGS: dict[str, str] = {
    "TI": "title",
    "SO": "container-title",  # the journal; "Cochrane Database of Systematic Reviews" for a review
    "VL": "volume",
    "NO": "issue",  # the issue (of the Cochrane Library for a review: "Issue 2")
    "PG": "page",
    "AB": "abstract",
    "DOI": "DOI",
    "PB": "publisher",
}

#: Tags whose value is a list, split on ``;``, each part added to a list variable.
LIST_TAGS: dict[str, str] = {"KY": "keyword"}

#: Tags whose every line (each one value) is added to a list variable.
MULTI_TAGS: dict[str, str] = {"US": "URL"}

#: Tags of people: one person a value, several on a line separated by ``;``; family name first.
NAME_TAGS: dict[str, str] = {"AU": "author"}

#: The year of publication.
YEAR_TAG = "YR"

#: The record's identifier: a review's ``CD…`` number is its article number ("Art. No.: CD009275"), CSL ``number``;
#: a CENTRAL accession (``CN-…``) or anything else stays the extra ``ID``.
ID_TAG = "ID"
ID_VARIABLE = "number"
REVIEW_ID = r"CD\d{6}(?:\.PUB\d+)?"

#: The PubMed id: ``PM: 12345678`` or ``PM: PUBMED 12345678``.
PMID_TAG = "PM"
#: Cross-references (``XR: PUBMED 21314913, EMBASE 643589775``): kept whole as an extra; the PubMed number
#: among them is the ``PMID`` when there is no ``PM``.
XREF_TAG = "XR"

#: Tags kept as extras on purpose (no CSL variable holds them): publication types, Cochrane review group codes,
#: cross-references, accession numbers, e-mail/Embase notes, update notes. (Any tag not in a table above is kept
#: the same way; the list is what the documentation names.)
EXTRA_TAGS: frozenset[str] = frozenset({"PT", "CC", "XR", "AN", "EM", "UP"})

#: A publication type (``PT``, lower case, any part of it) -> CSL type; everything else is article-journal
#: (a review is an article in the journal "Cochrane Database of Systematic Reviews", a CENTRAL record most often
#: a journal article). ``PT`` itself is always kept as an extra.
PT_TO_TYPE: dict[str, str] = {
    "conference abstract": "paper-conference",
    "conference proceeding": "paper-conference",
    "conference paper": "paper-conference",
}
DEFAULT_TYPE = "article-journal"
